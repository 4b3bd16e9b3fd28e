package evaluator_test

import (
	"fmt"
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

// TestAccessPointKeyConditions checks conditions on the keys the evaluator
// sets for a request through its access point. In each case an
// identity-based policy allows s3:GetObject under the condition. The keys
// are absent from a direct request and contain the access point's settings
// through the access point.
func TestAccessPointKeyConditions(t *testing.T) {
	tests := []struct {
		name               string
		statements         string
		wantDirect, wantAP evaluator.Decision
	}{
		{"account equals", allowWhen(`{"StringEquals": {"s3:DataAccessPointAccount": "111122223333"}}`),
			evaluator.ImplicitDeny, evaluator.Allow},
		{"other account", allowWhen(`{"StringEquals": {"s3:DataAccessPointAccount": "444455556666"}}`),
			evaluator.ImplicitDeny, evaluator.ImplicitDeny},
		{"negated on an absent key", allowWhen(`{"StringNotEquals": {"s3:DataAccessPointAccount": "444455556666"}}`),
			evaluator.Allow, evaluator.Allow},
		{"IfExists on an absent key", allowWhen(`{"StringEqualsIfExists": {"s3:DataAccessPointArn": "arn:aws:s3:us-west-2:111122223333:accesspoint/other"}}`),
			evaluator.Allow, evaluator.ImplicitDeny},
		{"Null true", allowWhen(`{"Null": {"s3:DataAccessPointArn": "true"}}`),
			evaluator.Allow, evaluator.ImplicitDeny},
		{"Null false", allowWhen(`{"Null": {"s3:DataAccessPointArn": "false"}}`),
			evaluator.ImplicitDeny, evaluator.Allow},
		{"ArnLike on the access point", allowWhen(`{"ArnLike": {"s3:DataAccessPointArn": "arn:aws:s3:*:111122223333:accesspoint/*"}}`),
			evaluator.ImplicitDeny, evaluator.Allow},
		{"ForAnyValue on an absent key", allowWhen(`{"ForAnyValue:StringEquals": {"s3:AccessPointNetworkOrigin": "Internet"}}`),
			evaluator.ImplicitDeny, evaluator.Allow},
		{"ForAllValues on an absent key", allowWhen(`{"ForAllValues:StringEquals": {"s3:AccessPointNetworkOrigin": "VPC"}}`),
			evaluator.Allow, evaluator.ImplicitDeny},
		{"key in mixed case", allowWhen(`{"StringEquals": {"S3:dataAccessPointARN": "arn:aws:s3:us-west-2:111122223333:accesspoint/ap"}}`),
			evaluator.ImplicitDeny, evaluator.Allow},
		{"key with a long s", allowWhen(`{"StringEquals": {"ſ3:DataAccessPointArn": "arn:aws:s3:us-west-2:111122223333:accesspoint/ap"}}`),
			evaluator.ImplicitDeny, evaluator.Allow},
		{"value with a variable", allowWhen(`{"StringEquals": {"s3:DataAccessPointAccount": "${aws:PrincipalAccount}"}}`),
			evaluator.ImplicitDeny, evaluator.Allow},
		{"access point key with another key", allowWhen(`{"StringEquals": {"s3:DataAccessPointAccount": "111122223333", "aws:username": "alice"}}`),
			evaluator.ImplicitDeny, evaluator.Allow},
		{"access point key and another key that fails", allowWhen(`{"StringEquals": {"s3:DataAccessPointAccount": "111122223333", "aws:username": "bob"}}`),
			evaluator.ImplicitDeny, evaluator.ImplicitDeny},
		{"resource variable", `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": [
				"arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/${s3:DataAccessPointAccount}/*",
				"arn:aws:s3:::b1/${s3:DataAccessPointAccount}/*"]}`,
			evaluator.ImplicitDeny, evaluator.Allow},
		{"deny through access points", `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
			{"Effect": "Deny", "Action": "s3:*", "Resource": "*",
				"Condition": {"StringLike": {"s3:DataAccessPointArn": "*"}}}`,
			evaluator.Allow, evaluator.ExplicitDeny},
	}
	ap := &evaluator.AccessPoint{ARN: apARN, Bucket: "b1", BucketAccount: accountA, NetworkOrigin: "Internet"}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev := mustNew(t, evaluator.PolicySet{
				AccessPoint: ap,
				Identity:    []*policy.Policy{mustPolicy(t, `{"Version": "2012-10-17", "Statement": [`+tc.statements+`]}`)},
			})
			direct := newRequest(t, alice, "s3:GetObject", "arn:aws:s3:::b1/111122223333/k", accountA, nil)
			through := newRequest(t, alice, "s3:GetObject", apARN+"/object/111122223333/k", accountA, nil)

			for _, c := range []struct {
				name string
				req  *evaluator.Request
				want evaluator.Decision
			}{{"direct", direct, tc.wantDirect}, {"through the access point", through, tc.wantAP}} {
				res := ev.Evaluate(c.req)
				require.NoError(t, res.Err, c.name)
				assert.Equal(t, c.want, res.Decision, "%s: decision", c.name)
				assert.ElementsMatch(t, matched(res), explained(ev.Explain(c.req)), "%s: statements that Evaluate matched and Explain applied", c.name)
			}
		})
	}
}

// allowWhen returns a statement allowing s3:GetObject on every resource
// under the Condition element cond.
func allowWhen(cond string) string {
	return `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": ` + cond + `}`
}

// explained lists the statements that applied in some gate of x, as
// matched lists them.
func explained(x *evaluator.Explanation) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, g := range x.Gates {
		for _, p := range g.Policies {
			for _, s := range p.Statements {
				key := fmt.Sprintf("%s#%d", p.Policy, s.Index)
				if s.Applied && !seen[key] {
					seen[key] = true
					out = append(out, key)
				}
			}
		}
	}
	return out
}

// TestAccessPointKeysGuarded checks that a caller may not set an access
// point key that a policy tests, whatever case or folding the policy
// spells it in, on a direct request or through the access point.
func TestAccessPointKeysGuarded(t *testing.T) {
	tests := []struct {
		name, key string
	}{
		{"as AWS spells it", "s3:DataAccessPointArn"},
		{"mixed case", "S3:dataAccessPointARN"},
		{"long s", "ſ3:DataAccessPointArn"},
	}
	ap := &evaluator.AccessPoint{ARN: apARN, Bucket: "b1", BucketAccount: accountA, NetworkOrigin: "Internet"}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev := mustNew(t, evaluator.PolicySet{
				AccessPoint: ap,
				Identity: []*policy.Policy{mustPolicy(t, `{"Version": "2012-10-17", "Statement": [`+
					allowWhen(`{"StringEquals": {"`+tc.key+`": "`+apARN+`"}}`)+`]}`)},
			})
			context := map[string]string{"s3:DataAccessPointArn": apARN}
			for _, resource := range []string{"arn:aws:s3:::b1/k", apARN + "/object/k"} {
				res := ev.Evaluate(newRequest(t, alice, "s3:GetObject", resource, accountA, context))
				assert.ErrorIs(t, res.Err, evaluator.ErrInvalidRequest, resource)
				assert.Equal(t, evaluator.ImplicitDeny, res.Decision, resource)
			}
		})
	}
}
