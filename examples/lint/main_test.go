package main

import (
	"bytes"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/policy"
)

var update = flag.Bool("update", false, "rewrite testdata/counts.golden and the table in FINDINGS.md")

// corpusEnv names a folder of extra policy documents, such as the AWS
// managed policies that the repository cannot hold because of their
// license. The corpus test lints them as identity policies and logs the
// counts; they are not part of the golden file.
const corpusEnv = "IAMEVAL_CORPUS"

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	return path
}

// runLint runs the command and returns its exit status and output.
func runLint(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	status := run(args, &stdout, &stderr)
	return status, stdout.String(), stderr.String()
}

func TestLintOutput(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "p.json", `{
  "Statement": [{
    "Effect": "Allow",
    "Action": ["s3:GetObjects", "s3:GetObject"],
    "Resource": "arn:aws:s3:::b1"
  }]
}`)
	status, stdout, stderr := runLint(file)
	assert.Equal(t, exitErrors, status)
	assert.Empty(t, stderr)
	want := []string{
		file + `:1:1: warning missing-version: add "Version": "2012-10-17"`,
		file + `:4:16: error unknown-action: Statement[0].Action[0]: s3 has no action "GetObjects"`,
		file + `:4:33: error resource-type-mismatch: Statement[0].Action[1]: "s3:GetObject" acts on`,
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	require.Len(t, lines, len(want), stdout)
	for i := range want {
		assert.True(t, strings.HasPrefix(lines[i], want[i]), "line %d:\n got %s\nwant %s...", i, lines[i], want[i])
	}
}

func TestLintExitStatus(t *testing.T) {
	dir := t.TempDir()
	clean := writeFile(t, dir, "clean.json",
		`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/*"}]}`)
	warning := writeFile(t, dir, "warning.json",
		`{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/*"}]}`)
	errorFile := writeFile(t, dir, "error.json",
		`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/*"}]}`)
	broken := writeFile(t, dir, "broken.json", `{"Statement": [`)
	missing := filepath.Join(dir, "missing.json")

	tests := []struct {
		name string
		args []string
		want int
	}{
		{"clean file", []string{clean}, exitClean},
		{"only a warning", []string{warning}, exitClean},
		{"error finding for the kind", []string{"-kind", "bucket", errorFile}, exitErrors},
		{"unparsable file", []string{broken}, exitFailure},
		{"unreadable file", []string{missing}, exitFailure},
		{"unparsable file wins over errors", []string{"-kind", "bucket", errorFile, broken}, exitFailure},
		{"unknown kind", []string{"-kind", "bukket", clean}, exitFailure},
		{"unknown origin", []string{"-public", "-origin", "lan", clean}, exitFailure},
		{"no files", nil, exitFailure},
		{"public check of an identity policy", []string{"-public", clean}, exitFailure},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, stdout, stderr := runLint(tc.args...)
			assert.Equal(t, tc.want, status, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
			if tc.want == exitFailure {
				assert.NotEmpty(t, stderr)
			}
		})
	}
}

func TestLintPublic(t *testing.T) {
	dir := t.TempDir()
	open := writeFile(t, dir, "open.json", `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Site", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/*"}
  ]
}`)
	closed := writeFile(t, dir, "closed.json", `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/*"}
  ]
}`)
	status, stdout, stderr := runLint("-public", "-kind", "bucket", open, closed)
	require.Equal(t, exitClean, status, stderr)
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	require.Len(t, lines, 3, stdout)
	assert.Equal(t, open+": public", lines[0])
	assert.True(t, strings.HasPrefix(lines[1], open+`:4:5: Statement[0] (Sid "Site"): it allows Principal "*"`), lines[1])
	assert.Equal(t, closed+": not public", lines[2])

	status, stdout, _ = runLint("-public", "-kind", "access-point", "-origin", "vpc", open)
	assert.Equal(t, exitClean, status)
	assert.Equal(t, open+": not public\n", stdout)
}

// kindFor chooses the policy kind of a document under policy/testdata/real
// from its file name. The prefix names where it was published and the rest
// what it is. Two pages of the access point guide show bucket policies.
func kindFor(name string) policy.Kind {
	switch {
	case name == "s3ug-access-points-policies-2.json", name == "s3ug-access-points-policies-5.json":
		return policy.KindBucket
	case strings.HasPrefix(name, "s3ug-access-points-"), strings.HasPrefix(name, "awscli-put-access-point-"):
		return policy.KindAccessPoint
	case strings.HasPrefix(name, "s3ug-multiregion"), strings.HasPrefix(name, "s3ug-use-mrap-"), strings.HasPrefix(name, "s3ug-olap-"):
		return policy.KindResource // Multi-Region and Object Lambda access point policies
	case strings.HasPrefix(name, "s3ug-"), strings.HasPrefix(name, "gh-steampipe-bucket-"):
		return policy.KindBucket
	case strings.HasPrefix(name, "dp-rcp-"):
		return policy.KindRCP
	case strings.HasPrefix(name, "dp-scp-"):
		return policy.KindSCP
	}
	return policy.KindResource // iamug-*: trust, SQS and bucket policies; dp-vpce-*: a VPC endpoint policy
}

// corpusCounts holds the results of linting one folder.
type corpusCounts struct {
	files, unparsable, withErrors int
	codes                         map[string]int
}

// findingLine matches one line of lint output and captures the code.
var findingLine = regexp.MustCompile(`^.+:\d+:\d+: (error|security-warning|warning|suggestion) ([a-z0-9-]+): `)

// lintFolder runs the command on every document of a folder, one file at
// a time, and counts the findings per code from its output.
func lintFolder(t *testing.T, dir string, kindOf func(string) policy.Kind) corpusCounts {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files, dir)

	counts := corpusCounts{files: len(files), codes: make(map[string]int)}
	for _, file := range files {
		status, stdout, stderr := runLint("-kind", kindOf(filepath.Base(file)).String(), file)
		switch status {
		case exitFailure:
			counts.unparsable++
			require.NotEmpty(t, stderr, file)
			continue
		case exitErrors:
			counts.withErrors++
		}
		for _, line := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
			if line == "" {
				continue
			}
			m := findingLine.FindStringSubmatch(line)
			require.NotNil(t, m, "unexpected output line %q", line)
			counts.codes[m[2]]++
		}
	}
	return counts
}

func TestLintCorpus(t *testing.T) {
	realCounts := lintFolder(t, "../../policy/testdata/real", kindFor)
	managed := lintFolder(t, "../../policy/testdata/managed-mit", func(string) policy.Kind { return policy.KindIdentity })
	assert.Equal(t, 93, realCounts.files)
	assert.Equal(t, 1641, managed.files)
	assert.Zero(t, managed.unparsable)

	got := countsTable(realCounts, managed)
	golden := filepath.Join("testdata", "counts.golden")
	findings := filepath.Join("..", "..", "FINDINGS.md")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
		require.NoError(t, os.WriteFile(findings, []byte(findingsPage(got)), 0o644))
	}

	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("finding counts changed; if the change is intended, run go test ./examples/lint -run TestLintCorpus -update "+
			"(-want +got):\n%s", diff)
	}
	page, err := os.ReadFile(findings)
	require.NoError(t, err)
	assert.True(t, strings.Contains(string(page), got),
		"the table in FINDINGS.md differs from the counts; run go test ./examples/lint -run TestLintCorpus -update")
}

// TestLintCorpusFromEnv lints the documents of the folder named by
// IAMEVAL_CORPUS as identity policies and logs the counts per code.
func TestLintCorpusFromEnv(t *testing.T) {
	dir := os.Getenv(corpusEnv)
	if dir == "" {
		t.Skipf("set %s to a folder of policy documents to run this test", corpusEnv)
	}
	counts := lintFolder(t, dir, func(string) policy.Kind { return policy.KindIdentity })
	t.Logf("%s: %d files, %d unparsable, %d with errors", dir, counts.files, counts.unparsable, counts.withErrors)
	for _, code := range slices.Sorted(maps.Keys(counts.codes)) {
		t.Logf("%-40s %6d", code, counts.codes[code])
	}
}

// countsTable renders the counts of both folders as a Markdown table with
// a row for every code, so that a code that stops firing shows as 0.
func countsTable(realCounts, managed corpusCounts) string {
	var sb strings.Builder
	sb.WriteString("| code | severity | real (93) | managed-mit (1,641) |\n")
	sb.WriteString("|---|---|---:|---:|\n")
	for _, info := range policy.Codes() {
		code := string(info.Code)
		fmt.Fprintf(&sb, "| %s | %s | %d | %d |\n", code, info.Severity, realCounts.codes[code], managed.codes[code])
	}
	fmt.Fprintf(&sb, "| **files with an error finding** | | %d | %d |\n", realCounts.withErrors, managed.withErrors)
	fmt.Fprintf(&sb, "| **files that do not parse** | | %d | %d |\n", realCounts.unparsable, managed.unparsable)
	return sb.String()
}

// findingsPage renders FINDINGS.md around the counts table.
func findingsPage(table string) string {
	return `# Findings of examples/lint over the test corpus

This page counts the findings of ` + "`policy.Validate`" + ` per code over the
policy documents the repository holds, so that a change to a check shows
up in review as a change of these numbers. ` + "`go test ./examples/lint`" + `
fails when the counts differ from ` + "`examples/lint/testdata/counts.golden`" + `;
after an intended change, refresh this page and the golden file with

    go test ./examples/lint -run TestLintCorpus -update

- **real** is ` + "`policy/testdata/real`" + `: 93 bucket, access point, RCP,
  SCP and other resource-based policies from AWS documentation and sample
  repositories. The test picks each file's kind from its name, as
  ` + "`kindFor`" + ` in ` + "`examples/lint/main_test.go`" + ` shows. Four of them are
  templates with placeholders such as ` + "`<action>`" + ` that do not parse.
- **managed-mit** is ` + "`policy/testdata/managed-mit`" + `: 1,641 AWS managed
  policies, linted as identity policies (kind ` + "`identity`" + `, quota 6,144
  characters).

With ` + "`IAMEVAL_CORPUS`" + ` set to a folder of documents, such as the GPL-licensed
copy of the AWS managed policies that stays outside the repository,
` + "`TestLintCorpusFromEnv`" + ` lints them as identity policies and logs the counts
per code; they are not part of the golden file.

Most findings in the managed policies are real properties of those
documents as the service reference data describes them: actions that name
no resource type but are granted on specific ARNs, write actions on
Resource "*", actions of retired services and documents over the quota of
a customer managed policy. Some ` + "`resource-type-mismatch`" + ` findings come from
gaps in that data rather than from the policies, for example Elastic Load
Balancing actions of version 2, which the data lists with version 1
resource types only.

` + table
}
