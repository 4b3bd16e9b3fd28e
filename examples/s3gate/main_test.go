package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeTestFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(text), 0o600))
	return path
}

// baseArgs are flags that start the gateway with the files of testdata.
var baseArgs = []string{
	"-addr", "127.0.0.1:0",
	"-bucket", testBucket, "-bucket-account", "111122223333",
	"-bucket-policy", "testdata/bucket-policy.json",
	"-access-point-arn", testAPARN, "-access-point-alias", testAPAlias,
	"-access-point-policy", "testdata/access-point-policy.json",
	"-identities", "testdata/identities.json",
}

// withFlag returns baseArgs with the value of flag replaced.
func withFlag(flag, value string) []string {
	args := append([]string(nil), baseArgs...)
	for i := range args {
		if args[i] == flag {
			args[i+1] = value
			return args
		}
	}
	return append(args, flag, value)
}

func TestRunRejectsBadConfig(t *testing.T) {
	dir := t.TempDir()
	badEffect := writeTestFile(t, dir, "bad-effect.json", `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]
}`)
	badJSON := writeTestFile(t, dir, "bad-json.json", `{"Statement": [`)
	apWithoutPrincipal := writeTestFile(t, dir, "ap.json", `{"Statement": [
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`)
	writeTestFile(t, dir, "policies/typo.json", `{"Statement": [
  {"Effect": "Allow", "Action": "s3:GetObject", "Resorce": "*"}]}`)
	identitiesWithTypo := writeTestFile(t, dir, "identities.json",
		`{"identities": [{"principal": "arn:aws:iam::111122223333:user/bob", "policies": ["policies/typo.json"]}]}`)
	identitiesUnknownMember := writeTestFile(t, dir, "unknown.json",
		`{"identities": [{"principal": "arn:aws:iam::111122223333:user/bob", "polices": []}]}`)
	identitiesDuplicate := writeTestFile(t, dir, "dup.json",
		`{"identities": [{"principal": "arn:aws:iam::111122223333:user/bob", "tags": {"a": "1"}, "tags": {}}]}`)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { busy.Close() })
	identitiesSession := writeTestFile(t, dir, "session.json",
		`{"identities": [{"principal": "arn:aws:sts::111122223333:assumed-role/r/s"}]}`)

	tests := []struct {
		name       string
		args       []string
		wantStatus int
		wantOutput []string
	}{
		{"bucket policy with bad value", withFlag("-bucket-policy", badEffect), exitFailed,
			[]string{"-bucket-policy", badEffect, "line 3, column 28", "Statement[0].Effect"}},
		{"bucket policy not JSON", withFlag("-bucket-policy", badJSON), exitFailed,
			[]string{"-bucket-policy", badJSON, "invalid JSON"}},
		{"bucket policy missing", withFlag("-bucket-policy", filepath.Join(dir, "absent.json")), exitFailed,
			[]string{"absent.json", "no such file"}},
		{"access point policy without principal", withFlag("-access-point-policy", apWithoutPrincipal), exitFailed,
			[]string{"accessPoint", "Statement[0]", "must name a principal"}},
		{"identity policy with typo", withFlag("-identities", identitiesWithTypo), exitFailed,
			[]string{identitiesWithTypo, "identities[0].policies[0]", "typo.json", "Statement[0].Resorce"}},
		{"identities unknown member", withFlag("-identities", identitiesUnknownMember), exitFailed,
			[]string{identitiesUnknownMember, `unknown field "polices"`}},
		{"identities duplicate key", withFlag("-identities", identitiesDuplicate), exitFailed,
			[]string{identitiesDuplicate, `identities[0].tags: duplicate key "tags"`}},
		{"identity that is a session", withFlag("-identities", identitiesSession), exitFailed,
			[]string{"want an IAM user or role"}},
		{"bad access point ARN", withFlag("-access-point-arn", "arn:aws:s3:::example-bucket"), exitFailed,
			[]string{"access point"}},
		{"bad trusted proxy", withFlag("-trusted-proxies", "10.0.0.0/33"), exitFailed, []string{"-trusted-proxies"}},
		{"missing bucket", []string{"-bucket-account", "111122223333"}, exitUsage, []string{"-bucket and -bucket-account are required"}},
		{"unknown flag", []string{"-bukcet", "x"}, exitUsage, []string{"flag provided but not defined: -bukcet"}},
		{"key without certificate", withFlag("-tls-key", "key.pem"), exitUsage, []string{"-tls-cert and -tls-key go together"}},
		{"address with bad port", withFlag("-addr", "127.0.0.1:bad"), exitFailed, []string{"unknown port"}},
		{"address in use", withFlag("-addr", busy.Addr().String()), exitFailed, []string{"address already in use"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stderr strings.Builder
			ctx, cancel := context.WithCancel(context.Background())
			cancel() // a run that got past its checks stops at once
			status := run(ctx, tc.args, &stderr)
			assert.Equal(t, tc.wantStatus, status, "stderr: %s", stderr.String())
			for _, want := range tc.wantOutput {
				assert.Contains(t, stderr.String(), want)
			}
			assert.NotContains(t, stderr.String(), "listening")
		})
	}
}

func TestRunServesUntilCanceled(t *testing.T) {
	logs := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- run(ctx, baseArgs, logs) }()

	addrPattern := regexp.MustCompile(`msg=listening addr=(127\.0\.0\.1:\d+)`)
	var addr string
	require.Eventually(t, func() bool {
		logs.mu.Lock()
		defer logs.mu.Unlock()
		if m := addrPattern.FindStringSubmatch(logs.buf.String()); m != nil {
			addr = m[1]
			return true
		}
		return false
	}, 10*time.Second, 10*time.Millisecond)

	req, err := http.NewRequest(http.MethodGet, "http://"+addr+"/example-bucket/shared/readme.txt", nil)
	require.NoError(t, err)
	req.Header.Set(principalHeader, alice)
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	require.NoError(t, resp.Body.Close())
	// Plain HTTP, so the bucket policy's DenyInsecureTransport applies.
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)

	cancel()
	select {
	case status := <-done:
		assert.Equal(t, exitOK, status)
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop after its context was canceled")
	}
	logs.mu.Lock()
	output := logs.buf.String()
	logs.mu.Unlock()
	assert.Contains(t, output, "WITHOUT ANY VERIFICATION")
	assert.Contains(t, output, "decision=ExplicitDeny")
	assert.Contains(t, output, "msg=stopped")
}
