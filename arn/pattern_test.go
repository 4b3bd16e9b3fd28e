package arn_test

import (
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/arn"
)

// patternCase is one row of testdata/arnmatch.json or of patternTests.
type patternCase struct {
	Name    string `json:"name"`
	Pattern string `json:"pattern"`
	Value   string `json:"value"`
	Match   bool   `json:"match"`
}

var patternTests = []patternCase{
	{"star matches any arn", "*", "arn:aws:s3:::b", true},
	{"exact bucket", "arn:aws:s3:::examplebucket", "arn:aws:s3:::examplebucket", true},
	{"bucket is not its objects", "arn:aws:s3:::examplebucket", "arn:aws:s3:::examplebucket/k", false},
	{"objects are not the bucket", "arn:aws:s3:::examplebucket/*", "arn:aws:s3:::examplebucket", false},
	{"bucket name prefix", "arn:aws:s3:::examplebucket*", "arn:aws:s3:::examplebucket-logs", true},
	{"case-sensitive key", "arn:aws:s3:::b/Photos/*", "arn:aws:s3:::b/photos/a.jpg", false},
	{"case-sensitive service", "arn:aws:s3:::b", "arn:aws:S3:::b", false},
	{"case-sensitive partition", "arn:aws:s3:::b", "arn:AWS:s3:::b", false},
	{"case-sensitive user name", "arn:aws:iam::111122223333:user/Bob", "arn:aws:iam::111122223333:user/bob", false},
	{"other partition", "arn:aws:s3:::b", "arn:aws-cn:s3:::b", false},
	{"partition wildcard", "arn:aws*:s3:::b", "arn:aws-us-gov:s3:::b", true},
	{"partition question", "arn:aws-??:s3:::b", "arn:aws-cn:s3:::b", true},
	{"other service", "arn:aws:s3:::*", "arn:aws:s3-object-lambda:::b", false},

	// Wildcards in the resource part cross '/', but need the literal parts.
	{"nested test folder", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/test/object.jpg", true},
	{"deeply nested test folder", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg", true},
	{"empty first folder", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET//test/object.jpg", true},
	{"key ends in slash", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/test/", true},
	{"repeated slashes", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1///test///object.jpg", true},
	{"test folder at top", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/test/object.jpg", false},
	{"dash is not slash", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1-test/object.jpg", false},
	{"test file not folder", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test.jpg", false},

	// '?' is exactly one character.
	{"question one digit", "arn:aws:s3:::example?bucket/*", "arn:aws:s3:::example1bucket/k", true},
	{"question not empty", "arn:aws:s3:::example?bucket/*", "arn:aws:s3:::examplebucket/k", false},
	{"question not two", "arn:aws:s3:::example?bucket/*", "arn:aws:s3:::example12bucket/k", false},
	{"question multibyte key", "arn:aws:s3:::b/caf?", "arn:aws:s3:::b/café", true},

	// Empty segments match only empty segments.
	{"empty region vs access point", "arn:aws:s3:::*", "arn:aws:s3:us-west-2:111122223333:accesspoint/ap", false},
	{"wildcard region for access point", "arn:aws:s3:*:*:accesspoint/*", "arn:aws:s3:us-west-2:111122223333:accesspoint/ap", true},
	{"empty account vs account", "arn:aws:iam:::user/*", "arn:aws:iam::111122223333:user/alice", false},
	{"empty region pattern", "arn:aws:iam::111122223333:user/*", "arn:aws:iam::111122223333:user/a", true},
	{"region required", "arn:aws:sqs:us-east-2:111122223333:queue1", "arn:aws:sqs::111122223333:queue1", false},
	{"star region matches empty", "arn:aws:iam:*:111122223333:root", "arn:aws:iam::111122223333:root", true},

	// A wildcard in a segment never covers a ':' of the ARN.
	{"region star stays in region", "arn:aws:someservice:*:111122223333:finance/*", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt", false},
	{"account star stays in account", "arn:aws:svc:r:*:x", "arn:aws:svc:r:1:2:x", false},
	{"resource star crosses colons", "arn:aws:svc:r:1:*", "arn:aws:svc:r:1:2:x", true},
	{"resource question matches colon", "arn:aws:svc:r:1:a?b", "arn:aws:svc:r:1:a:b", true},
	{"segment question not colon", "arn:aws:svc:?:1:x", "arn:aws:svc:a:b:1:x", false},

	// Text that is not an ARN matches nothing, not even "*".
	{"star vs non arn", "*", "bucket/key", false},
	{"pattern vs too few segments", "arn:aws:s3:::*", "arn:aws:s3::", false},
	{"pattern vs empty resource", "arn:aws:s3:::*", "arn:aws:s3:::", false},

	// Without variables, "${" is ordinary text.
	{"dollar brace literal", "arn:aws:s3:::b/${aws:username}", "arn:aws:s3:::b/${aws:username}", true},
	{"dollar brace star wildcard", "arn:aws:s3:::b/${*}", "arn:aws:s3:::b/${anything}", true},
}

func runPatternCases(t *testing.T, cases []patternCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			t.Parallel()
			p, err := arn.Compile(tc.Pattern, false)
			require.NoError(t, err)
			if got := p.MatchString(tc.Value, nil); got != tc.Match {
				t.Errorf("Compile(%q).MatchString(%q) = %v, want %v", tc.Pattern, tc.Value, got, tc.Match)
			}
			a, err := arn.Parse(tc.Value)
			if err != nil {
				return
			}
			if got := p.Match(a, nil); got != tc.Match {
				t.Errorf("Compile(%q).Match(%q) = %v, want %v", tc.Pattern, tc.Value, got, tc.Match)
			}
		})
	}
}

func TestPatternMatch(t *testing.T) {
	t.Parallel()
	runPatternCases(t, patternTests)
}

func TestPatternMatchConformance(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/arnmatch.json")
	require.NoError(t, err)
	var cases []patternCase
	require.NoError(t, json.Unmarshal(data, &cases))
	require.NotEmpty(t, cases)
	runPatternCases(t, cases)
}

// TestArnLikeVersusStringLike shows why ARN patterns are matched part by
// part: the same text matched as one string spans the parts.
func TestArnLikeVersusStringLike(t *testing.T) {
	t.Parallel()
	pattern := "arn:aws:someservice:*:111122223333:finance/*"
	value := "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"
	if !arn.Match(pattern, value) {
		t.Errorf("Match(%q, %q) = false, want true as for StringLike", pattern, value)
	}
	if arn.MustCompile(pattern, false).MatchString(value, nil) {
		t.Errorf("Pattern %q matched %q, want no match as for ArnLike", pattern, value)
	}
}

func TestPatternVariables(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		pattern string
		vars    []string
		value   string
		want    bool
	}{
		{"home folder", "arn:aws:s3:::b/home/${aws:username}/*", []string{"alice"}, "arn:aws:s3:::b/home/alice/a.txt", true},
		{"other home folder", "arn:aws:s3:::b/home/${aws:username}/*", []string{"alice"}, "arn:aws:s3:::b/home/bob/a.txt", false},
		{"value with star is literal", "arn:aws:s3:::b/home/${aws:username}/*", []string{"*"}, "arn:aws:s3:::b/home/bob/a.txt", false},
		{"escaped star is literal", "arn:aws:s3:::b/${*}", nil, "arn:aws:s3:::b/*", true},
		{"escaped star no wildcard", "arn:aws:s3:::b/${*}", nil, "arn:aws:s3:::b/x", false},
		{"variable with colon", "arn:aws:iam::111122223333:user/${aws:username}", []string{"alice"}, "arn:aws:iam::111122223333:user/alice", true},
		{"unresolved values", "arn:aws:s3:::b/${aws:username}", nil, "arn:aws:s3:::b/alice", false},
		{"variable in account", "arn:aws:kms:*:${aws:PrincipalAccount}:key/*", []string{"111122223333"}, "arn:aws:kms:us-east-1:111122223333:key/k1", true},
		{"variable in account other account", "arn:aws:kms:*:${aws:PrincipalAccount}:key/*", []string{"111122223333"}, "arn:aws:kms:us-east-1:444455556666:key/k1", false},
		{"variables in region and resource", "arn:aws:logs:${aws:RequestedRegion}:*:log-group:${aws:username}", []string{"us-west-2", "alice"}, "arn:aws:logs:us-west-2:111122223333:log-group:alice", true},
		{"variables in region and resource swapped", "arn:aws:logs:${aws:RequestedRegion}:*:log-group:${aws:username}", []string{"alice", "us-west-2"}, "arn:aws:logs:us-west-2:111122223333:log-group:alice", false},
		{"account variable value is literal", "arn:aws:kms:*:${aws:PrincipalAccount}:key/*", []string{"*"}, "arn:aws:kms:us-east-1:111122223333:key/k1", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, err := arn.Compile(tc.pattern, true)
			require.NoError(t, err)
			if got := p.MatchString(tc.value, tc.vars); got != tc.want {
				t.Errorf("Compile(%q).MatchString(%q, %q) = %v, want %v", tc.pattern, tc.value, tc.vars, got, tc.want)
			}
		})
	}
}

func TestPatternVariableKeys(t *testing.T) {
	t.Parallel()
	p := arn.MustCompile("arn:aws:s3:::b/${aws:username}/${s3:prefix, 'x'}/${aws:UserName}", true)
	var keys []string
	for _, v := range p.Variables() {
		keys = append(keys, v.Key)
	}
	require.Equal(t, []string{"aws:username", "s3:prefix", "aws:username"}, keys)
	require.Empty(t, arn.MustCompile("*", true).Variables())
}

func TestCompileErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		pattern   string
		variables bool
		sentinel  error
		offset    int
		msg       string
	}{
		{"empty", "", false, arn.ErrBadPrefix, 0, `arn: invalid ARN "" at offset 0: must be "*" or start with "arn:"`},
		{"star with space", " *", false, arn.ErrBadPrefix, 0, `arn: invalid ARN " *" at offset 0: must be "*" or start with "arn:"`},
		{"bucket name alone", "examplebucket/*", false, arn.ErrBadPrefix, 0, `arn: invalid ARN "examplebucket/*" at offset 0: must be "*" or start with "arn:"`},
		{"four colons", "arn:aws:s3::*", false, arn.ErrTooFewSegments, 13, `arn: invalid ARN "arn:aws:s3::*" at offset 13: found 4 of the 5 colons that separate the segments`},
		{"arn star", "arn:*", false, arn.ErrTooFewSegments, 5, `arn: invalid ARN "arn:*" at offset 5: found 1 of the 5 colons that separate the segments`},
		{"service star", "arn:aws:*:::b", false, arn.ErrBadWildcard, 8, `arn: invalid ARN "arn:aws:*:::b" at offset 8: wildcard in service "*"`},
		{"service question", "arn:aws:s?:::b", false, arn.ErrBadWildcard, 9, `arn: invalid ARN "arn:aws:s?:::b" at offset 9: wildcard in service "s?"`},
		{"service empty", "arn:aws::::b", false, arn.ErrMissingPart, 8, `arn: invalid ARN "arn:aws::::b" at offset 8: empty service`},
		{"variable in partition", "arn:${aws:partition}:s3:::b", true, arn.ErrBadVariable, 4, `arn: invalid ARN "arn:${aws:partition}:s3:::b" at offset 4: policy variable in the partition`},
		{"variable in service", "arn:aws:${s}:::b", true, arn.ErrBadVariable, 8, `arn: invalid ARN "arn:aws:${s}:::b" at offset 8: policy variable in the service`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, err := arn.Compile(tc.pattern, tc.variables)
			require.Error(t, err)
			require.Nil(t, p)
			if !errors.Is(err, tc.sentinel) {
				t.Errorf("Compile(%q) error %v does not wrap %v", tc.pattern, err, tc.sentinel)
			}
			var pe *arn.ParseError
			require.ErrorAs(t, err, &pe)
			if pe.Offset != tc.offset {
				t.Errorf("Compile(%q) error offset = %d, want %d", tc.pattern, pe.Offset, tc.offset)
			}
			if err.Error() != tc.msg {
				t.Errorf("Compile(%q) error message\n got %s\nwant %s", tc.pattern, err, tc.msg)
			}
		})
	}
}

func TestCompileAccepts(t *testing.T) {
	t.Parallel()
	for _, pattern := range []string{
		"arn:aws:s3:::${aws:username}",         // variables off: literal text
		"arn:aws:iam::${aws:x:role/y",          // no closing brace: literal text
		"arn:aws:s3:::",                        // empty resource part
		"arn::s3:::b",                          // empty partition
		"arn:aws:s3:::b/${aws:username}/${*}?", // variables only in the resource part
	} {
		for _, variables := range []bool{false, true} {
			if _, err := arn.Compile(pattern, variables); err != nil {
				t.Errorf("Compile(%q, %v) error %v, want none", pattern, variables, err)
			}
		}
	}
	require.Panics(t, func() { arn.MustCompile("arn:aws:*:::b", false) })
}

func TestMatchesAllOfService(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pattern string
		service string
		want    bool
	}{
		{"*", "s3", true},
		{"arn:aws:s3:::*", "s3", true},
		{"arn:aws:s3:*:*:*", "s3", true},
		{"arn:aws:s3:::", "s3", true},
		{"arn:aws-cn:s3:*::*", "s3", true},
		{"arn:aws:s3:::*", "iam", false},
		{"arn:aws:s3:::b*", "s3", false},
		{"arn:aws:s3:::b/*", "s3", false},
		{"arn:aws:s3:us-west-2::*", "s3", false},
		{"arn:aws:s3::111122223333:*", "s3", false},
		{"arn:aws:s3:::**", "s3", false},
		{"arn:aws:s3:::?", "s3", false},
	}
	for _, tc := range tests {
		p := arn.MustCompile(tc.pattern, false)
		if got := p.MatchesAllOfService(tc.service); got != tc.want {
			t.Errorf("Compile(%q).MatchesAllOfService(%q) = %v, want %v", tc.pattern, tc.service, got, tc.want)
		}
	}
	if arn.MustCompile("arn:aws:s3:::${*}", true).MatchesAllOfService("s3") {
		t.Error(`"arn:aws:s3:::${*}" covers all of s3, want no: ${*} is a literal star`)
	}
}

func TestPatternAccessors(t *testing.T) {
	t.Parallel()
	p := arn.MustCompile("arn:aws:s3:::b/*", false)
	require.Equal(t, "arn:aws:s3:::b/*", p.String())
	require.Equal(t, "s3", p.Service())
	require.False(t, p.IsAll())
	all := arn.MustCompile("*", false)
	require.True(t, all.IsAll())
	require.Equal(t, "", all.Service())
}

func TestPatternMatchAllocs(t *testing.T) {
	p := arn.MustCompile("arn:aws:s3:*:*:accesspoint/${aws:username}/object/*", true)
	a := arn.MustParse("arn:aws:s3:us-west-2:111122223333:accesspoint/alice/object/a/b")
	vars := []string{"alice"}
	allocs := testing.AllocsPerRun(100, func() {
		p.Match(a, vars)
		p.MatchString("arn:aws:s3:us-west-2:111122223333:accesspoint/alice/object/a/b", vars)
	})
	if allocs != 0 {
		t.Errorf("Pattern.Match allocated %v times per run, want 0", allocs)
	}
}

func BenchmarkPatternMatch(b *testing.B) {
	cases := []struct {
		name, pattern, value string
		vars                 []string
	}{
		{"exact", "arn:aws:s3:::examplebucket/home/alice", "arn:aws:s3:::examplebucket/home/alice", nil},
		{"objects", "arn:aws:s3:::examplebucket/*", "arn:aws:s3:::examplebucket/home/alice/a.txt", nil},
		{"access point", "arn:aws:s3:*:111122223333:accesspoint/*/object/home/*", "arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/home/a.txt", nil},
		{"variable", "arn:aws:s3:::examplebucket/home/${aws:username}/*", "arn:aws:s3:::examplebucket/home/alice/a.txt", []string{"alice"}},
	}
	for _, c := range cases {
		p := arn.MustCompile(c.pattern, true)
		a := arn.MustParse(c.value)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p.Match(a, c.vars)
			}
		})
	}
}
