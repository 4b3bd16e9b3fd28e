package arn_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/iameval/iameval/arn"
)

var matchTests = []struct {
	name           string
	pattern, value string
	want, wantFold bool
}{
	{"empty pattern empty value", "", "", true, true},
	{"empty pattern nonempty value", "", "a", false, false},
	{"literal equal", "abc", "abc", true, true},
	{"literal differs", "abc", "abd", false, false},
	{"literal shorter value", "abc", "ab", false, false},
	{"literal longer value", "ab", "abc", false, false},
	{"literal case differs", "ABC", "abc", false, true},
	{"star alone empty", "*", "", true, true},
	{"star alone text", "*", "anything/at:all", true, true},
	{"double star", "**", "x", true, true},
	{"star prefix", "ab*", "abcdef", true, true},
	{"star prefix exact", "ab*", "ab", true, true},
	{"star prefix miss", "ab*", "a", false, false},
	{"star suffix", "*ef", "abcdef", true, true},
	{"star suffix miss", "*ef", "abcdeg", false, false},
	{"star middle", "a*f", "abcdef", true, true},
	{"star middle empty run", "a*b", "ab", true, true},
	{"prefix and suffix overlap", "ab*ba", "aba", false, false},
	{"prefix and suffix touch", "ab*ba", "abba", true, true},
	{"several stars backtrack", "a*b*c", "aXbYbZc", true, true},
	{"several stars no c", "a*b*c", "aXbYbZ", false, false},
	{"piece must follow previous", "*b*a*", "ab", false, false},
	{"repeated piece", "*ab*ab*", "abab", true, true},
	{"repeated piece once", "*ab*ab*", "aab", false, false},
	{"question one char", "a?c", "abc", true, true},
	{"question never empty", "a?c", "ac", false, false},
	{"question not two", "a?c", "abbc", false, false},
	{"question alone", "?", "", false, false},
	{"question in suffix", "*?c", "c", false, false},
	{"question in suffix match", "*?c", "bc", true, true},
	{"question and star", "?*?", "ab", true, true},
	{"question and star short", "?*?", "a", false, false},
	{"question in middle piece", "*a?c*", "xxabcyy", true, true},
	{"question multibyte", "caf?", "café", true, true},
	{"question multibyte suffix", "*?", "é", true, true},
	{"two questions one rune", "??", "é", false, false},
	{"question four byte rune", "?", "😀", true, true},
	{"three questions four byte rune", "*???", "😀", false, false},
	{"star stops between runes", "*é*", "aéb", true, true},
	{"fold unicode", "ÉTÉ", "été", false, true},
	{"fold kelvin sign", "k", "\u212a", false, true},
	{"fold long s", "*S", "\u017f", false, true},
	{"fold action", "s3:get*", "S3:GetObject", false, true},
	{"fold action miss", "s3:get*", "S3:PutObject", false, false},
	{"colon is literal", "s3*", "s3:ListBucket", true, true},
	{"dollar brace literal", "${aws:username}", "${aws:username}", true, true},
	{"dollar brace not a variable", "${aws:username}", "alice", false, false},
	{"invalid byte equal", "a\xffb", "a\xffb", true, true},
	{"invalid byte question", "a?b", "a\xffb", true, true},
	{"invalid byte differs", "\xfe", "\xff", false, false},
	{"truncated rune in pattern", "\xe2\x82?", "\xe2\x82\xac", false, false},
	{"truncated rune matched by star", "*\xe2", "a\xe2", true, true},
	{"rune error literal vs invalid", "\ufffd", "\xff", false, false},
	{"invalid byte never folds", "\xc3", "\xe3", false, false},
	{"trailing invalid question", "*?", "a\xe2\x82", true, true},
	{"trailing invalid two questions", "*??", "\xe2\x82", true, true},
	{"arn segment wildcard", "arn:aws:s3:::*", "arn:aws:s3:::b/k", true, true},
}

func TestMatch(t *testing.T) {
	t.Parallel()
	for _, tc := range matchTests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := arn.Match(tc.pattern, tc.value); got != tc.want {
				t.Errorf("Match(%q, %q) = %v, want %v", tc.pattern, tc.value, got, tc.want)
			}
			if got := arn.MatchFold(tc.pattern, tc.value); got != tc.wantFold {
				t.Errorf("MatchFold(%q, %q) = %v, want %v", tc.pattern, tc.value, got, tc.wantFold)
			}
		})
	}
}

// TestMatchTableAgreesWithReference keeps the table itself honest.
func TestMatchTableAgreesWithReference(t *testing.T) {
	t.Parallel()
	for _, tc := range matchTests {
		if want := refMatchChars(tc.pattern, tc.value); want != tc.want {
			t.Errorf("table row %q: want %v, reference says %v", tc.name, tc.want, want)
		}
		if want, ok := refMatch(tc.pattern, tc.value, true); ok && want != tc.wantFold {
			t.Errorf("table row %q: wantFold %v, regexp reference says %v", tc.name, tc.wantFold, want)
		}
	}
}

// randomText returns up to max characters drawn from alphabet.
func randomText(r *rand.Rand, alphabet []string, max int) string {
	var b strings.Builder
	for n := r.IntN(max + 1); n > 0; n-- {
		b.WriteString(alphabet[r.IntN(len(alphabet))])
	}
	return b.String()
}

func TestMatchRandomAgainstRegexp(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	patternAlphabet := []string{"a", "b", "A", "*", "?", "é", "É", ":", "/", "😀", "\u212a", "k"}
	valueAlphabet := []string{"a", "b", "A", "é", "É", ":", "/", "😀", "\u212a", "k", "K"}
	for range 20000 {
		pattern := randomText(r, patternAlphabet, 8)
		value := randomText(r, valueAlphabet, 10)
		for _, fold := range []bool{false, true} {
			want, _ := refMatch(pattern, value, fold)
			got := arn.Match(pattern, value)
			if fold {
				got = arn.MatchFold(pattern, value)
			}
			if got != want {
				t.Fatalf("fold=%v: match(%q, %q) = %v, regexp reference says %v", fold, pattern, value, got, want)
			}
		}
	}
}

func TestMatchRandomInvalidUTF8(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"a", "*", "?", "\xe2", "\x82", "\xac", "\xf0", "\x9f", "\x98", "\x80", "\xc3", "\xa9", "\xff", "é"}
	for range 50000 {
		pattern := randomText(r, alphabet, 7)
		value := strings.NewReplacer("*", "", "?", "").Replace(randomText(r, alphabet, 9))
		want := refMatchChars(pattern, value)
		if got := arn.Match(pattern, value); got != want {
			t.Fatalf("Match(%q, %q) = %v, character reference says %v", pattern, value, got, want)
		}
		// Folding changes nothing for text without letters other than 'a'.
		if got := arn.MatchFold(pattern, value); got != want {
			t.Fatalf("MatchFold(%q, %q) = %v, character reference says %v", pattern, value, got, want)
		}
	}
}

func TestMatchAllocs(t *testing.T) {
	pattern, value := "arn:aws:s3:::*/home/?lice/*", "arn:aws:s3:::bucket/home/alice/photo.jpg"
	allocs := testing.AllocsPerRun(100, func() {
		arn.Match(pattern, value)
		arn.MatchFold(pattern, value)
	})
	if allocs != 0 {
		t.Errorf("Match and MatchFold allocated %v times per run, want 0", allocs)
	}
}

// pathological returns a pattern of n stars separated by 'a' and ending in
// 'b', and a value of size bytes 'a'. A backtracking matcher needs time
// exponential in n for it.
func pathological(n, size int) (pattern, value string) {
	return strings.Repeat("*a", n) + "*b", strings.Repeat("a", size)
}

func BenchmarkWildcardPathological(b *testing.B) {
	pattern, value := pathological(50, 10<<10)
	b.ReportAllocs()
	b.SetBytes(int64(len(value)))
	for b.Loop() {
		if arn.Match(pattern, value) {
			b.Fatal("pathological pattern matched")
		}
	}
}

func BenchmarkMatch(b *testing.B) {
	cases := []struct{ name, pattern, value string }{
		{"literal", "arn:aws:s3:::examplebucket/home/alice", "arn:aws:s3:::examplebucket/home/alice"},
		{"prefix", "s3:Get*", "s3:GetObjectVersion"},
		{"middle", "arn:aws:s3:::*/home/*/photos/*", "arn:aws:s3:::bucket/home/alice/photos/2024/cat.jpg"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				arn.Match(c.pattern, c.value)
			}
		})
	}
	b.Run("fold", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			arn.MatchFold("s3:get*", "S3:GetObjectVersion")
		}
	})
}
