package evaluator_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

// statementLine sums up a StatementExplanation for comparison.
type statementLine struct {
	Policy        string
	Index         int
	Applied       bool
	Indeterminate bool
	Failed        string
	Detail        string
}

func explainLines(x *evaluator.Explanation) []statementLine {
	var out []statementLine
	for _, gx := range x.Gates {
		for _, px := range gx.Policies {
			for _, sx := range px.Statements {
				out = append(out, statementLine{px.Policy.String(), sx.Index, sx.Applied, sx.Indeterminate, sx.Failed, sx.Detail})
			}
		}
	}
	return out
}

func TestExplainNamesTheFailedElement(t *testing.T) {
	identity := mustPolicy(t, `{"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"},
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::other/*"},
		{"Effect": "Allow", "NotAction": "s3:Get*", "Resource": "*"},
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/${aws:PrincipalTag/team}/*"},
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
			"Condition": {"StringEquals": {"s3:ExistingObjectTag/data": "public"}}},
		{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*",
			"Condition": {"StringEquals": {"aws:TagKeys": "a"}}}
	]}`)
	bucket := mustPolicy(t, `{"Statement": [
		{"Sid": "Bob", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/bob"}, "Action": "s3:GetObject", "Resource": "*"},
		{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/bob"}, "Action": "s3:GetObject", "Resource": "*"}
	]}`)
	ev := mustNew(t, evaluator.PolicySet{Identity: []*policy.Policy{identity}, Resource: bucket})
	p := evaluator.MustParsePrincipal(alice, "")
	req := &evaluator.Request{
		Principal: p, Action: "s3:GetObject", Resource: "arn:aws:s3:::b1/k", ResourceAccount: accountA,
		Context: condition.NewContext(map[string][]string{
			"s3:ExistingObjectTag/data": {"secret"},
			"aws:TagKeys":               {"a", "b"},
		}),
	}
	x := ev.Explain(req)
	assert.Equal(t, evaluator.ExplicitDeny, x.Result.Decision)

	want := []statementLine{
		{"identity[0]", 0, false, false, "Action", `action "s3:GetObject" matches none of ["s3:PutObject"]`},
		{"identity[0]", 1, false, false, "Resource", `resource "arn:aws:s3:::b1/k" matches none of ["arn:aws:s3:::other/*"]`},
		{"identity[0]", 2, false, false, "NotAction", `action "s3:GetObject" is excluded by NotAction ["s3:Get*"]`},
		{"identity[0]", 3, false, false, "Resource", `resource "arn:aws:s3:::b1/k" matches none of ["arn:aws:s3:::b1/${aws:PrincipalTag/team}/*"]; ` +
			`policy variables ${aws:PrincipalTag/team} have no single value in the request, so their patterns match nothing`},
		{"identity[0]", 4, false, false, "Condition", `StringEquals on "s3:ExistingObjectTag/data" is false: request values ["secret"], policy values ["public"]`},
		{"identity[0]", 5, true, true, "", "the Condition element is indeterminate, so this Deny applies"},
		{"resource", 0, false, false, "Principal", `principal "arn:aws:iam::111122223333:user/alice" is not named by the Principal element`},
		{"resource", 1, false, false, "NotPrincipal", "an Allow statement with NotPrincipal never grants access: AWS supports NotPrincipal with Deny only"},
	}
	if diff := cmp.Diff(want, explainLines(x)); diff != "" {
		t.Errorf("explanation (-want +got):\n%s", diff)
	}

	cond := x.Gates[0].Policies[0].Statements[4].Conditions
	require.Len(t, cond, 1)
	assert.Equal(t, evaluator.ConditionExplanation{
		Operator: "StringEquals", Key: "s3:ExistingObjectTag/data",
		PolicyValues: []string{"public"}, RequestValues: []string{"secret"}, Outcome: condition.False,
	}, cond[0])
	assert.Equal(t, evaluator.PolicyDenied, x.Gates[0].Policies[0].Outcome)
	assert.Equal(t, evaluator.PolicyNotApplicable, x.Gates[0].Policies[1].Outcome)
	assert.Contains(t, x.String(), "decision: ExplicitDeny")
}

func TestExplainSkippedPolicies(t *testing.T) {
	scp := mustPolicy(t, `{"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}`)
	identity := mustPolicy(t, `{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`)
	bucket := mustPolicy(t, `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/*"}]}`)
	ev := mustNew(t, evaluator.PolicySet{Identity: []*policy.Policy{identity}, Resource: bucket, SCPs: [][]*policy.Policy{{scp}}})
	x := ev.Explain(newRequest(t, "anonymous", "s3:GetObject", "arn:aws:s3:::b1/k", accountA, nil))

	assert.Equal(t, evaluator.Allow, x.Result.Decision)
	require.Len(t, x.Gates, 1)
	got := map[string]evaluator.PolicyOutcome{}
	for _, px := range x.Gates[0].Policies {
		got[px.Policy.String()] = px.Outcome
		if px.Outcome == evaluator.PolicySkipped {
			assert.NotEmpty(t, px.Note)
		}
	}
	assert.Equal(t, map[string]evaluator.PolicyOutcome{
		"scp[0][0]":   evaluator.PolicySkipped,
		"identity[0]": evaluator.PolicySkipped,
		"resource":    evaluator.PolicyAllowed,
	}, got)
}

func TestExplainAccessPoint(t *testing.T) {
	ap := evaluator.AccessPoint{
		ARN: "arn:aws:s3:us-west-2:111122223333:accesspoint/ap", Bucket: "b1",
		BucketAccount: accountA, NetworkOrigin: "VPC", VPCID: "vpc-1",
	}
	ev := mustNew(t, evaluator.PolicySet{
		AccessPoint:       &ap,
		AccessPointPolicy: mustPolicy(t, `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}`),
	})
	object := "arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/k"

	inside := ev.Explain(newRequest(t, alice, "s3:GetObject", object, accountA, map[string]string{"aws:SourceVpc": "vpc-1"}))
	require.Len(t, inside.Gates, 2)
	assert.Equal(t, "access point", inside.Gates[0].Name)
	assert.Equal(t, object, inside.Gates[0].Resource)
	assert.Equal(t, "bucket", inside.Gates[1].Name)
	assert.Equal(t, "arn:aws:s3:::b1/k", inside.Gates[1].Resource)
	assert.Equal(t, evaluator.ImplicitDeny, inside.Result.Decision, "no bucket policy")

	outside := ev.Explain(newRequest(t, alice, "s3:GetObject", object, accountA, map[string]string{"aws:SourceVpc": "vpc-2"}))
	assert.Empty(t, outside.Gates)
	assert.Equal(t, evaluator.ReasonNetworkOrigin, outside.Result.Reason)
	assert.Contains(t, outside.Rejected, "VPC")
}

func TestExplainIndeterminateResource(t *testing.T) {
	identity := mustPolicy(t, `{"Statement": [
		{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "arn:aws:s3:::*"},
		{"Effect": "Deny", "Action": "s3:ListAllMyBuckets", "Resource": "arn:aws:s3:::*"}]}`)
	ev := mustNew(t, evaluator.PolicySet{Identity: []*policy.Policy{identity}})
	x := ev.Explain(newRequest(t, alice, "s3:ListAllMyBuckets", "*", accountA, nil))
	assert.Equal(t, evaluator.ExplicitDeny, x.Result.Decision)
	lines := explainLines(x)
	require.Len(t, lines, 2)
	assert.False(t, lines[0].Applied)
	assert.True(t, lines[0].Indeterminate)
	assert.Equal(t, "Resource", lines[0].Failed)
	assert.True(t, lines[1].Applied)
	assert.True(t, lines[1].Indeterminate)
}
