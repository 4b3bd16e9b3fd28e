package evaluator_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

const (
	builderUser   = "arn:aws:iam::111122223333:user/alice"
	builderObject = "arn:aws:s3:::examplebucket/reports/q4.pdf"
)

func TestNewRequestValid(t *testing.T) {
	tests := []struct {
		name      string
		principal string
		action    string
		resource  string
		wantType  evaluator.PrincipalType
	}{
		{"user on object", builderUser, "s3:GetObject", builderObject, evaluator.PrincipalUser},
		{"role session", "arn:aws:sts::111122223333:assumed-role/Reader/s1", "s3:ListBucket",
			"arn:aws:s3:::examplebucket", evaluator.PrincipalRoleSession},
		{"anonymous", "anonymous", "s3:GetObject", builderObject, evaluator.PrincipalAnonymous},
		{"service principal", "cloudtrail.amazonaws.com", "s3:PutObject", builderObject, evaluator.PrincipalService},
		{"action without resource type", builderUser, "s3:ListAllMyBuckets", "*", evaluator.PrincipalUser},
		{"access point object", builderUser, "s3:GetObject",
			"arn:aws:s3:us-east-1:111122223333:accesspoint/docs/object/a.txt", evaluator.PrincipalUser},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			req, err := evaluator.NewRequest(tc.principal, tc.action, tc.resource)
			require.NoError(t, err)
			assert.Equal(t, tc.wantType, req.Principal.Type())
			assert.Equal(t, tc.principal, req.Principal.String())
			assert.Equal(t, tc.action, req.Action)
			assert.Equal(t, tc.resource, req.Resource)
			assert.Empty(t, req.ResourceAccount)
			assert.Nil(t, req.Context)
		})
	}
}

func TestNewRequestInvalid(t *testing.T) {
	tests := []struct {
		name      string
		principal string
		action    string
		resource  string
		wantErr   error
		wantText  string
	}{
		{"empty principal", "", "s3:GetObject", builderObject, evaluator.ErrInvalidPrincipal, `""`},
		{"principal with region", "arn:aws:iam:us-east-1:111122223333:user/alice", "s3:GetObject", builderObject,
			evaluator.ErrInvalidPrincipal, "no region"},
		{"wildcard action", builderUser, "s3:Get*", builderObject, evaluator.ErrInvalidRequest, `"s3:Get*"`},
		{"action without service", builderUser, "GetObject", builderObject, evaluator.ErrInvalidRequest, `"GetObject"`},
		{"empty action", builderUser, "", builderObject, evaluator.ErrInvalidRequest, `""`},
		{"resource not an ARN", builderUser, "s3:GetObject", "examplebucket/a.txt", evaluator.ErrInvalidRequest,
			`"examplebucket/a.txt"`},
		{"empty resource", builderUser, "s3:GetObject", "", evaluator.ErrInvalidRequest, `""`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			req, err := evaluator.NewRequest(tc.principal, tc.action, tc.resource)
			require.Error(t, err)
			assert.Nil(t, req)
			assert.ErrorIs(t, err, tc.wantErr)
			assert.Contains(t, err.Error(), tc.wantText)
			assert.True(t, strings.HasPrefix(err.Error(), "evaluator: "), "error %q lacks the package prefix", err)
		})
	}
}

func TestMustNewRequestPanics(t *testing.T) {
	assert.PanicsWithError(t, `evaluator: invalid principal "nobody": expected an IAM or STS ARN, a service principal or "anonymous"`,
		func() { evaluator.MustNewRequest("nobody", "s3:GetObject", builderObject) })
	assert.NotPanics(t, func() { evaluator.MustNewRequest(builderUser, "s3:GetObject", builderObject) })
}

func TestWithKeyLeavesOriginal(t *testing.T) {
	base := evaluator.MustNewRequest(builderUser, "s3:GetObject", builderObject)
	base.Context = condition.NewContext(map[string][]string{"aws:SourceIp": {"192.0.2.10"}})

	tls := base.WithKey("aws:SecureTransport", "true")
	hidden := tls.WithKey("AWS:SOURCEIP", "198.51.100.7")
	removed := tls.WithKey("aws:SourceIp")

	tests := []struct {
		name       string
		req        *evaluator.Request
		key        string
		wantValues []string
		wantOK     bool
	}{
		{"base keeps its source IP", base, "aws:SourceIp", []string{"192.0.2.10"}, true},
		{"base has no transport key", base, "aws:SecureTransport", nil, false},
		{"added key is present", tls, "aws:securetransport", []string{"true"}, true},
		{"base key shows through", tls, "aws:SourceIp", []string{"192.0.2.10"}, true},
		{"added key hides base key in any case", hidden, "aws:SourceIp", []string{"198.51.100.7"}, true},
		{"no values make the key absent", removed, "aws:SourceIp", nil, false},
		{"earlier layer survives removal", removed, "aws:SecureTransport", []string{"true"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			values, ok := tc.req.Context.Get(tc.key)
			assert.Equal(t, tc.wantOK, ok)
			assert.Equal(t, tc.wantValues, values)
		})
	}
	assert.Equal(t, base.Principal, tls.Principal)
	assert.Equal(t, base.Action, tls.Action)
	assert.Equal(t, base.Resource, tls.Resource)
}

func TestWithKeyNilContext(t *testing.T) {
	req := evaluator.MustNewRequest(builderUser, "s3:GetObject", builderObject).WithKey("s3:prefix", "a/", "b/")
	values, ok := req.Context.Get("S3:Prefix")
	assert.True(t, ok)
	assert.Equal(t, []string{"a/", "b/"}, values)
}

// TestWithKeySharedBase derives requests from one base in parallel
// goroutines, which the race detector checks for writes to shared state.
func TestWithKeySharedBase(t *testing.T) {
	ev := evaluator.MustNew(evaluator.PolicySet{Resource: policy.MustParse(exampleBucketPolicy)})
	base := evaluator.MustNewRequest(builderUser, "s3:GetObject", builderObject).WithResourceAccount("111122223333")

	var wg sync.WaitGroup
	got := make([]evaluator.Decision, 8)
	for i := range got {
		wg.Go(func() {
			transport := "true"
			if i%2 == 1 {
				transport = "false"
			}
			got[i] = ev.Evaluate(base.WithKey("aws:SecureTransport", transport)).Decision
		})
	}
	wg.Wait()
	for i, d := range got {
		want := evaluator.Allow
		if i%2 == 1 {
			want = evaluator.ExplicitDeny
		}
		assert.Equal(t, want, d, "goroutine %d", i)
	}
	assert.Nil(t, base.Context)
}

func TestWithResourceAccount(t *testing.T) {
	base := evaluator.MustNewRequest(builderUser, "s3:GetObject", builderObject)
	owned := base.WithResourceAccount("111122223333")
	assert.Equal(t, "111122223333", owned.ResourceAccount)
	assert.Empty(t, base.ResourceAccount)

	ev := evaluator.MustNew(evaluator.PolicySet{})
	res := ev.Evaluate(base.WithResourceAccount("1234"))
	assert.ErrorIs(t, res.Err, evaluator.ErrInvalidRequest)
	assert.Equal(t, evaluator.ImplicitDeny, res.Decision)
}

func TestMustNewPanics(t *testing.T) {
	withPrincipal := policy.MustParse(exampleBucketPolicy)
	assert.Panics(t, func() { evaluator.MustNew(evaluator.PolicySet{Identity: []*policy.Policy{withPrincipal}}) })
	assert.Panics(t, func() { evaluator.MustNew(evaluator.PolicySet{Identity: []*policy.Policy{nil}}) })
	assert.Panics(t, func() {
		evaluator.MustNew(evaluator.PolicySet{AccessPoint: &evaluator.AccessPoint{ARN: "arn:aws:s3:::bucket"}})
	})
	assert.NotPanics(t, func() { evaluator.MustNew(evaluator.PolicySet{Resource: withPrincipal}) })
}

func writePolicyFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(text), 0o600))
	return path
}

func TestLoadPolicyFile(t *testing.T) {
	path := writePolicyFile(t, "bucket.json", exampleBucketPolicy)
	p, err := evaluator.LoadPolicyFile(path)
	require.NoError(t, err)
	assert.True(t, p.Equal(policy.MustParse(exampleBucketPolicy)))
}

func TestLoadPolicyFileErrors(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		wantErr  error
		wantPath string
		wantLine int
	}{
		{"invalid JSON", "{\n  \"Statement\": [\n", policy.ErrInvalidJSON, "", 0},
		{"unknown element", "{\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\",\n  \"Resorce\": \"*\"}]\n}",
			policy.ErrUnknownElement, "Statement[0].Resorce", 3},
		{"bad effect", `{"Statement": {"Effect": "allow", "Action": "*", "Resource": "*"}}`,
			policy.ErrBadValue, "Statement.Effect", 1},
		{"duplicate key", `{"Statement": [], "Statement": []}`, policy.ErrDuplicateKey, "Statement", 1},
		{"empty file", "", policy.ErrInvalidJSON, "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := writePolicyFile(t, "p.json", tc.text)
			p, err := evaluator.LoadPolicyFile(path)
			require.Error(t, err)
			assert.Nil(t, p)
			assert.ErrorIs(t, err, tc.wantErr)
			assert.Contains(t, err.Error(), path)

			var pe *policy.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tc.wantPath, pe.Path)
			if tc.wantLine > 0 {
				assert.Equal(t, tc.wantLine, pe.Line)
			}
		})
	}
}

func TestLoadPolicyFileMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "absent.json")
	_, err := evaluator.LoadPolicyFile(path)
	assert.ErrorIs(t, err, os.ErrNotExist)
	assert.Contains(t, err.Error(), path)
}

func TestLoadPolicyFileTooLarge(t *testing.T) {
	big := `{"Id": "` + strings.Repeat("x", policy.DefaultMaxBytes) + `", "Statement": []}`
	path := writePolicyFile(t, "big.json", big)
	_, err := evaluator.LoadPolicyFile(path)
	assert.ErrorIs(t, err, policy.ErrTooLarge)
	assert.Contains(t, err.Error(), path)
}

func TestLoadPolicyFileDirectory(t *testing.T) {
	_, err := evaluator.LoadPolicyFile(t.TempDir())
	require.Error(t, err)
	assert.False(t, errors.Is(err, policy.ErrInvalidJSON), "a directory is a read error, not a parse error: %v", err)
}
