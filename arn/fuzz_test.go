package arn_test

import (
	"testing"

	"github.com/iameval/iameval/arn"
)

func FuzzMatch(f *testing.F) {
	f.Add("a*b?c", "axxbyc")
	f.Add("*a*a*a*b", "aaaaaaaa")
	f.Add("caf?", "café")
	f.Add("\xe2\x82?", "\xe2\x82\xac")
	f.Fuzz(func(t *testing.T, pattern, value string) {
		if len(pattern) > 64 || len(value) > 64 {
			return // keep the quadratic reference fast
		}
		got := arn.Match(pattern, value)
		if want := refMatchChars(pattern, value); got != want {
			t.Fatalf("Match(%q, %q) = %v, character reference says %v", pattern, value, got, want)
		}
		fold := arn.MatchFold(pattern, value)
		if want, ok := refMatch(pattern, value, true); ok && fold != want {
			t.Fatalf("MatchFold(%q, %q) = %v, regexp reference says %v", pattern, value, fold, want)
		}
		if got && !fold {
			t.Fatalf("Match(%q, %q) is true but MatchFold is false", pattern, value)
		}
	})
}

func FuzzParse(f *testing.F) {
	f.Add("arn:aws:s3:::b/k")
	f.Add("arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/k")
	f.Add("arn::::")
	f.Fuzz(func(t *testing.T, s string) {
		a, err := arn.Parse(s)
		if ok := arn.IsARN(s); ok != (err == nil) {
			t.Fatalf("IsARN(%q) = %v but Parse error is %v", s, ok, err)
		}
		if err != nil {
			return
		}
		if a.String() != s {
			t.Fatalf("Parse(%q).String() = %q", s, a.String())
		}
		if r, ok := a.S3(); ok && r.ARN() != a {
			t.Fatalf("S3 round trip of %q gave %q", s, r.ARN())
		}
	})
}
