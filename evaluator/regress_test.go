package evaluator_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

// builtPolicy returns a policy built in code with one statement.
func builtPolicy(s policy.Statement) *policy.Policy {
	return &policy.Policy{Version: policy.Version2012, Statements: []policy.Statement{s}}
}

// TestNewChecksBuiltPolicies checks that New applies the rules of
// policy.Parse to policies built in code, so that a statement with the
// zero Effect never acts as Allow.
func TestNewChecksBuiltPolicies(t *testing.T) {
	allow := builtPolicy(policy.Statement{Effect: policy.Allow, Action: []string{"s3:GetObject"}, Resource: []string{"*"}})
	noEffect := builtPolicy(policy.Statement{Action: []string{"s3:*"}, Resource: []string{"*"}})
	spacedAction := builtPolicy(policy.Statement{Effect: policy.Allow, Action: []string{"s3 GetObject"}, Resource: []string{"*"}})
	badEffect := builtPolicy(policy.Statement{Effect: policy.Effect(7), Action: []string{"s3:*"}, Resource: []string{"*"}})
	tests := []struct {
		name       string
		set        evaluator.PolicySet
		wantPolicy string // "" when New must succeed
	}{
		{"valid built policy", evaluator.PolicySet{Identity: []*policy.Policy{allow}}, ""},
		{"identity statement without Effect", evaluator.PolicySet{Identity: []*policy.Policy{allow, noEffect}}, "identity[1]"},
		{"identity statement with an unknown Effect", evaluator.PolicySet{Identity: []*policy.Policy{badEffect}}, "identity[0]"},
		{"action with a space", evaluator.PolicySet{Identity: []*policy.Policy{spacedAction}}, "identity[0]"},
		{"boundary without Effect", evaluator.PolicySet{Identity: []*policy.Policy{allow}, PermissionsBoundary: noEffect}, "permissionsBoundary"},
		{"session policy without Effect", evaluator.PolicySet{Session: noEffect}, "session"},
		{"SCP without Effect", evaluator.PolicySet{SCPs: [][]*policy.Policy{{allow}, {noEffect}}}, "scp[1][0]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev, err := evaluator.New(tc.set)
			if tc.wantPolicy == "" {
				require.NoError(t, err)
				res := ev.Evaluate(newRequest(t, alice, "s3:GetObject", "arn:aws:s3:::b/a", accountA, nil))
				assert.Equal(t, evaluator.Allow, res.Decision)
				return
			}
			require.ErrorIs(t, err, evaluator.ErrInvalidPolicy)
			assert.Nil(t, ev)
			var pe *evaluator.PolicyError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tc.wantPolicy, pe.Policy)
			assert.True(t, strings.HasPrefix(pe.Path, "Statement"), "path %q names the statement", pe.Path)
			assert.NotEmpty(t, pe.Message())
			var parseErr *policy.ParseError
			assert.ErrorAs(t, err, &parseErr, "the error of policy.Policy.Check is kept")
		})
	}
}

// Requests used by the context tests: mallory is a user of account B.
const (
	mallory = "arn:aws:iam::444455556666:user/mallory"
	bob     = "arn:aws:iam::111122223333:user/bob"
	devS1   = "arn:aws:sts::111122223333:assumed-role/Dev/s1"
)

// contextEvaluator builds an evaluator whose bucket policy refers to the
// keys AWS derives from the caller. Bucket b belongs to account A.
func contextEvaluator(t testing.TB) *evaluator.Evaluator {
	t.Helper()
	return mustNew(t, evaluator.PolicySet{
		Identity: []*policy.Policy{mustPolicy(t, `{"Version": "2012-10-17", "Statement": [
			{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}`)},
		Resource: mustPolicy(t, `{"Version": "2012-10-17", "Statement": [
			{"Sid": "Everyone", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
			{"Sid": "OwnFolder", "Effect": "Allow", "Principal": "*", "Action": "s3:PutObject",
			 "Resource": "arn:aws:s3:::b/home/${aws:username}/*"},
			{"Sid": "BobOnly", "Effect": "Allow", "Principal": "*", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::b/*",
			 "Condition": {"ArnEquals": {"aws:PrincipalArn": ["arn:aws:iam::111122223333:user/bob", "arn:aws:iam::111122223333:role/app/Dev"]}}},
			{"Sid": "Humans", "Effect": "Deny", "Principal": "*", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::b/*",
			 "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalType": ["User", "AssumedRole"]}}},
			{"Sid": "SessionID", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObjectTagging", "Resource": "arn:aws:s3:::b/*",
			 "Condition": {"StringLike": {"aws:userid": "*:s1"}}},
			{"Sid": "OwnAccount", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*",
			 "Condition": {"StringNotEquals": {"aws:PrincipalAccount": "111122223333"}}},
			{"Sid": "Delegated", "Effect": "Allow", "Principal": "*", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b",
			 "Condition": {"StringEquals": {"s3:DataAccessPointAccount": "111122223333"}}}
		]}`),
	})
}

// TestContextCannotClaimAnotherIdentity checks that a request context
// cannot override the keys AWS derives from the caller, nor set the keys
// of an access point the request did not go through.
func TestContextCannotClaimAnotherIdentity(t *testing.T) {
	ev := contextEvaluator(t)
	tests := []struct {
		name, principal, issuer, action, resource string
		context                                   map[string][]string
		want                                      evaluator.Decision
		wantErr                                   []string // parts of the error message; nil for a valid request
	}{
		{"other account's caller without context", mallory, "", "s3:GetObject", "arn:aws:s3:::b/a", nil,
			evaluator.ExplicitDeny, nil},
		{"other account's caller claiming the bucket's account", mallory, "", "s3:GetObject", "arn:aws:s3:::b/a",
			map[string][]string{"aws:PrincipalAccount": {accountA}},
			evaluator.ImplicitDeny, []string{"aws:PrincipalAccount", `["111122223333"]`, `"444455556666"`}},
		{"key named in another case", mallory, "", "s3:GetObject", "arn:aws:s3:::b/a",
			map[string][]string{"AWS:PRINCIPALACCOUNT": {accountA}},
			evaluator.ImplicitDeny, []string{"aws:PrincipalAccount"}},
		{"own account repeated", alice, "", "s3:GetObject", "arn:aws:s3:::b/a",
			map[string][]string{"aws:PrincipalAccount": {accountA}}, evaluator.Allow, nil},
		{"own account among others", alice, "", "s3:GetObject", "arn:aws:s3:::b/a",
			map[string][]string{"aws:PrincipalAccount": {accountA, accountB}},
			evaluator.ImplicitDeny, []string{"aws:PrincipalAccount"}},
		{"alice claiming bob's ARN", alice, "", "s3:DeleteObject", "arn:aws:s3:::b/a",
			map[string][]string{"aws:PrincipalArn": {bob}},
			evaluator.ImplicitDeny, []string{"aws:PrincipalArn", bob, alice}},
		{"bob with his own ARN", bob, "", "s3:DeleteObject", "arn:aws:s3:::b/a",
			map[string][]string{"aws:PrincipalArn": {bob}}, evaluator.Allow, nil},
		{"alice claiming bob's name", alice, "", "s3:PutObject", "arn:aws:s3:::b/home/bob/x",
			map[string][]string{"aws:username": {"bob"}},
			evaluator.ImplicitDeny, []string{"aws:username", `["bob"]`, `"alice"`}},
		{"alice in her own folder", alice, "", "s3:PutObject", "arn:aws:s3:::b/home/alice/x",
			map[string][]string{"aws:username": {"alice"}}, evaluator.Allow, nil},
		{"role session claiming a user name", devS1, "", "s3:PutObject", "arn:aws:s3:::b/home/bob/x",
			map[string][]string{"aws:username": {"bob"}},
			evaluator.ImplicitDeny, []string{"aws:username", "role session"}},
		{"user claiming another principal type", alice, "", "s3:GetObject", "arn:aws:s3:::b/a",
			map[string][]string{"aws:PrincipalType": {"Account"}},
			evaluator.ImplicitDeny, []string{"aws:PrincipalType", `"User"`}},
		{"session given its role ARN with path", devS1, "", "s3:DeleteObject", "arn:aws:s3:::b/a",
			map[string][]string{"aws:PrincipalArn": {"arn:aws:iam::111122223333:role/app/Dev"}}, evaluator.Allow, nil},
		{"session given its role ARN without path", devS1, "", "s3:GetObject", "arn:aws:s3:::b/a",
			map[string][]string{"aws:PrincipalArn": {"arn:aws:iam::111122223333:role/Dev"}}, evaluator.Allow, nil},
		{"session given another role's ARN", devS1, "", "s3:DeleteObject", "arn:aws:s3:::b/a",
			map[string][]string{"aws:PrincipalArn": {"arn:aws:iam::111122223333:role/app/Admin"}},
			evaluator.ImplicitDeny, []string{"aws:PrincipalArn"}},
		{"session given its role name in another account", devS1, "", "s3:GetObject", "arn:aws:s3:::b/a",
			map[string][]string{"aws:PrincipalArn": {"arn:aws:iam::444455556666:role/app/Dev"}},
			evaluator.ImplicitDeny, []string{"aws:PrincipalArn"}},
		{"session given its role name in another partition", devS1, "", "s3:GetObject", "arn:aws:s3:::b/a",
			map[string][]string{"aws:PrincipalArn": {"arn:aws-cn:iam::111122223333:role/app/Dev"}},
			evaluator.ImplicitDeny, []string{"aws:PrincipalArn"}},
		{"session given its role ARN with a bad path", devS1, "", "s3:GetObject", "arn:aws:s3:::b/a",
			map[string][]string{"aws:PrincipalArn": {"arn:aws:iam::111122223333:role/a b/Dev"}},
			evaluator.ImplicitDeny, []string{"aws:PrincipalArn"}},
		{"session with issuer given the ARN without path", devS1, "arn:aws:iam::111122223333:role/app/Dev",
			"s3:GetObject", "arn:aws:s3:::b/a",
			map[string][]string{"aws:PrincipalArn": {"arn:aws:iam::111122223333:role/Dev"}},
			evaluator.ImplicitDeny, []string{"aws:PrincipalArn", "role/app/Dev"}},
		{"session user ID of its own session", devS1, "", "s3:GetObjectTagging", "arn:aws:s3:::b/a",
			map[string][]string{"aws:userid": {"AROAEXAMPLEID:s1"}}, evaluator.Allow, nil},
		{"session user ID of another session", devS1, "", "s3:GetObjectTagging", "arn:aws:s3:::b/a",
			map[string][]string{"aws:userid": {"AROAEXAMPLEID:s2"}},
			evaluator.ImplicitDeny, []string{"aws:userid", `":s1"`}},
		{"root user ID of another account", "arn:aws:iam::111122223333:root", "", "s3:GetObjectTagging", "arn:aws:s3:::b/a",
			map[string][]string{"aws:userid": {"AROAEXAMPLEID:s1"}},
			evaluator.ImplicitDeny, []string{"aws:userid", `"111122223333"`}},
		{"user ID of a user left to the caller", alice, "", "s3:GetObjectTagging", "arn:aws:s3:::b/a",
			map[string][]string{"aws:userid": {"AIDAEXAMPLE:s1"}}, evaluator.Allow, nil},
		{"anonymous caller claiming an ARN", "anonymous", "", "s3:DeleteObject", "arn:aws:s3:::b/a",
			map[string][]string{"aws:PrincipalArn": {bob}},
			evaluator.ImplicitDeny, []string{"aws:PrincipalArn", "anonymous"}},
		{"other account's caller claiming an access point", mallory, "", "s3:ListBucket", "arn:aws:s3:::b",
			map[string][]string{"s3:DataAccessPointAccount": {accountA}},
			evaluator.ImplicitDeny, []string{"s3:DataAccessPointAccount", `["111122223333"]`}},
		{"other account's caller without access point keys", mallory, "", "s3:ListBucket", "arn:aws:s3:::b",
			nil, evaluator.ImplicitDeny, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := evaluator.ParsePrincipal(tc.principal, tc.issuer)
			require.NoError(t, err)
			r := &evaluator.Request{Principal: p, Action: tc.action, Resource: tc.resource, ResourceAccount: accountA}
			if tc.context != nil {
				r.Context = condition.NewContext(tc.context)
			}
			res := ev.Evaluate(r)
			assert.Equal(t, tc.want, res.Decision, "reason %s, error %v", res.Reason, res.Err)
			if tc.wantErr == nil {
				assert.NoError(t, res.Err)
				return
			}
			require.ErrorIs(t, res.Err, evaluator.ErrInvalidRequest)
			assert.Equal(t, evaluator.ReasonInvalidRequest, res.Reason)
			for _, part := range tc.wantErr {
				assert.Contains(t, res.Err.Error(), part)
			}
			x := ev.Explain(r)
			assert.Equal(t, res.Err, x.Result.Err, "Explain rejects the request too")
		})
	}
}

// TestUnreferencedContextKeysIgnored checks that a context value
// for a key that no policy refers to, which cannot change a decision,
// leaves the request valid.
func TestUnreferencedContextKeysIgnored(t *testing.T) {
	ev := mustNew(t, evaluator.PolicySet{Identity: []*policy.Policy{mustPolicy(t, `{"Version": "2012-10-17",
		"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`)}})
	r := newRequest(t, alice, "s3:GetObject", "arn:aws:s3:::b/a", accountA,
		map[string]string{"aws:PrincipalAccount": accountB, "s3:DataAccessPointArn": "arn:aws:s3:us-west-2:444455556666:accesspoint/x"})
	res := ev.Evaluate(r)
	require.NoError(t, res.Err)
	assert.Equal(t, evaluator.Allow, res.Decision)
}

// TestAccessPointKeysComeFromSettings checks that a request through an
// access point cannot set the keys the access point sets itself.
func TestAccessPointKeysComeFromSettings(t *testing.T) {
	ev := accessPointEvaluator(t, "Internet", "")
	tests := []struct {
		name, resource, key, value string
		want                       evaluator.Decision
		wantErr                    bool
	}{
		{"through the access point", apObject, "", "", evaluator.Allow, false},
		{"through the access point with its own account", apObject, "s3:DataAccessPointAccount", accountA, evaluator.ImplicitDeny, true},
		{"direct request with the access point account", "arn:aws:s3:::b1/reports/q4.pdf", "s3:DataAccessPointAccount", accountA,
			evaluator.ImplicitDeny, true},
		{"direct request without the key", "arn:aws:s3:::b1/reports/q4.pdf", "", "", evaluator.ImplicitDeny, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newRequest(t, alice, "s3:GetObject", tc.resource, "", nil)
			if tc.key != "" {
				r = r.WithKey(tc.key, tc.value)
			}
			res := ev.Evaluate(r)
			assert.Equal(t, tc.want, res.Decision)
			if tc.wantErr {
				assert.ErrorIs(t, res.Err, evaluator.ErrInvalidRequest)
			} else {
				assert.NoError(t, res.Err)
			}
		})
	}
}

// TestContextCheckDoesNotAllocate checks that comparing a context with
// the principal allocates nothing when the context agrees with it.
func TestContextCheckDoesNotAllocate(t *testing.T) {
	ev := contextEvaluator(t)
	tests := []struct {
		name, principal, action, resource string
		context                           map[string][]string
	}{
		{"user", alice, "s3:PutObject", "arn:aws:s3:::b/home/alice/x", map[string][]string{
			"aws:PrincipalAccount": {accountA}, "aws:username": {"alice"}, "aws:PrincipalArn": {alice},
			"aws:PrincipalType": {"User"}}},
		{"session with role path", devS1, "s3:DeleteObject", "arn:aws:s3:::b/a", map[string][]string{
			"aws:PrincipalArn": {"arn:aws:iam::111122223333:role/app/Dev"}, "aws:userid": {"AROAEXAMPLEID:s1"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := evaluator.ParsePrincipal(tc.principal, "")
			require.NoError(t, err)
			r := evaluator.Request{Principal: p, Action: tc.action, Resource: tc.resource, ResourceAccount: accountA,
				Context: condition.NewContext(tc.context)}
			require.Equal(t, evaluator.Allow, ev.Evaluate(&r).Decision)
			allocs := testing.AllocsPerRun(100, func() {
				if res := ev.Evaluate(&r); res.Decision != evaluator.Allow {
					t.Fatalf("decision %s, want Allow", res.Decision)
				}
			})
			assert.Zero(t, allocs)
		})
	}
}

// TestNilEvaluator checks that a nil *Evaluator denies as an invalid
// request instead of panicking.
func TestNilEvaluator(t *testing.T) {
	var ev *evaluator.Evaluator
	r := newRequest(t, alice, "s3:GetObject", "arn:aws:s3:::b/a", accountA, nil)
	tests := []struct {
		name   string
		result func() evaluator.Result
	}{
		{"Evaluate", func() evaluator.Result { return ev.Evaluate(r) }},
		{"Evaluate with a nil request", func() evaluator.Result { return ev.Evaluate(nil) }},
		{"Explain", func() evaluator.Result { return ev.Explain(r).Result }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var res evaluator.Result
			require.NotPanics(t, func() { res = tc.result() })
			assert.Equal(t, evaluator.ImplicitDeny, res.Decision)
			assert.Equal(t, evaluator.ReasonInvalidRequest, res.Reason)
			assert.ErrorIs(t, res.Err, evaluator.ErrInvalidRequest)
		})
	}
	t.Run("Expect", func(t *testing.T) {
		var err error
		require.NotPanics(t, func() { err = ev.Expect(r, evaluator.ImplicitDeny) })
		assert.ErrorIs(t, err, evaluator.ErrInvalidRequest)
	})
}

// TestAccessPointSupportsListedOperations checks actions of S3 operations
// that the "Access point compatibility" page lists as supported through
// an access point attached to a bucket.
func TestAccessPointSupportsListedOperations(t *testing.T) {
	ev := mustNew(t, evaluator.PolicySet{
		AccessPoint: &evaluator.AccessPoint{ARN: apARN, Bucket: "b1", BucketAccount: accountA, NetworkOrigin: "Internet"},
		AccessPointPolicy: mustPolicy(t, `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*",
			"Resource": ["arn:aws:s3:us-west-2:111122223333:accesspoint/ap", "arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/*"]}]}`),
		Resource: mustPolicy(t, `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*",
			"Resource": ["arn:aws:s3:::b1", "arn:aws:s3:::b1/*"],
			"Condition": {"StringEquals": {"s3:DataAccessPointAccount": "111122223333"}}}]}`),
	})
	tests := []struct {
		name, action, resource string
		want                   evaluator.Decision
		wantReason             evaluator.Reason
	}{
		{"GetObjectAttributes", "s3:GetObjectAttributes", apObject, evaluator.Allow, evaluator.ReasonNone},
		{"GetObjectAttributes on a version", "s3:GetObjectVersionAttributes", apObject, evaluator.Allow, evaluator.ReasonNone},
		{"ListObjectVersions", "s3:ListBucketVersions", apARN, evaluator.Allow, evaluator.ReasonNone},
		{"DeleteObjects", "s3:DeleteObject", apObject, evaluator.Allow, evaluator.ReasonNone},
		{"bucket tagging stays unsupported", "s3:PutBucketTagging", apARN, evaluator.ImplicitDeny, evaluator.ReasonUnsupportedViaAccessPoint},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := ev.Evaluate(newRequest(t, alice, tc.action, tc.resource, "", nil))
			require.NoError(t, res.Err)
			assert.Equal(t, tc.want, res.Decision)
			assert.Equal(t, tc.wantReason, res.Reason)
		})
	}
}

// TestParseScenarioByteOrderMark checks the message for a scenario that
// starts with a UTF-8 byte order mark.
func TestParseScenarioByteOrderMark(t *testing.T) {
	tests := []struct {
		name, doc string
		wantErr   bool
	}{
		{"with byte order mark", "\xef\xbb\xbf" + `{"request": {"principal": "anonymous", "action": "s3:GetObject", "resource": "*"}}`, true},
		{"without byte order mark", `{"request": {"principal": "anonymous", "action": "s3:GetObject", "resource": "*"}}`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := evaluator.ParseScenario([]byte(tc.doc))
			if !tc.wantErr {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, policy.ErrInvalidJSON)
			var se *evaluator.ScenarioError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, 1, se.Line)
			assert.Equal(t, 1, se.Column)
			assert.Contains(t, se.Message(), "byte order mark")
			assert.Contains(t, se.Message(), "remove the first 3 bytes")
			assert.NotContains(t, err.Error(), "looking for beginning of value")
		})
	}
}

// TestErrorMessages checks that Message gives the text of Error without
// its prefix, position and path.
func TestErrorMessages(t *testing.T) {
	_, err := evaluator.ParseScenario([]byte(`{"request": {"principal": "anonymous", "action": "s3:GetObject", "resource": "*"},
		"policies": {"identity": [{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}]}}`))
	var se *evaluator.ScenarioError
	require.ErrorAs(t, err, &se)
	var pe *evaluator.PolicyError
	require.ErrorAs(t, err, &pe)
	tests := []struct {
		name, message, full string
	}{
		{"ScenarioError", se.Message(), se.Error()},
		{"PolicyError", pe.Message(), pe.Error()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Contains(t, tc.message, "cannot name a principal")
			assert.NotContains(t, tc.message, "evaluator:")
			assert.NotContains(t, tc.message, "Statement[0]")
			assert.True(t, strings.HasSuffix(tc.full, ": "+tc.message), "%q ends with the message", tc.full)
		})
	}
}

// TestReasonDescription checks that every reason but ReasonNone has its
// own description.
func TestReasonDescription(t *testing.T) {
	seen := map[string]evaluator.Reason{}
	for r := evaluator.ReasonNone; r <= evaluator.ReasonInvalidRequest; r++ {
		t.Run(r.String(), func(t *testing.T) {
			d := r.Description()
			if r == evaluator.ReasonNone {
				assert.Empty(t, d)
				return
			}
			require.NotEmpty(t, d)
			if prev, dup := seen[d]; dup {
				t.Errorf("%s has the description of %s: %q", r, prev, d)
			}
			seen[d] = r
		})
	}
	assert.Equal(t, "Reason(200)", evaluator.Reason(200).Description())
}
