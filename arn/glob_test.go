package arn_test

import (
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iameval/iameval/arn"
)

func TestCompileGlobVariables(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		text  string
		flags arn.Flags
		want  []arn.Variable
	}{
		{"plain key", "home/${aws:username}/*", arn.Wildcards | arn.Variables,
			[]arn.Variable{{Name: "aws:username", Key: "aws:username"}}},
		{"key lower-cased", "${AWS:UserName}", arn.Variables,
			[]arn.Variable{{Name: "AWS:UserName", Key: "aws:username"}}},
		{"default", "${aws:PrincipalTag/team, 'company-wide'}", arn.Variables,
			[]arn.Variable{{Name: "aws:PrincipalTag/team", Key: "aws:principaltag/team", Default: "company-wide", HasDefault: true}}},
		{"empty default", "${s3:prefix, ''}", arn.Variables,
			[]arn.Variable{{Name: "s3:prefix", Key: "s3:prefix", HasDefault: true}}},
		{"default without space is a name", "${aws:username,'x'}", arn.Variables,
			[]arn.Variable{{Name: "aws:username,'x'", Key: "aws:username,'x'"}}},
		{"default with two spaces is a name", "${aws:username,  'x'}", arn.Variables,
			[]arn.Variable{{Name: "aws:username,  'x'", Key: "aws:username,  'x'"}}},
		{"double-quoted default is a name", `${aws:username, "x"}`, arn.Variables,
			[]arn.Variable{{Name: `aws:username, "x"`, Key: `aws:username, "x"`}}},
		{"unterminated quote is a name", "${aws:username, 'x}", arn.Variables,
			[]arn.Variable{{Name: "aws:username, 'x", Key: "aws:username, 'x"}}},
		{"quote inside default is a name", "${k, 'a'b'}", arn.Variables,
			[]arn.Variable{{Name: "k, 'a'b'", Key: "k, 'a'b'"}}},
		{"empty name with default is a name", "${, 'x'}", arn.Variables,
			[]arn.Variable{{Name: ", 'x'", Key: ", 'x'"}}},
		{"empty braces", "${}", arn.Variables,
			[]arn.Variable{{Name: "", Key: ""}}},
		{"repeated variable listed once", "${aws:username}/${AWS:USERNAME}", arn.Variables,
			[]arn.Variable{{Name: "aws:username", Key: "aws:username"}, {Name: "AWS:USERNAME", Key: "aws:username"}}},
		{"same spelling listed once", "${aws:username}/${aws:username}", arn.Variables,
			[]arn.Variable{{Name: "aws:username", Key: "aws:username"}}},
		{"escapes are not variables", "${*}${?}${$}", arn.Variables, nil},
		{"unterminated is literal", "a${aws:username", arn.Variables, nil},
		{"variables off", "${aws:username}", arn.Wildcards, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := arn.CompileGlob(tc.text, tc.flags)
			if diff := cmp.Diff(tc.want, g.Variables()); diff != "" {
				t.Errorf("CompileGlob(%q).Variables() mismatch (-want +got):\n%s", tc.text, diff)
			}
			if g.String() != tc.text {
				t.Errorf("String() = %q, want %q", g.String(), tc.text)
			}
			if g.Flags() != tc.flags {
				t.Errorf("Flags() = %v, want %v", g.Flags(), tc.flags)
			}
		})
	}
}

func TestGlobMatch(t *testing.T) {
	t.Parallel()
	const (
		like       = arn.Wildcards | arn.Variables
		likeLegacy = arn.Wildcards
		equals     = arn.Variables
		foldEquals = arn.Variables | arn.FoldCase
	)
	tests := []struct {
		name  string
		text  string
		flags arn.Flags
		vars  []string
		value string
		want  bool
	}{
		{"variable substituted", "home/${aws:username}/*", like, []string{"alice"}, "home/alice/a.txt", true},
		{"variable other user", "home/${aws:username}/*", like, []string{"alice"}, "home/bob/a.txt", false},
		{"variable value star is literal", "home/${aws:username}", like, []string{"*"}, "home/bob", false},
		{"variable value star matches star", "home/${aws:username}", like, []string{"*"}, "home/*", true},
		{"variable value question is literal", "${x}", like, []string{"?"}, "a", false},
		{"empty variable value", "a${x}b", like, []string{""}, "ab", true},
		{"variable between stars", "*/${x}/*", like, []string{"alice"}, "a/b/alice/c", true},
		{"variable between stars absent", "*/${x}/*", like, []string{"alice"}, "a/b/alicia/c", false},
		{"variable at end after star", "*${x}", like, []string{"bc"}, "abc", true},
		{"variable and question", "${x}?", like, []string{"ab"}, "abc", true},
		{"two variables", "${a}-${b}", like, []string{"x", "y"}, "x-y", true},
		{"repeated variable one value", "${a}/${a}", like, []string{"x"}, "x/x", true},
		{"too few values", "${a}", like, nil, "x", false},
		{"too many values", "abc", like, []string{"x"}, "abc", false},
		{"escape star literal", "a${*}b", like, nil, "a*b", true},
		{"escape star not wildcard", "a${*}b", like, nil, "axb", false},
		{"escape question literal", "a${?}", like, nil, "a?", true},
		{"escape question not wildcard", "a${?}", like, nil, "ab", false},
		{"escape dollar", "${$}{x}", like, nil, "${x}", true},
		{"legacy dollar brace literal", "${aws:username}", likeLegacy, nil, "${aws:username}", true},
		{"legacy escape star is wildcard", "a${*}b", likeLegacy, nil, "a${xyz}b", true},
		{"legacy escape star not literal", "a${*}b", likeLegacy, nil, "a*b", false},
		{"unterminated literal", "a${b*", like, nil, "a${bcd", true},
		{"unterminated literal exact", "a${b", equals, nil, "a${b", true},
		{"equals star literal", "a*", equals, nil, "abc", false},
		{"equals star itself", "a*", equals, nil, "a*", true},
		{"equals variable", "${x}", equals, []string{"v"}, "v", true},
		{"equals variable value case", "${x}", equals, []string{"V"}, "v", false},
		{"equals fold", "Prefix-${x}", foldEquals, []string{"Alice"}, "prefix-ALICE", true},
		{"equals fold differs", "Prefix-${x}", foldEquals, []string{"Alice"}, "prefix-bob", false},
		{"equals fold no variables", "ABC", arn.FoldCase, nil, "abc", true},
		{"like fold no variables", "A*", arn.Wildcards | arn.FoldCase, nil, "abc", true},
		{"like fold with variable", "*${x}", arn.Wildcards | arn.Variables | arn.FoldCase, []string{"É"}, "café", true},
		{"multibyte question with variable", "${x}?", like, []string{"caf"}, "café", true},
		{"variable alone, longer value", "${x}", equals, []string{"ab"}, "abc", false},
		{"variable alone, empty value", "${x}", equals, []string{""}, "", true},
		{"variable alone, invalid byte", "${x}", equals, []string{"\xc3"}, "\xc3", true},
		{"variable alone, completed encoding", "${x}", equals, []string{"\xc3"}, "\xc3\xa9", false},
		{"variable alone folds case", "${x}", foldEquals, []string{"ALICE"}, "alice", true},
		{"variable alone folds and differs", "${x}", foldEquals, []string{"ALICE"}, "alicia", false},
		{"variable alone, wildcard value literal", "${x}", like, []string{"a*"}, "abc", false},
		{"variable alone with default", "${x, 'none'}", equals, []string{"none"}, "none", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := arn.CompileGlob(tc.text, tc.flags)
			if got := g.Match(tc.value, tc.vars); got != tc.want {
				t.Errorf("CompileGlob(%q, %v).Match(%q, %q) = %v, want %v", tc.text, tc.flags, tc.value, tc.vars, got, tc.want)
			}
		})
	}
}

func TestGlobMatchRandomAgainstRegexp(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "b", "é", "*", "?", "${x}", "${y}", "${*}", "${?}", "/"}
	values := map[string][]string{"x": {"", "a", "*", "ab", "é?"}, "y": {"b", "?", "ba"}}
	valueAlphabet := []string{"a", "b", "é", "*", "?", "/"}
	for range 20000 {
		text := randomText(r, pieces, 6)
		bound := map[string]string{"x": values["x"][r.IntN(5)], "y": values["y"][r.IntN(3)]}
		value := randomText(r, valueAlphabet, 8)

		g := arn.CompileGlob(text, arn.Wildcards|arn.Variables)
		vars := make([]string, len(g.Variables()))
		for i, v := range g.Variables() {
			vars[i] = bound[v.Key]
		}
		want := refGlobMatch(text, bound, value)
		if got := g.Match(value, vars); got != want {
			t.Fatalf("CompileGlob(%q).Match(%q) with %v = %v, reference says %v", text, value, bound, got, want)
		}
	}
}

func TestGlobMatchAllocs(t *testing.T) {
	g := arn.CompileGlob("home/${aws:username}/*/${s3:prefix, 'none'}?", arn.Wildcards|arn.Variables)
	vars := []string{"alice", "docs"}
	value := "home/alice/2024/docsX"
	if !g.Match(value, vars) {
		t.Fatalf("Match(%q) = false, want true", value)
	}
	allocs := testing.AllocsPerRun(100, func() {
		var buf [4]string
		bound := append(buf[:0], vars...)
		g.Match(value, bound)
	})
	if allocs != 0 {
		t.Errorf("Glob.Match allocated %v times per run, want 0", allocs)
	}
}

func BenchmarkGlobMatch(b *testing.B) {
	g := arn.CompileGlob("home/${aws:username}/*", arn.Wildcards|arn.Variables)
	vars := []string{"alice"}
	b.ReportAllocs()
	for b.Loop() {
		g.Match("home/alice/photos/cat.jpg", vars)
	}
}

func TestGlobFoldInvalidUTF8(t *testing.T) {
	t.Parallel()
	g := arn.CompileGlob("a\xff", arn.FoldCase)
	if g.Match("A\xfe", nil) {
		t.Error(`FoldCase glob "a\xff" matched "A\xfe", want no match: invalid bytes match only themselves`)
	}
	if !g.Match("A\xff", nil) {
		t.Error(`FoldCase glob "a\xff" did not match "A\xff"`)
	}
}
