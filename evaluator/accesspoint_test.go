package evaluator_test

import (
	"strings"
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

// TestAccessPointAllocations checks that a request through an access
// point allocates nothing, whether it names the access point itself or an
// object, whose bucket ARN is built on the stack, up to the longest key S3
// accepts. A longer key costs one allocation.
func TestAccessPointAllocations(t *testing.T) {
	ev := accessPointEvaluator(t, "Internet", "")
	tests := []struct {
		name     string
		action   string
		resource string
		allocs   float64
	}{
		{"access point", "s3:ListBucket", apARN, 0},
		{"object", "s3:GetObject", apObject, 0},
		{"object with a 300-byte key", "s3:GetObject", apARN + "/object/" + strings.Repeat("k", 300), 0},
		{"object with a 1024-byte key", "s3:GetObject", apARN + "/object/" + strings.Repeat("k", 1024), 0},
		{"object with a 2000-byte key", "s3:GetObject", apARN + "/object/" + strings.Repeat("k", 2000), 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := newRequest(t, alice, tc.action, tc.resource, accountA, nil)
			require.Equal(t, evaluator.Allow, ev.Evaluate(req).Decision)
			assert.Equal(t, tc.allocs, testing.AllocsPerRun(100, func() { ev.Evaluate(req) }))
		})
	}
}

// TestAccessPointResourceForms checks the resources that start with the
// ARN of the access point but do not name it or an object through it:
// they are matched directly against the bucket policy, like any other ARN.
func TestAccessPointResourceForms(t *testing.T) {
	ev := accessPointEvaluator(t, "Internet", "")
	tests := []struct {
		name     string
		resource string
		want     evaluator.Decision
		reason   evaluator.Reason
	}{
		{"object key", apARN + "/object/k", evaluator.Allow, evaluator.ReasonNone},
		{"empty object key", apARN + "/object/", evaluator.ImplicitDeny, evaluator.ReasonNoAllow},
		{"other suffix", apARN + "/job/1", evaluator.ImplicitDeny, evaluator.ReasonNoAllow},
		{"longer name", apARN + "2/object/k", evaluator.ImplicitDeny, evaluator.ReasonUnknownAccessPoint},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := ev.Evaluate(newRequest(t, alice, "s3:GetObject", tc.resource, accountA, nil))
			assert.Equal(t, tc.want, res.Decision)
			assert.Equal(t, tc.reason, res.Reason)
		})
	}
}
