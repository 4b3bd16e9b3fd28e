package evaluator_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

// denyDeleteEvaluator allows every S3 action except s3:DeleteObject, and
// denies everything on the object arn:aws:s3:::b/secret.
func denyDeleteEvaluator(t testing.TB) *evaluator.Evaluator {
	t.Helper()
	return mustNew(t, evaluator.PolicySet{Identity: []*policy.Policy{mustPolicy(t, `{
		"Version": "2012-10-17",
		"Statement": [
			{"Effect": "Allow", "Action": ["s3:*", "execute-api:Invoke"], "Resource": "*"},
			{"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"},
			{"Effect": "Deny", "Action": "*", "Resource": "arn:aws:s3:::b/secret"}
		]}`)}})
}

// TestRequestActionMustBeServiceAndName checks that an action with a byte
// that no AWS action name has is rejected, rather than matching "s3:*"
// while missing the exact name in a Deny.
func TestRequestActionMustBeServiceAndName(t *testing.T) {
	ev := denyDeleteEvaluator(t)
	tests := []struct {
		name, action string
		valid        bool
		want         evaluator.Decision
	}{
		{"exact name", "s3:DeleteObject", true, evaluator.ExplicitDeny},
		{"other case", "S3:deleteOBJECT", true, evaluator.ExplicitDeny},
		{"service with a hyphen", "execute-api:Invoke", true, evaluator.Allow},
		{"name with digits", "s3:GetObject2", true, evaluator.Allow},
		{"trailing space", "s3:DeleteObject ", false, evaluator.ImplicitDeny},
		{"leading space", " s3:DeleteObject", false, evaluator.ImplicitDeny},
		{"trailing NUL", "s3:DeleteObject\x00", false, evaluator.ImplicitDeny},
		{"tab inside", "s3:Delete\tObject", false, evaluator.ImplicitDeny},
		{"space inside", "s3:Delete Object", false, evaluator.ImplicitDeny},
		{"second colon", "s3:s3:DeleteObject", false, evaluator.ImplicitDeny},
		{"dotted I", "s3:GetObjectİ", false, evaluator.ImplicitDeny},
		{"Kelvin sign", "s3:DeleteObjec\u212a", false, evaluator.ImplicitDeny},
		{"hyphen in the name", "s3:Delete-Object", false, evaluator.ImplicitDeny},
		{"underscore in the service", "s_3:DeleteObject", false, evaluator.ImplicitDeny},
		{"wildcard", "s3:Delete*", false, evaluator.ImplicitDeny},
		{"no service", ":DeleteObject", false, evaluator.ImplicitDeny},
		{"no name", "s3:", false, evaluator.ImplicitDeny},
		{"invalid UTF-8", "s3:Delete\xffObject", false, evaluator.ImplicitDeny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := evaluator.NewRequest(alice, tc.action, "arn:aws:s3:::b/a.txt")
			if tc.valid {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, evaluator.ErrInvalidRequest)
			}

			req := newRequest(t, alice, tc.action, "arn:aws:s3:::b/a.txt", accountA, nil)
			res := ev.Evaluate(req)
			assert.Equal(t, tc.want, res.Decision)
			if tc.valid {
				assert.NoError(t, res.Err)
				assert.Equal(t, r.Action, tc.action)
				return
			}
			assert.ErrorIs(t, res.Err, evaluator.ErrInvalidRequest)
			assert.Equal(t, evaluator.ReasonInvalidRequest, res.Reason)
		})
	}
}

// TestRequestResourceMustBeLowerCaseARN checks that a resource ARN whose
// partition, service, region or account is not lower-case ASCII, or that
// is not UTF-8, is rejected rather than slipping past a Deny naming the
// resource.
func TestRequestResourceMustBeLowerCaseARN(t *testing.T) {
	ev := denyDeleteEvaluator(t)
	tests := []struct {
		name, resource string
		valid          bool
		want           evaluator.Decision
	}{
		{"denied object", "arn:aws:s3:::b/secret", true, evaluator.ExplicitDeny},
		{"other object", "arn:aws:s3:::b/public", true, evaluator.Allow},
		{"no resource", "*", true, evaluator.Allow},
		{"GovCloud partition", "arn:aws-us-gov:s3:::b/public", true, evaluator.Allow},
		{"key in upper case", "arn:aws:s3:::b/SECRET", true, evaluator.Allow},
		{"key outside ASCII", "arn:aws:s3:::b/clé", true, evaluator.Allow},
		{"service in upper case", "arn:aws:S3:::b/secret", false, evaluator.ImplicitDeny},
		{"partition in upper case", "arn:AWS:s3:::b/secret", false, evaluator.ImplicitDeny},
		{"space in the service", "arn:aws:s3 :::b/secret", false, evaluator.ImplicitDeny},
		{"region in upper case", "arn:aws:s3:US-WEST-2:111122223333:accesspoint/ap", false, evaluator.ImplicitDeny},
		{"account with a space", "arn:aws:s3:us-west-2:111122223333 :accesspoint/ap", false, evaluator.ImplicitDeny},
		{"invalid UTF-8 key", "arn:aws:s3:::b/secret\xff", false, evaluator.ImplicitDeny},
		{"not an ARN", "b/secret", false, evaluator.ImplicitDeny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := evaluator.NewRequest(alice, "s3:GetObject", tc.resource)
			if tc.valid {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, evaluator.ErrInvalidRequest)
			}

			res := ev.Evaluate(newRequest(t, alice, "s3:GetObject", tc.resource, accountA, nil))
			assert.Equal(t, tc.want, res.Decision)
			if tc.valid {
				assert.NoError(t, res.Err)
			} else {
				assert.ErrorIs(t, res.Err, evaluator.ErrInvalidRequest)
			}
		})
	}
}
