package evaluator_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

func TestParsePrincipal(t *testing.T) {
	tests := []struct {
		name, text, issuer string
		wantType           evaluator.PrincipalType
		wantAccount        string
		wantIssuer         string
	}{
		{"user", "arn:aws:iam::111122223333:user/alice", "", evaluator.PrincipalUser, accountA, ""},
		{"user with path", "arn:aws:iam::111122223333:user/dev/ops/alice", "", evaluator.PrincipalUser, accountA, ""},
		{"role", "arn:aws:iam::111122223333:role/app/Dev", "", evaluator.PrincipalRole, accountA, "arn:aws:iam::111122223333:role/app/Dev"},
		{"session", "arn:aws:sts::111122223333:assumed-role/Dev/s1", "", evaluator.PrincipalRoleSession, accountA, "arn:aws:iam::111122223333:role/Dev"},
		{"session with issuer", "arn:aws:sts::111122223333:assumed-role/Dev/s1", "arn:aws:iam::111122223333:role/app/Dev",
			evaluator.PrincipalRoleSession, accountA, "arn:aws:iam::111122223333:role/app/Dev"},
		{"federated user", "arn:aws:sts::111122223333:federated-user/bob", "", evaluator.PrincipalFederatedUser, accountA, ""},
		{"federated user with issuer", "arn:aws:sts::111122223333:federated-user/bob", "arn:aws:iam::111122223333:user/alice",
			evaluator.PrincipalFederatedUser, accountA, "arn:aws:iam::111122223333:user/alice"},
		{"root", "arn:aws:iam::111122223333:root", "", evaluator.PrincipalRoot, accountA, ""},
		{"China partition", "arn:aws-cn:iam::111122223333:user/alice", "", evaluator.PrincipalUser, accountA, ""},
		{"service", "cloudtrail.amazonaws.com", "", evaluator.PrincipalService, "", ""},
		{"anonymous", "anonymous", "", evaluator.PrincipalAnonymous, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := evaluator.ParsePrincipal(tc.text, tc.issuer)
			require.NoError(t, err)
			assert.Equal(t, tc.wantType, p.Type())
			assert.Equal(t, tc.wantAccount, p.Account())
			assert.Equal(t, tc.wantIssuer, p.Issuer())
			assert.Equal(t, tc.text, p.String())
			assert.True(t, p.IsValid())
		})
	}
}

func TestParsePrincipalErrors(t *testing.T) {
	tests := []struct{ name, text, issuer string }{
		{"empty", "", ""},
		{"star", "*", ""},
		{"bare account", "111122223333", ""},
		{"group", "arn:aws:iam::111122223333:group/admins", ""},
		{"short account", "arn:aws:iam::1111:user/alice", ""},
		{"region in IAM ARN", "arn:aws:iam:us-east-1:111122223333:user/alice", ""},
		{"S3 ARN", "arn:aws:s3:::b1", ""},
		{"session without name", "arn:aws:sts::111122223333:assumed-role/Dev", ""},
		{"user without name", "arn:aws:iam::111122223333:user/", ""},
		{"issuer of another role", "arn:aws:sts::111122223333:assumed-role/Dev/s1", "arn:aws:iam::111122223333:role/Ops"},
		{"issuer in another account", "arn:aws:sts::111122223333:assumed-role/Dev/s1", "arn:aws:iam::444455556666:role/Dev"},
		{"user as role issuer", "arn:aws:sts::111122223333:assumed-role/Dev/s1", "arn:aws:iam::111122223333:user/Dev"},
		{"role as federated issuer", "arn:aws:sts::111122223333:federated-user/bob", "arn:aws:iam::111122223333:role/bob"},
		{"issuer for a user", "arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/alice"},
		{"service with spaces", "cloud trail.amazonaws.com", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := evaluator.ParsePrincipal(tc.text, tc.issuer)
			require.ErrorIs(t, err, evaluator.ErrInvalidPrincipal)
			assert.False(t, p.IsValid())
		})
	}
}

// TestDerivedKeys checks the condition keys the evaluator adds for each
// kind of caller, through a policy that allows a request only when a key
// has a given value (or, for "", when the key is absent).
func TestDerivedKeys(t *testing.T) {
	type key struct{ name, want string }
	tests := []struct {
		principal, issuer string
		keys              []key
	}{
		{alice, "", []key{
			{"aws:PrincipalArn", alice}, {"aws:PrincipalAccount", accountA}, {"aws:PrincipalType", "User"},
			{"aws:username", "alice"}, {"aws:userid", ""}, {"aws:PrincipalIsAWSService", "false"},
		}},
		{"arn:aws:sts::111122223333:assumed-role/Dev/s1", "arn:aws:iam::111122223333:role/team/Dev", []key{
			{"aws:PrincipalArn", "arn:aws:iam::111122223333:role/team/Dev"}, {"aws:PrincipalType", "AssumedRole"},
			{"aws:username", ""}, {"aws:userid", ""}, {"aws:PrincipalAccount", accountA},
		}},
		{"arn:aws:sts::111122223333:assumed-role/Dev/s1", "", []key{
			{"aws:PrincipalArn", "arn:aws:iam::111122223333:role/Dev"},
		}},
		{"arn:aws:sts::111122223333:federated-user/bob", "", []key{
			{"aws:PrincipalArn", "arn:aws:sts::111122223333:federated-user/bob"}, {"aws:PrincipalType", "FederatedUser"},
			{"aws:userid", "111122223333:bob"}, {"aws:username", ""},
		}},
		{"arn:aws:iam::111122223333:root", "", []key{
			{"aws:PrincipalArn", "arn:aws:iam::111122223333:root"}, {"aws:PrincipalType", "Account"},
			{"aws:userid", accountA}, {"aws:username", ""},
		}},
		{"anonymous", "", []key{
			{"aws:PrincipalArn", ""}, {"aws:PrincipalAccount", "anonymous"}, {"aws:PrincipalType", "Anonymous"},
			{"aws:userid", "anonymous"}, {"aws:PrincipalIsAWSService", ""},
		}},
		{"cloudtrail.amazonaws.com", "", []key{
			{"aws:PrincipalIsAWSService", "true"}, {"aws:PrincipalServiceName", "cloudtrail.amazonaws.com"},
			{"aws:PrincipalArn", ""}, {"aws:PrincipalAccount", ""},
		}},
	}
	for _, tc := range tests {
		for _, k := range tc.keys {
			t.Run(tc.principal+"/"+k.name, func(t *testing.T) {
				cond := `{"StringEquals": {"` + k.name + `": "` + k.want + `"}}`
				if k.want == "" {
					cond = `{"Null": {"` + k.name + `": "true"}}`
				}
				bucket := mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
					"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/*", "Condition": `+cond+`}]}`)
				ev := mustNew(t, evaluator.PolicySet{Resource: bucket})
				p, err := evaluator.ParsePrincipal(tc.principal, tc.issuer)
				require.NoError(t, err)
				req := &evaluator.Request{Principal: p, Action: "s3:GetObject", Resource: "arn:aws:s3:::b1/k", ResourceAccount: accountA}
				res := ev.Evaluate(req)
				assert.Equal(t, evaluator.Allow, res.Decision, "%s", ev.Explain(req))
			})
		}
	}
}

// TestCallerContextWins checks that a key the caller set is not replaced by
// the derived value.
func TestCallerContextWins(t *testing.T) {
	bucket := mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
		"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/${aws:username}/*"}]}`)
	ev := mustNew(t, evaluator.PolicySet{Resource: bucket})

	derived := newRequest(t, alice, "s3:GetObject", "arn:aws:s3:::b1/alice/k", accountA, nil)
	assert.Equal(t, evaluator.Allow, ev.Evaluate(derived).Decision, "aws:username derived from the user ARN")

	set := newRequest(t, alice, "s3:GetObject", "arn:aws:s3:::b1/alice/k", accountA, map[string]string{"aws:username": "bob"})
	assert.Equal(t, evaluator.ImplicitDeny, ev.Evaluate(set).Decision, "the caller's aws:username wins")

	role := newRequest(t, "arn:aws:sts::111122223333:assumed-role/alice/s1", "s3:GetObject", "arn:aws:s3:::b1/alice/k", accountA, nil)
	assert.Equal(t, evaluator.ImplicitDeny, ev.Evaluate(role).Decision, "role sessions have no aws:username")
}

// TestDerivedKeysDoNotAllocate checks that adding derived keys to the
// context keeps Evaluate free of allocations.
func TestDerivedKeysDoNotAllocate(t *testing.T) {
	bucket := mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
		"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/${aws:username}/*",
		"Condition": {"StringEquals": {"aws:PrincipalAccount": "111122223333", "aws:PrincipalType": "User",
			"aws:PrincipalIsAWSService": "false"}, "ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:user/*"}}}]}`)
	ev := mustNew(t, evaluator.PolicySet{Resource: bucket})
	req := newRequest(t, alice, "s3:GetObject", "arn:aws:s3:::b1/alice/k", accountA, nil)
	require.Equal(t, evaluator.Allow, ev.Evaluate(req).Decision)
	allocs := testing.AllocsPerRun(100, func() { ev.Evaluate(req) })
	assert.Zero(t, allocs)
}

func TestServiceLinkedRoleSkipsSCPs(t *testing.T) {
	identity := mustPolicy(t, `{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`)
	scp := mustPolicy(t, `{"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}`)
	ev := mustNew(t, evaluator.PolicySet{Identity: []*policy.Policy{identity}, SCPs: [][]*policy.Policy{{scp}}})
	tests := []struct {
		name, principal, issuer string
		want                    evaluator.Decision
	}{
		{"service-linked role session", "arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForSupport/s",
			"arn:aws:iam::111122223333:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport", evaluator.Allow},
		{"service-linked role", "arn:aws:iam::111122223333:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport", "", evaluator.Allow},
		{"session without issuer", "arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForSupport/s", "", evaluator.ExplicitDeny},
		{"ordinary role", "arn:aws:sts::111122223333:assumed-role/Dev/s", "", evaluator.ExplicitDeny},
		{"root user", "arn:aws:iam::111122223333:root", "", evaluator.ExplicitDeny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := evaluator.ParsePrincipal(tc.principal, tc.issuer)
			require.NoError(t, err)
			res := ev.Evaluate(&evaluator.Request{Principal: p, Action: "s3:GetObject", Resource: "arn:aws:s3:::b1/k", ResourceAccount: accountA})
			assert.Equal(t, tc.want, res.Decision)
		})
	}
}

func TestRootUserManagesItsBucketPolicy(t *testing.T) {
	bucket := mustPolicy(t, `{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b1", "arn:aws:s3:::b1/*"]}]}`)
	scp := mustPolicy(t, `{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Action": "s3:DeleteBucketPolicy", "Resource": "*"}]}`)
	ev := mustNew(t, evaluator.PolicySet{Resource: bucket, SCPs: [][]*policy.Policy{{scp}}})
	root := "arn:aws:iam::111122223333:root"
	tests := []struct {
		name, principal, action, owner string
		want                           evaluator.Decision
	}{
		{"root reads the policy", root, "s3:GetBucketPolicy", accountA, evaluator.Allow},
		{"root replaces the policy", root, "s3:PutBucketPolicy", accountA, evaluator.Allow},
		{"SCP still denies", root, "s3:DeleteBucketPolicy", accountA, evaluator.ExplicitDeny},
		{"other actions stay denied", root, "s3:ListBucket", accountA, evaluator.ExplicitDeny},
		{"IAM user stays denied", alice, "s3:GetBucketPolicy", accountA, evaluator.ExplicitDeny},
		{"root of another account", "arn:aws:iam::444455556666:root", "s3:GetBucketPolicy", accountA, evaluator.ExplicitDeny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := ev.Evaluate(newRequest(t, tc.principal, tc.action, "arn:aws:s3:::b1", tc.owner, nil))
			assert.Equal(t, tc.want, res.Decision)
		})
	}
}

// TestCallerRoleARNWithPath checks a role session whose issuer is not
// known and whose caller gives the role ARN with its path, in any kind of
// context layer. AWS sets aws:PrincipalArn to the role ARN with its
// path, so the caller's value is used rather than the ARN without a path
// derived from the session, and Explain reads the same value as Evaluate.
func TestCallerRoleARNWithPath(t *testing.T) {
	const withPath = "arn:aws:iam::111122223333:role/team/R"
	ev := mustNew(t, evaluator.PolicySet{Identity: []*policy.Policy{mustPolicy(t, `{"Version": "2012-10-17",
		"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
			"Condition": {"StringEquals": {"aws:PrincipalArn": "`+withPath+`"}}}]}`)}})
	p, err := evaluator.ParsePrincipal("arn:aws:sts::111122223333:assumed-role/R/s1", "")
	require.NoError(t, err)

	tests := []struct {
		name string
		ctx  *condition.Context
	}{
		{"base context", condition.NewContext(map[string][]string{"aws:PrincipalArn": {withPath}})},
		{"With layer", (&condition.Context{}).With("aws:PrincipalArn", withPath)},
		{"WithDefault layer", (&condition.Context{}).WithDefault("aws:PrincipalArn", withPath)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &evaluator.Request{Principal: p, Action: "s3:GetObject", Resource: "arn:aws:s3:::b1/k",
				ResourceAccount: accountA, Context: tc.ctx}
			res := ev.Evaluate(r)
			require.NoError(t, res.Err)
			assert.Equal(t, evaluator.Allow, res.Decision)

			x := ev.Explain(r)
			assert.Equal(t, []string{"identity[0]#0"}, explained(x), "statements Explain applied:\n%s", x)
		})
	}
}
