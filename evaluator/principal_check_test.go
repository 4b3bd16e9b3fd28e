package evaluator_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/evaluator"
)

// TestParsePrincipalRejectsMalformedNames checks that only the exact
// resource "root" names a root user, and that user, role, session and
// federated user names, paths and partitions hold only the characters AWS
// allows.
func TestParsePrincipalRejectsMalformedNames(t *testing.T) {
	tests := []struct {
		name, text, issuer string
		wantMsg            string // part of the error message
	}{
		{"root with a suffix", "arn:aws:iam::111122223333:root/anything", "", `exactly "root"`},
		{"root with a slash", "arn:aws:iam::111122223333:root/", "", `exactly "root"`},
		{"user named star", "arn:aws:iam::111122223333:user/*", "", "U+002A"},
		{"user name with NUL", "arn:aws:iam::111122223333:user/alice\x00", "", "U+0000"},
		{"user name with a space", "arn:aws:iam::111122223333:user/al ice", "", "U+0020"},
		{"user name with a trailing space", "arn:aws:iam::111122223333:user/alice ", "", "U+0020"},
		{"user name outside ASCII", "arn:aws:iam::111122223333:user/alİce", "", "U+0130"},
		{"user path with a space", "arn:aws:iam::111122223333:user/dev ops/alice", "", "path"},
		{"user path with an empty segment", "arn:aws:iam::111122223333:user//alice", "", "path"},
		{"role name with a wildcard", "arn:aws:iam::111122223333:role/Dev?", "", "U+003F"},
		{"session role name with a space", "arn:aws:sts::111122223333:assumed-role/De v/s1", "", "role name"},
		{"session name with a star", "arn:aws:sts::111122223333:assumed-role/Dev/*", "", "session name"},
		{"session name with a tab", "arn:aws:sts::111122223333:assumed-role/Dev/s\t1", "", "session name"},
		{"federated user with a star", "arn:aws:sts::111122223333:federated-user/*", "", "U+002A"},
		{"federated user with a space", "arn:aws:sts::111122223333:federated-user/bo b", "", "U+0020"},
		{"partition in upper case", "arn:AWS:iam::111122223333:user/alice", "", "partition"},
		{"service principal in upper case", "CloudTrail.amazonaws.com", "", "lower case"},
		{"issuer role name with a space", "arn:aws:sts::111122223333:assumed-role/Dev/s1", "arn:aws:iam::111122223333:role/De v", "U+0020"},
		{"issuer user named star", "arn:aws:sts::111122223333:federated-user/bob", "arn:aws:iam::111122223333:user/*", "U+002A"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := evaluator.ParsePrincipal(tc.text, tc.issuer)
			require.ErrorIs(t, err, evaluator.ErrInvalidPrincipal)
			assert.Contains(t, err.Error(), tc.wantMsg)
			assert.False(t, p.IsValid())
		})
	}
}

// TestParsePrincipalAcceptsAWSNames checks names that use every character
// AWS allows in them.
func TestParsePrincipalAcceptsAWSNames(t *testing.T) {
	tests := []struct {
		name, text, issuer string
		want               evaluator.PrincipalType
	}{
		{"user name punctuation", "arn:aws:iam::111122223333:user/a+b=c,d.e@f_g-h", "", evaluator.PrincipalUser},
		{"user path punctuation", "arn:aws:iam::111122223333:user/dept~1/team_(a)/alice", "", evaluator.PrincipalUser},
		{"role with path", "arn:aws:iam::111122223333:role/aws-service-role/s3.amazonaws.com/Dev", "", evaluator.PrincipalRole},
		{"session name email", "arn:aws:sts::111122223333:assumed-role/Dev/jane@example.com", "", evaluator.PrincipalRoleSession},
		{"session with issuer path", "arn:aws:sts::111122223333:assumed-role/Dev/s1", "arn:aws:iam::111122223333:role/app/v2/Dev", evaluator.PrincipalRoleSession},
		{"federated user punctuation", "arn:aws:sts::111122223333:federated-user/bob.smith@corp", "", evaluator.PrincipalFederatedUser},
		{"ISO partition", "arn:aws-iso-b:iam::111122223333:root", "", evaluator.PrincipalRoot},
		{"service with digits", "s3.amazonaws.com", "", evaluator.PrincipalService},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := evaluator.ParsePrincipal(tc.text, tc.issuer)
			require.NoError(t, err)
			assert.Equal(t, tc.want, p.Type())
		})
	}
}

// TestRootSuffixIsNotRoot checks that a principal that only starts like a
// root user ARN gets none of the root user's rights: it cannot be parsed,
// so no request can carry it.
func TestRootSuffixIsNotRoot(t *testing.T) {
	ev := mustNew(t, evaluator.PolicySet{})
	_, err := evaluator.NewRequest("arn:aws:iam::111122223333:root/anything", "s3:GetObject", "arn:aws:s3:::b/a")
	require.ErrorIs(t, err, evaluator.ErrInvalidPrincipal)

	root := newRequest(t, "arn:aws:iam::111122223333:root", "s3:GetObject", "arn:aws:s3:::b/a", accountA, nil)
	assert.Equal(t, evaluator.Allow, ev.Evaluate(root).Decision, "the root user itself needs no policy")
}
