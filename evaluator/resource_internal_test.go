package evaluator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/arn"
)

// TestResourceTailAgreesWithParts checks that matching a Resource pattern
// by its literal prefix and tail decides each ARN as arn.Pattern.Match
// does. It also checks which patterns get a tail: those whose prefix
// contains the first five parts in ASCII.
func TestResourceTailAgreesWithParts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		pattern   string
		variables bool
		wantTail  bool
	}{
		{"variable then wildcard", "arn:aws:s3:::bucket/${aws:username}/*", true, true},
		{"variable alone in resource", "arn:aws:s3:::bucket/${aws:username}", true, true},
		{"question after head", "arn:aws:s3:::bucket/?/*", true, true},
		{"star in the middle", "arn:aws:s3:::bucket/*/logs/*", true, true},
		{"variable with default", "arn:aws:s3:::b/${aws:PrincipalTag/team, 'none'}/*", true, true},
		{"two variables", "arn:aws:s3:::b/${aws:PrincipalAccount}-${aws:username}", true, true},
		{"access point object", "arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/${aws:username}/*", true, true},
		{"head ends at fifth colon", "arn:aws:iam::111122223333:*/admin", true, true},
		{"variable in account", "arn:aws:kms:*:${aws:PrincipalAccount}:key/*", true, false},
		{"wildcard region", "arn:aws:ec2:*:111122223333:instance/*", true, false},
		{"wildcard partition", "arn:*:s3:::bucket/*/x", true, false},
		{"non-ASCII head", "arn:aws:s3:::bücket/*/x", true, false},
		{"escape without variables", "arn:aws:s3:::bucket/${*}/x", true, false},
		{"legacy version dollar brace", "arn:aws:s3:::bucket/${aws:username}/*", false, false},
		{"legacy version wildcard", "arn:aws:s3:::bucket/*/x", false, true},
	}
	arns := []string{
		"arn:aws:s3:::bucket/alice/a.txt",
		"arn:aws:s3:::bucket/alice",
		"arn:aws:s3:::bucket/bob/logs/x",
		"arn:aws:s3:::bucket/a/b",
		"arn:aws:s3:::bucket/${aws:username}/a",
		"arn:aws:s3:::bucket/*/x",
		"arn:aws:s3:::bucket/é/x",
		"arn:aws:s3:::b/none/x",
		"arn:aws:s3:::b/dev/x",
		"arn:aws:s3:::b/111122223333-alice",
		"arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/alice/k",
		"arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/bob/k",
		"arn:aws:iam::111122223333:role/admin",
		"arn:aws:iam::111122223333:user/a:b",
		"arn:aws:kms:us-east-1:111122223333:key/k1",
		"arn:aws:ec2:eu-west-1:111122223333:instance/i-1",
		"arn:aws-cn:s3:::bucket/x/x",
		"arn:aws:s3:::bücket/a/x",
	}
	values := map[string][]string{
		"aws:username":          {"alice", "bob", "", "${aws:username}", "*"},
		"aws:principaltag/team": {"dev", "none"},
		"aws:principalaccount":  {"111122223333"},
	}

	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, err := arn.Compile(tc.pattern, tc.variables)
			require.NoError(t, err)
			pat := newResourcePattern(p)
			require.Equal(t, matchGlob, pat.kind, "pattern kind")
			assert.Equal(t, tc.wantTail, pat.tail != nil, "whether the tail is used")

			for _, bound := range bindings(p.Variables(), values) {
				for _, text := range arns {
					a, err := arn.Parse(text)
					require.NoError(t, err)
					want := p.Match(a, bound)
					got := len(text) >= len(pat.literal) && text[:len(pat.literal)] == pat.literal &&
						pat.matchGlob(text, a, bound)
					assert.Equal(t, want, got, "pattern %q, ARN %q, variables %q", tc.pattern, text, bound)
				}
			}
		})
	}
}

// bindings returns every choice of one value per variable of vars, from
// values by key. A variable with a default also takes the default.
func bindings(vars []arn.Variable, values map[string][]string) [][]string {
	out := [][]string{nil}
	for _, v := range vars {
		choices := values[v.Key]
		if v.HasDefault {
			choices = append(choices[:len(choices):len(choices)], v.Default)
		}
		var next [][]string
		for _, prefix := range out {
			for _, c := range choices {
				next = append(next, append(prefix[:len(prefix):len(prefix)], c))
			}
		}
		out = next
	}
	return out
}
