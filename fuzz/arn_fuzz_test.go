package fuzz

import (
	"strings"
	"testing"

	"github.com/iameval/iameval/arn"
)

// FuzzARNRoundTrip checks arn.Parse against a plain split at the first
// five colons, that a parsed ARN formats back to its text, and that an ARN
// built from parts formats to text that parses back to the same parts. The
// input also serves as parts: split at NUL bytes into partition, service,
// region, account and resource.
func FuzzARNRoundTrip(f *testing.F) {
	f.Add("arn:aws:s3:::b1/k1")
	f.Fuzz(func(t *testing.T, s string) {
		a, err := arn.Parse(s)
		parts, ok := splitARN(s)
		if (err == nil) != ok {
			t.Fatalf("Parse(%q) error = %v, but a split at five colons says valid = %v", s, err, ok)
		}
		if arn.IsARN(s) != ok {
			t.Fatalf("IsARN(%q) = %v, want %v", s, !ok, ok)
		}
		if ok {
			if got := [5]string{a.Partition, a.Service, a.Region, a.Account, a.Resource}; got != parts {
				t.Fatalf("Parse(%q) = %q, want %q", s, got, parts)
			}
			if a.String() != s {
				t.Fatalf("Parse(%q).String() = %q", s, a.String())
			}
			if r, isS3 := a.S3(); isS3 && r.ARN() != a {
				t.Fatalf("S3 form of %q formats as %q", s, r.ARN())
			}
		}

		fields := strings.SplitN(s, "\x00", 5)
		if len(fields) != 5 {
			return
		}
		built := arn.ARN{Partition: fields[0], Service: fields[1], Region: fields[2], Account: fields[3], Resource: fields[4]}
		back, err := arn.Parse(built.String())
		valid := built.Partition != "" && built.Service != "" && built.Resource != "" &&
			!strings.Contains(strings.Join(fields[:4], ""), ":")
		switch {
		case valid && err != nil:
			t.Fatalf("%#v formats as %q, which does not parse: %v", built, built.String(), err)
		case valid && back != built:
			t.Fatalf("%#v formats as %q, which parses as %#v", built, built.String(), back)
		case !valid && err == nil && back == built:
			t.Fatalf("%#v is not a valid ARN but survives the round trip", built)
		}
	})
}

// splitARN splits s into partition, service, region, account and resource
// at its first five colons, and reports whether s is an ARN: it starts with
// "arn:" and partition, service and resource are not empty.
func splitARN(s string) ([5]string, bool) {
	var parts [5]string
	fields := strings.SplitN(s, ":", 6)
	if len(fields) != 6 || fields[0] != "arn" {
		return parts, false
	}
	copy(parts[:], fields[1:])
	return parts, parts[0] != "" && parts[1] != "" && parts[4] != ""
}

// fuzzContext is the request context the wildcard target resolves policy
// variables from.
var fuzzContext = map[string][]string{
	"aws:username": {"alice"},
	"k":            {"*?"},
	"c":            {"a:b"},
	"multi":        {"a", "b"},
	"empty":        {""},
}

func fuzzLookup(key string) ([]string, bool) {
	values := fuzzContext[strings.ToLower(key)]
	return values, len(values) > 0
}

// FuzzWildcardMatch checks the arn package's matchers against the
// regexp-based reference: Match and MatchFold, Glob.Match under every
// combination of flags with variables resolved from fuzzContext, and
// Pattern.MatchString for patterns Compile accepts.
func FuzzWildcardMatch(f *testing.F) {
	f.Add("a*b?c", "axxbyc", uint8(0))
	f.Fuzz(func(t *testing.T, pattern, value string, flags uint8) {
		if len(pattern) > 64 || len(value) > 64 {
			return // the reference compiles a regexp per call
		}
		if got, want := arn.Match(pattern, value), refMatch(pattern, value, false); got != want {
			t.Fatalf("Match(%q, %q) = %v, reference says %v", pattern, value, got, want)
		}
		if got, want := arn.MatchFold(pattern, value), refMatch(pattern, value, true); got != want {
			t.Fatalf("MatchFold(%q, %q) = %v, reference says %v", pattern, value, got, want)
		}
		checkGlob(t, pattern, value, arn.Flags(flags)&(arn.Wildcards|arn.Variables|arn.FoldCase))
		checkPattern(t, pattern, value, flags&1 != 0)
	})
}

func checkGlob(t *testing.T, pattern, value string, flags arn.Flags) {
	t.Helper()
	g := arn.CompileGlob(pattern, flags)
	opts := globOptions{wildcards: flags&arn.Wildcards != 0, variables: flags&arn.Variables != 0, fold: flags&arn.FoldCase != 0}
	want, resolved := refGlob(pattern, value, opts, fuzzLookup)

	var vars []string
	for _, v := range g.Variables() {
		values, present := fuzzLookup(v.Key)
		switch {
		case present && len(values) == 1:
			vars = append(vars, values[0])
		case !present && v.HasDefault:
			vars = append(vars, v.Default)
		default:
			if resolved {
				t.Fatalf("CompileGlob(%q, %v) has variable %+v without a value, but the reference resolved every variable",
					pattern, flags, v)
			}
			return
		}
	}
	if !resolved {
		t.Fatalf("CompileGlob(%q, %v) resolved variables %q, but the reference found one without a value", pattern, flags, vars)
	}
	if got := g.Match(value, vars); got != want {
		t.Fatalf("CompileGlob(%q, %v).Match(%q, %q) = %v, reference says %v", pattern, flags, value, vars, got, want)
	}
}

func checkPattern(t *testing.T, pattern, value string, variables bool) {
	t.Helper()
	p, err := arn.Compile(pattern, variables)
	if err != nil {
		return
	}
	want, resolved := refARNMatch(pattern, value, variables, fuzzLookup)
	var vars []string
	for _, v := range p.Variables() {
		values, present := fuzzLookup(v.Key)
		switch {
		case present && len(values) == 1:
			vars = append(vars, values[0])
		case !present && v.HasDefault:
			vars = append(vars, v.Default)
		default:
			return // unresolvable: the caller decides, and the reference agrees it matches nothing
		}
	}
	if !resolved {
		t.Fatalf("Compile(%q, %v) resolved variables %q, but the reference found one without a value", pattern, variables, vars)
	}
	if got := p.MatchString(value, vars); got != want {
		t.Fatalf("Compile(%q, %v).MatchString(%q, %q) = %v, reference says %v", pattern, variables, value, vars, got, want)
	}
}
