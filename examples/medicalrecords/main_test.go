package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

var update = flag.Bool("update", false, "rewrite testdata/output.golden with the current output")

func newTestEvaluator(t *testing.T, identity ...*policy.Policy) *evaluator.Evaluator {
	t.Helper()
	set, err := policySet()
	require.NoError(t, err)
	set.Identity = identity
	ev, err := evaluator.New(set)
	require.NoError(t, err)
	return ev
}

// TestDecisions checks every row of the printed table against the
// decision and reason expected for it, written out here independently of
// the evaluator.
func TestDecisions(t *testing.T) {
	type outcome struct {
		Decision evaluator.Decision
		Reason   string
	}
	want := map[string]outcome{
		"own folder, write":           {evaluator.Allow, "OwnFolder"},
		"own folder, read":            {evaluator.Allow, "OwnFolder"},
		"another user's folder":       {evaluator.ImplicitDeny, "no statement allows"},
		"own department's record":     {evaluator.Allow, "ReadOwnDepartmentRecords"},
		"other department's record":   {evaluator.ImplicitDeny, "no statement allows"},
		"other department alike":      {evaluator.Allow, "ReadOwnDepartmentRecords"},
		"untagged record":             {evaluator.ImplicitDeny, "no statement allows"},
		"write a department record":   {evaluator.ImplicitDeny, "no statement allows"},
		"bucket without access point": {evaluator.ImplicitDeny, "no statement allows"},
		"bucket over HTTP":            {evaluator.ExplicitDeny, "denied by DenyInsecureTransport"},
		"access point over HTTP":      {evaluator.ImplicitDeny, "access points accept HTTPS only"},
		"unsupported operation":       {evaluator.ImplicitDeny, "unsupported via access point"},
	}
	require.Len(t, requests, len(want), "every row of the table needs an expected outcome")

	ev := newTestEvaluator(t)
	for _, sr := range requests {
		t.Run(sr.shows, func(t *testing.T) {
			expected, ok := want[sr.shows]
			require.True(t, ok, "no expected outcome for row %q", sr.shows)
			res := ev.Evaluate(sr.request())
			require.NoError(t, res.Err)
			got := outcome{res.Decision, reason(res)}
			if diff := cmp.Diff(expected, got); diff != "" {
				t.Errorf("outcome (-want +got):\n%s\n%s", diff, ev.Explain(sr.request()))
			}
		})
	}
}

// TestOtherAccountDenied checks that a user of another account with the
// same name and tag is kept out, even when an identity-based policy allows
// every S3 action, while a member of staff with the same policy passes.
func TestOtherAccountDenied(t *testing.T) {
	allowS3 := policy.MustParse(`{"Version": "2012-10-17",
	  "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}`)
	ev := newTestEvaluator(t, allowS3)
	context := condition.NewContext(map[string][]string{
		"aws:SecureTransport":         {"true"},
		"aws:PrincipalTag/department": {emergencyRoom},
		"s3:ExistingObjectTag/data":   {emergencyRoom},
	})
	tests := []struct {
		name      string
		principal string
		key       string
		want      evaluator.Decision
	}{
		{"same account own folder", "arn:aws:iam::111122223333:user/alice", "alice/handover.txt", evaluator.Allow},
		{"same account tagged record", "arn:aws:iam::111122223333:user/alice", "patients/1041.pdf", evaluator.Allow},
		{"other account own folder", "arn:aws:iam::444455556666:user/alice", "alice/handover.txt", evaluator.ImplicitDeny},
		{"other account tagged record", "arn:aws:iam::444455556666:user/alice", "patients/1041.pdf", evaluator.ImplicitDeny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := &evaluator.Request{
				Principal: evaluator.MustParsePrincipal(tc.principal, ""),
				Action:    "s3:GetObject",
				Resource:  accessPointARN + "/object/" + tc.key,
				Context:   context,
			}
			res := ev.Evaluate(req)
			require.NoError(t, res.Err)
			assert.Equal(t, tc.want, res.Decision, "reason %q\n%s", res.Reason, ev.Explain(req))
		})
	}
}

// TestPoliciesNotPublic checks that S3 Block Public Access, which is on by
// default for access points, accepts both policies.
func TestPoliciesNotPublic(t *testing.T) {
	set, err := policySet()
	require.NoError(t, err)
	tests := []struct {
		name string
		p    *policy.Policy
		kind policy.Kind
	}{
		{"bucket policy", set.Resource, policy.KindBucket},
		{"access point policy", set.AccessPointPolicy, policy.KindAccessPoint},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			access, err := policy.IsPublic(tc.p, tc.kind, policy.OriginInternet)
			require.NoError(t, err)
			assert.False(t, access.Public, "public statements: %+v", access.Statements)
			assert.Empty(t, policy.Validate(tc.p, tc.kind), "validation findings")
		})
	}
}

// TestOutput compares the printed table with testdata/output.golden. Run
// go test -update to rewrite the file after an intended change.
func TestOutput(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))

	golden := filepath.Join("testdata", "output.golden")
	if *update {
		require.NoError(t, os.WriteFile(golden, out.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	if diff := cmp.Diff(string(want), out.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}
