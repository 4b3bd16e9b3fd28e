package evaluator_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

const (
	apARN    = "arn:aws:s3:us-west-2:111122223333:accesspoint/ap"
	apObject = apARN + "/object/reports/q4.pdf"
)

// accessPointEvaluator builds an evaluator for the access point ap of
// bucket b1 whose policies let anyone read through it, the bucket policy
// delegating to access points of the owner account.
func accessPointEvaluator(t testing.TB, origin, vpc string) *evaluator.Evaluator {
	t.Helper()
	return mustNew(t, evaluator.PolicySet{
		AccessPoint: &evaluator.AccessPoint{
			ARN: apARN, Bucket: "b1", BucketAccount: accountA, NetworkOrigin: origin, VPCID: vpc,
		},
		AccessPointPolicy: mustPolicy(t, `{"Statement": [{"Effect": "Allow", "Principal": "*",
			"Action": ["s3:GetObject", "s3:ListBucket", "s3:PutBucketTagging"],
			"Resource": ["arn:aws:s3:us-west-2:111122223333:accesspoint/ap", "arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/*"]}]}`),
		Resource: mustPolicy(t, `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*",
			"Resource": ["arn:aws:s3:::b1", "arn:aws:s3:::b1/*"],
			"Condition": {"StringEquals": {"s3:DataAccessPointAccount": "111122223333"}}}]}`),
	})
}

func TestAccessPointRequests(t *testing.T) {
	internet := accessPointEvaluator(t, "Internet", "")
	vpc := accessPointEvaluator(t, "VPC", "vpc-1")
	tests := []struct {
		name                       string
		ev                         *evaluator.Evaluator
		principal, action, resouce string
		context                    map[string]string
		want                       evaluator.Decision
		wantReason                 evaluator.Reason
	}{
		{"object read", internet, alice, "s3:GetObject", apObject, nil, evaluator.Allow, evaluator.ReasonNone},
		{"list through the access point", internet, alice, "s3:ListBucket", apARN, nil, evaluator.Allow, evaluator.ReasonNone},
		{"action case ignored", internet, alice, "S3:GETOBJECT", apObject, nil, evaluator.Allow, evaluator.ReasonNone},
		{"direct bucket request", internet, alice, "s3:GetObject", "arn:aws:s3:::b1/reports/q4.pdf", nil,
			evaluator.ImplicitDeny, evaluator.ReasonNoAllow},
		{"unsupported operation", internet, alice, "s3:PutBucketTagging", apARN, nil,
			evaluator.ImplicitDeny, evaluator.ReasonUnsupportedViaAccessPoint},
		{"other service", internet, alice, "ec2:DescribeInstances", apARN, nil,
			evaluator.ImplicitDeny, evaluator.ReasonUnsupportedViaAccessPoint},
		{"anonymous", internet, "anonymous", "s3:GetObject", apObject, nil,
			evaluator.ImplicitDeny, evaluator.ReasonAnonymousViaAccessPoint},
		{"plain HTTP", internet, alice, "s3:GetObject", apObject, map[string]string{"aws:SecureTransport": "false"},
			evaluator.ImplicitDeny, evaluator.ReasonInsecureTransport},
		{"HTTPS", internet, alice, "s3:GetObject", apObject, map[string]string{"aws:SecureTransport": "true"},
			evaluator.Allow, evaluator.ReasonNone},
		{"unknown access point", internet, alice, "s3:GetObject", "arn:aws:s3:us-west-2:111122223333:accesspoint/other/object/k", nil,
			evaluator.ImplicitDeny, evaluator.ReasonUnknownAccessPoint},
		{"same name in another region", internet, alice, "s3:GetObject", "arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/k", nil,
			evaluator.ImplicitDeny, evaluator.ReasonUnknownAccessPoint},
		{"VPC access point from its VPC", vpc, alice, "s3:GetObject", apObject, map[string]string{"aws:SourceVpc": "vpc-1"},
			evaluator.Allow, evaluator.ReasonNone},
		{"VPC access point from another VPC", vpc, alice, "s3:GetObject", apObject, map[string]string{"aws:SourceVpc": "vpc-2"},
			evaluator.ImplicitDeny, evaluator.ReasonNetworkOrigin},
		{"VPC access point from the internet", vpc, alice, "s3:GetObject", apObject, nil,
			evaluator.ImplicitDeny, evaluator.ReasonNetworkOrigin},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := tc.ev.Evaluate(newRequest(t, tc.principal, tc.action, tc.resouce, accountA, tc.context))
			assert.Equal(t, tc.want, res.Decision)
			assert.Equal(t, tc.wantReason, res.Reason)
		})
	}
}

func TestAccessPointWithoutSettings(t *testing.T) {
	ev := mustNew(t, evaluator.PolicySet{Identity: []*policy.Policy{
		mustPolicy(t, `{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}`),
	}})
	res := ev.Evaluate(newRequest(t, alice, "s3:GetObject", apObject, accountA, nil))
	assert.Equal(t, evaluator.ImplicitDeny, res.Decision)
	assert.Equal(t, evaluator.ReasonUnknownAccessPoint, res.Reason)
}

// TestAccessPointGatesNeedIdentityForBoth checks that an identity grant on
// one form of the ARN opens only one gate.
func TestAccessPointGatesNeedIdentityForBoth(t *testing.T) {
	ap := &evaluator.AccessPoint{ARN: apARN, Bucket: "b1", BucketAccount: accountA, NetworkOrigin: "Internet"}
	tests := []struct {
		name      string
		resources string
		want      evaluator.Decision
	}{
		{"both forms", `["arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/*", "arn:aws:s3:::b1/*"]`, evaluator.Allow},
		{"access point form only", `"arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/*"`, evaluator.ImplicitDeny},
		{"bucket form only", `"arn:aws:s3:::b1/*"`, evaluator.ImplicitDeny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev := mustNew(t, evaluator.PolicySet{
				AccessPoint: ap,
				Identity: []*policy.Policy{mustPolicy(t, `{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
					"Resource": `+tc.resources+`}]}`)},
			})
			res := ev.Evaluate(newRequest(t, alice, "s3:GetObject", apObject, accountA, nil))
			assert.Equal(t, tc.want, res.Decision)
		})
	}
}

// TestAccessPointAllocations checks the cost stated in the documentation:
// a request on an object through an access point allocates its bucket ARN,
// a request on the access point itself nothing.
func TestAccessPointAllocations(t *testing.T) {
	ev := accessPointEvaluator(t, "Internet", "")
	object := newRequest(t, alice, "s3:GetObject", apObject, accountA, nil)
	bucket := newRequest(t, alice, "s3:ListBucket", apARN, accountA, nil)
	require.Equal(t, evaluator.Allow, ev.Evaluate(object).Decision)
	require.Equal(t, evaluator.Allow, ev.Evaluate(bucket).Decision)
	assert.Equal(t, 1.0, testing.AllocsPerRun(100, func() { ev.Evaluate(object) }))
	assert.Zero(t, testing.AllocsPerRun(100, func() { ev.Evaluate(bucket) }))
}

func BenchmarkEvaluateAccessPoint(b *testing.B) {
	ev := accessPointEvaluator(b, "Internet", "")
	req := newRequest(b, alice, "s3:GetObject", apObject, accountA, map[string]string{"aws:SecureTransport": "true"})
	if res := ev.Evaluate(req); res.Decision != evaluator.Allow {
		b.Fatalf("decision %s, want Allow", res.Decision)
	}
	b.ReportAllocs()
	for b.Loop() {
		ev.Evaluate(req)
	}
}
