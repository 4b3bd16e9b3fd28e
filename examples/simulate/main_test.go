package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Files of testdata used by the tests.
const (
	scenarios = "testdata/scenarios/"
	policies  = "testdata/policies/"

	// The access point of the examples in the S3 user guide, and the
	// bucket behind it.
	janeAccessPoint = "arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point"
	exampleBucket   = "DOC-EXAMPLE-BUCKET1"
	exampleAccount  = "123456789012"
)

// simulate runs the command and returns its exit status and output.
func simulate(args []string, stdin string) (status int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	status = run(args, strings.NewReader(stdin), &out, &errOut)
	return status, out.String(), errOut.String()
}

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	require.NoError(t, err)
	return string(data)
}

// accessPointArgs returns the flags of a request by user through the
// example access point, to the object key, with the given policy files.
func accessPointArgs(accessPointPolicy, bucketPolicy, user, key string, extra ...string) []string {
	args := []string{
		"-access-point-policy", policies + accessPointPolicy,
		"-resource-policy", policies + bucketPolicy,
		"-access-point", janeAccessPoint,
		"-bucket", exampleBucket,
		"-bucket-account", exampleAccount,
		"-principal", "arn:aws:iam::" + exampleAccount + ":user/" + user,
		"-action", "s3:GetObject",
		"-resource", janeAccessPoint + "/object/" + key,
		"-context", "aws:SecureTransport=true",
	}
	return append(args, extra...)
}

// userArgs returns the request flags of alice in account 111122223333
// calling action on resource, owned by the same account.
func userArgs(action, resource string, extra ...string) []string {
	args := []string{
		"-principal", "arn:aws:iam::111122223333:user/alice",
		"-action", action,
		"-resource", resource,
		"-resource-account", "111122223333",
	}
	return append(args, extra...)
}

func TestRun(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stdin  string
		status int

		// stdout is the exact standard output.
		stdout string

		// stderr lists texts that standard error must contain, in order;
		// nil means standard error must be empty.
		stderr []string
	}{
		{
			name:   "scenario allow",
			args:   []string{scenarios + "allow.json"},
			status: exitAllowed,
			stdout: `{"decision":"Allow","matched":[{"policy":"identity[0]","statement":0,"sid":"ReadReports","effect":"Allow"}]}` + "\n",
		},
		{
			name:   "scenario explicit deny",
			args:   []string{scenarios + "explicit-deny.json"},
			status: exitDenied,
			stdout: `{"decision":"ExplicitDeny","matched":[` +
				`{"policy":"identity[0]","statement":0,"sid":"ReadReports","effect":"Allow"},` +
				`{"policy":"resource","statement":0,"sid":"DenyInsecureTransport","effect":"Deny"}]}` + "\n",
		},
		{
			name:   "scenario implicit deny",
			args:   []string{scenarios + "implicit-deny.json"},
			status: exitDenied,
			stdout: `{"decision":"ImplicitDeny","reason":"no-allow","matched":[]}` + "\n",
		},
		{
			name:   "scenario invalid condition value",
			args:   []string{scenarios + "invalid-condition.json"},
			status: exitInvalid,
			stderr: []string{
				scenarios + "invalid-condition.json:17:68: " +
					"policies.identity[1].Statement[0].Condition.NumericLessThanEquals.s3:max-keys: ",
				`"ten"`,
			},
		},
		{
			name:   "scenario unknown member",
			args:   []string{scenarios + "unknown-member.json"},
			status: exitInvalid,
			stderr: []string{scenarios + "unknown-member.json:16:5: request.resourceAcount: ", `unknown member "resourceAcount"`},
		},
		{
			name:   "scenario file missing",
			args:   []string{scenarios + "missing.json"},
			status: exitInvalid,
			stderr: []string{"simulate: open " + scenarios + "missing.json: "},
		},
		{
			name:   "stdin with dash",
			args:   []string{"-"},
			stdin:  readTestdata(t, scenarios+"allow.json"),
			status: exitAllowed,
			stdout: `{"decision":"Allow","matched":[{"policy":"identity[0]","statement":0,"sid":"ReadReports","effect":"Allow"}]}` + "\n",
		},
		{
			name:   "stdin without argument",
			stdin:  readTestdata(t, scenarios+"explicit-deny.json"),
			status: exitDenied,
			stdout: `{"decision":"ExplicitDeny","matched":[` +
				`{"policy":"identity[0]","statement":0,"sid":"ReadReports","effect":"Allow"},` +
				`{"policy":"resource","statement":0,"sid":"DenyInsecureTransport","effect":"Deny"}]}` + "\n",
		},
		{
			name:   "stdin invalid JSON",
			stdin:  `{"request": {`,
			status: exitInvalid,
			stderr: []string{stdinName + ":1:", "invalid JSON"},
		},
		{
			name:   "explain names failing condition key",
			args:   []string{"-explain", scenarios + "implicit-deny.json"},
			status: exitDenied,
			stdout: `{"decision":"ImplicitDeny","reason":"no-allow","matched":[]}` + "\n",
			stderr: []string{`"ReadOwnTeamReports"`, "Condition did not match", `"s3:ExistingObjectTag/team"`, `["finance"]`},
		},
		{
			name:   "flags access point allow",
			args:   accessPointArgs("s3ug-access-points-policies.json", "s3ug-access-points-policies-2.json", "Jane", "Jane/notes.txt"),
			status: exitAllowed,
			stdout: `{"decision":"Allow","matched":[` +
				`{"policy":"resource","statement":0,"effect":"Allow"},` +
				`{"policy":"accessPoint","statement":0,"effect":"Allow"}]}` + "\n",
		},
		{
			name: "flags access point other prefix",
			args: accessPointArgs("s3ug-access-points-policies.json", "s3ug-access-points-policies-2.json",
				"Jane", "Mateo/notes.txt"),
			status: exitDenied,
			stdout: `{"decision":"ImplicitDeny","reason":"no-allow","matched":[]}` + "\n",
		},
		{
			name: "flags access point tagged object",
			args: accessPointArgs("s3ug-access-points-policies-3.json", "delegate-to-access-points.json",
				"Mateo", "reports/q4.pdf", "-context", "s3:ExistingObjectTag/data=finance"),
			status: exitAllowed,
			stdout: `{"decision":"Allow","matched":[` +
				`{"policy":"resource","statement":0,"sid":"DelegateToOwnAccessPoints","effect":"Allow"},` +
				`{"policy":"accessPoint","statement":0,"effect":"Allow"}]}` + "\n",
		},
		{
			name: "flags explain other object tag",
			args: accessPointArgs("s3ug-access-points-policies-3.json", "delegate-to-access-points.json",
				"Mateo", "reports/q4.pdf", "-context", "s3:ExistingObjectTag/data=payroll", "-explain"),
			status: exitDenied,
			stdout: `{"decision":"ImplicitDeny","reason":"no-allow","matched":[` +
				`{"policy":"resource","statement":0,"sid":"DelegateToOwnAccessPoints","effect":"Allow"}]}` + "\n",
			stderr: []string{"access point gate", `"s3:ExistingObjectTag/data"`, `["payroll"]`, `["finance"]`},
		},
		{
			name: "flags insecure transport explicit deny",
			args: userArgs("s3:GetObject", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/a.txt",
				"-identity", policies+"AmazonS3ReadOnlyAccess.json",
				"-resource-policy", policies+"s3ug-example-bucket-policies-use-case-http-https-1.json",
				"-context", "aws:SecureTransport=false"),
			status: exitDenied,
			stdout: `{"decision":"ExplicitDeny","matched":[` +
				`{"policy":"identity[0]","statement":0,"effect":"Allow"},` +
				`{"policy":"resource","statement":0,"sid":"RestrictToTLSRequestsOnly","effect":"Deny"}]}` + "\n",
		},
		{
			name: "flags secure transport allow",
			args: userArgs("s3:GetObject", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/a.txt",
				"-identity", policies+"AmazonS3ReadOnlyAccess.json",
				"-resource-policy", policies+"s3ug-example-bucket-policies-use-case-http-https-1.json",
				"-context", "aws:SecureTransport=true"),
			status: exitAllowed,
			stdout: `{"decision":"Allow","matched":[{"policy":"identity[0]","statement":0,"effect":"Allow"}]}` + "\n",
		},
		{
			name: "flags scp level of two policies",
			args: userArgs("s3:GetObject", "arn:aws:s3:::example-reports/a.txt",
				"-identity", policies+"AmazonS3ReadOnlyAccess.json",
				"-scp", policies+"scp-allow-all.json,"+policies+"AWSDenyAll.json"),
			status: exitDenied,
			stdout: `{"decision":"ExplicitDeny","matched":[` +
				`{"policy":"identity[0]","statement":0,"effect":"Allow"},` +
				`{"policy":"scp[0][0]","statement":0,"sid":"AllowAll","effect":"Allow"},` +
				`{"policy":"scp[0][1]","statement":0,"sid":"DenyAll","effect":"Deny"}]}` + "\n",
		},
		{
			name: "flags scp level without allow",
			args: userArgs("s3:PutObject", "arn:aws:s3:::example-reports/a.txt",
				"-identity", policies+"scp-allow-all.json",
				"-scp", policies+"scp-allow-all.json",
				"-scp", policies+"AmazonS3ReadOnlyAccess.json"),
			status: exitDenied,
			stdout: `{"decision":"ImplicitDeny","reason":"scp","matched":[` +
				`{"policy":"identity[0]","statement":0,"sid":"AllowAll","effect":"Allow"},` +
				`{"policy":"scp[0][0]","statement":0,"sid":"AllowAll","effect":"Allow"}]}` + "\n",
		},
		{
			name: "flags multivalued context key allowed",
			args: userArgs("s3:PutObjectTagging", "arn:aws:s3:::example-reports/a.txt",
				"-identity", policies+"tag-keys.json",
				"-context", "aws:TagKeys=project", "-context", "aws:TagKeys=team"),
			status: exitAllowed,
			stdout: `{"decision":"Allow","matched":[{"policy":"identity[0]","statement":0,"sid":"TagWithApprovedKeys","effect":"Allow"}]}` + "\n",
		},
		{
			name: "flags multivalued context key denied",
			args: userArgs("s3:PutObjectTagging", "arn:aws:s3:::example-reports/a.txt",
				"-identity", policies+"tag-keys.json",
				"-context", "aws:TagKeys=project", "-context", "AWS:tagkeys=owner"),
			status: exitDenied,
			stdout: `{"decision":"ImplicitDeny","reason":"no-allow","matched":[]}` + "\n",
		},
		{
			name: "flags unknown resource owner noted",
			args: []string{
				"-principal", "arn:aws:iam::111122223333:user/alice",
				"-action", "s3:GetObject",
				"-resource", "arn:aws:s3:::example-reports/a.txt",
				"-identity", policies + "AmazonS3ReadOnlyAccess.json",
			},
			status: exitDenied,
			stdout: `{"decision":"ImplicitDeny","reason":"resource-policy","matched":[{"policy":"identity[0]","statement":0,"effect":"Allow"}]}` + "\n",
			stderr: []string{"simulate: note: the resource ARN names no account", "-resource-account"},
		},
		{
			name:   "flags invalid policy file",
			args:   userArgs("s3:GetObject", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/a.txt", "-identity", policies+"lowercase-effect.json"),
			status: exitInvalid,
			stderr: []string{policies + "lowercase-effect.json:5:17: Statement[0].Effect: ", `"allow"`},
		},
		{
			name: "flags policy in wrong place",
			args: userArgs("s3:GetObject", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/a.txt",
				"-identity", policies+"AmazonS3ReadOnlyAccess.json",
				"-identity", policies+"s3ug-access-points-policies.json"),
			status: exitInvalid,
			stderr: []string{policies + "s3ug-access-points-policies.json:6:22: Statement[0].Principal: ",
				"an identity-based policy cannot name a principal"},
		},
		{
			name: "flags rcp without principal",
			args: userArgs("s3:GetObject", "arn:aws:s3:::b/a.txt",
				"-rcp", policies+"rcp-allow-all.json",
				"-rcp", policies+"rcp-allow-all.json,"+policies+"scp-allow-all.json"),
			status: exitInvalid,
			stderr: []string{policies + "scp-allow-all.json:4:5: Statement[0].Principal: ", `an RCP must name the principal "*"`},
		},
		{
			name: "flags rcp levels allow",
			args: userArgs("s3:GetObject", "arn:aws:s3:::b/a.txt",
				"-identity", policies+"AmazonS3ReadOnlyAccess.json",
				"-rcp", policies+"rcp-allow-all.json"),
			status: exitAllowed,
			stdout: `{"decision":"Allow","matched":[` +
				`{"policy":"identity[0]","statement":0,"effect":"Allow"},` +
				`{"policy":"rcp[0][0]","statement":0,"sid":"AllowAll","effect":"Allow"}]}` + "\n",
		},
		{
			name:   "flags policy file missing",
			args:   userArgs("s3:GetObject", "arn:aws:s3:::b/a.txt", "-boundary", policies+"missing.json"),
			status: exitInvalid,
			stderr: []string{"simulate: open " + policies + "missing.json: "},
		},
		{
			name:   "flags empty file in scp level",
			args:   userArgs("s3:GetObject", "arn:aws:s3:::b/a.txt", "-scp", policies+"scp-allow-all.json,"),
			status: exitInvalid,
			stderr: []string{"simulate: -scp ", "empty file name"},
		},
		{
			name:   "flags missing action",
			args:   []string{"-principal", "arn:aws:iam::111122223333:user/alice", "-resource", "*"},
			status: exitInvalid,
			stderr: []string{"simulate: missing -action"},
		},
		{
			name:   "flags access point without ARN",
			args:   userArgs("s3:GetObject", "arn:aws:s3:::b/a.txt", "-bucket", "b"),
			status: exitInvalid,
			stderr: []string{"simulate: missing -access-point"},
		},
		{
			name: "flags invalid bucket account",
			args: userArgs("s3:GetObject", janeAccessPoint+"/object/a.txt",
				"-access-point", janeAccessPoint, "-bucket", "b", "-bucket-account", "1234"),
			status: exitInvalid,
			stderr: []string{"simulate: -bucket-account: ", `"1234"`},
		},
		{
			name:   "flags invalid principal",
			args:   []string{"-principal", "arn:aws:iam::111122223333:usr/alice", "-action", "s3:GetObject", "-resource", "*"},
			status: exitInvalid,
			stderr: []string{"simulate: -principal: ", `"usr"`},
		},
		{
			name:   "flags wildcard action",
			args:   userArgs("s3:Get*", "arn:aws:s3:::b/a.txt"),
			status: exitInvalid,
			stderr: []string{"simulate: invalid request: ", `"s3:Get*"`},
		},
		{
			name:   "flags context without value",
			args:   userArgs("s3:GetObject", "arn:aws:s3:::b/a.txt", "-context", "aws:SecureTransport"),
			status: exitInvalid,
			stderr: []string{`simulate: invalid value "aws:SecureTransport" for flag -context: expected KEY=VALUE`},
		},
		{
			name:   "scenario and flags together",
			args:   []string{"-action", "s3:GetObject", scenarios + "allow.json"},
			status: exitInvalid,
			stderr: []string{"simulate: unexpected argument", "not both"},
		},
		{
			name:   "two scenario files",
			args:   []string{scenarios + "allow.json", scenarios + "explicit-deny.json"},
			status: exitInvalid,
			stderr: []string{"simulate: unexpected argument", "one scenario file"},
		},
		{
			name:   "unknown flag",
			args:   []string{"-principals", "x"},
			status: exitInvalid,
			stderr: []string{"simulate: flag provided but not defined: -principals", "simulate -h"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			status, stdout, stderr := simulate(tc.args, tc.stdin)
			assert.Equal(t, tc.status, status, "exit status; stderr:\n%s", stderr)
			if diff := cmp.Diff(tc.stdout, stdout); diff != "" {
				t.Errorf("standard output (-want +got):\n%s", diff)
			}
			if tc.stderr == nil {
				assert.Empty(t, stderr, "standard error")
			}
			assertContainsInOrder(t, stderr, tc.stderr)
		})
	}
}

// assertContainsInOrder checks that text contains each of parts, each one
// after the previous.
func assertContainsInOrder(t *testing.T, text string, parts []string) {
	t.Helper()
	rest := text
	for _, part := range parts {
		i := strings.Index(rest, part)
		if i < 0 {
			t.Errorf("standard error lacks %q after the earlier parts; it is:\n%s", part, text)
			return
		}
		rest = rest[i+len(part):]
	}
}

func TestHelp(t *testing.T) {
	status, stdout, stderr := simulate([]string{"-h"}, "")
	assert.Equal(t, exitHelp, status)
	assert.Empty(t, stderr)
	assert.Contains(t, stdout, "usage: simulate [-explain] [SCENARIO | -]")
	assert.Contains(t, stdout, "Exit status: 0 allowed, 1 denied (explicitly or implicitly), 2 invalid input.")
}

func TestTerminalInputPrintsUsage(t *testing.T) {
	devNull, err := os.Open(os.DevNull)
	require.NoError(t, err)
	defer devNull.Close()
	info, err := devNull.Stat()
	require.NoError(t, err)
	if info.Mode()&os.ModeCharDevice == 0 {
		t.Skipf("%s is not a character device here", os.DevNull)
	}

	var stdout, stderr bytes.Buffer
	status := run(nil, devNull, &stdout, &stderr)
	assert.Equal(t, exitInvalid, status)
	assert.Empty(t, stdout.String())
	assert.Contains(t, stderr.String(), "usage: simulate")
}

func TestUsageListsEveryFlag(t *testing.T) {
	fs := (&options{}).define()
	grouped := map[string]bool{}
	for _, group := range flagGroups {
		for _, name := range group.names {
			assert.NotNil(t, fs.Lookup(name), "flagGroups lists the undefined flag -%s", name)
			grouped[name] = true
		}
	}
	var usage bytes.Buffer
	printUsage(&usage, fs)
	fs.VisitAll(func(f *flag.Flag) {
		assert.True(t, grouped[f.Name], "flag -%s is in no group of flagGroups", f.Name)
		line := "\n  -" + f.Name + "\n"
		if name, _ := flag.UnquoteUsage(f); name != "" {
			line = "\n  -" + f.Name + " " + name + "\n"
		}
		assert.Contains(t, usage.String(), line, "usage text")
	})
}

func TestContextFlag(t *testing.T) {
	var c contextFlag
	for _, pair := range []string{
		"aws:TagKeys=project",
		"AWS:tagkeys=team",
		"s3:prefix=a=b",
		"aws:SourceVpc=",
	} {
		require.NoError(t, c.Set(pair), pair)
	}
	want := map[string][]string{
		"aws:TagKeys":   {"project", "team"},
		"s3:prefix":     {"a=b"},
		"aws:SourceVpc": {""},
	}
	if diff := cmp.Diff(want, c.values); diff != "" {
		t.Errorf("context values (-want +got):\n%s", diff)
	}

	for _, bad := range []string{"aws:SecureTransport", "=true", ""} {
		assert.Error(t, c.Set(bad), "pair %q", bad)
	}
}

// evaluatorScenario is a file of the evaluator package's scenario tests: a
// scenario document and the decision AWS reaches for it.
type evaluatorScenario struct {
	Expect   string          `json:"expect"` // a decision, or "ParseError"
	Scenario json.RawMessage `json:"scenario"`
}

// TestEvaluatorScenarios runs the command on every scenario of the
// evaluator package and checks the exit status and decision against each
// file's expected decision.
func TestEvaluatorScenarios(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "evaluator", "testdata", "scenarios", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	wantStatus := map[string]int{
		"Allow":        exitAllowed,
		"ExplicitDeny": exitDenied,
		"ImplicitDeny": exitDenied,
		"ParseError":   exitInvalid,
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			var c evaluatorScenario
			require.NoError(t, json.Unmarshal([]byte(readTestdata(t, file)), &c))
			want, ok := wantStatus[c.Expect]
			require.True(t, ok, "unknown expect %q", c.Expect)

			status, stdout, stderr := simulate(nil, string(c.Scenario))
			assert.Equal(t, want, status, "exit status; stdout %s; stderr:\n%s", stdout, stderr)
			if c.Expect == "ParseError" {
				assert.Empty(t, stdout, "no decision for an invalid scenario")
				assert.True(t, strings.HasPrefix(stderr, stdinName+":"), "error names the input: %s", stderr)
				return
			}
			var got struct{ Decision string }
			require.NoError(t, json.Unmarshal([]byte(stdout), &got), "standard output: %s", stdout)
			assert.Equal(t, c.Expect, got.Decision)
		})
	}
}
