package arn_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/arn"
)

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want arn.ARN
	}{
		{"s3 bucket", "arn:aws:s3:::examplebucket", arn.ARN{"aws", "s3", "", "", "examplebucket"}},
		{"s3 object with slashes", "arn:aws:s3:::b//a/b/", arn.ARN{"aws", "s3", "", "", "b//a/b/"}},
		{"s3 object with colons", "arn:aws:s3:::b/x:y:z", arn.ARN{"aws", "s3", "", "", "b/x:y:z"}},
		{"s3 object with star", "arn:aws:s3:::b/a*b?", arn.ARN{"aws", "s3", "", "", "b/a*b?"}},
		{"access point", "arn:aws:s3:us-west-2:111122223333:accesspoint/ap", arn.ARN{"aws", "s3", "us-west-2", "111122223333", "accesspoint/ap"}},
		{"access point object", "arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/k/1", arn.ARN{"aws", "s3", "us-west-2", "111122223333", "accesspoint/ap/object/k/1"}},
		{"iam user no region", "arn:aws:iam::111122223333:user/path/alice", arn.ARN{"aws", "iam", "", "111122223333", "user/path/alice"}},
		{"sts session", "arn:aws:sts::111122223333:assumed-role/r/s", arn.ARN{"aws", "sts", "", "111122223333", "assumed-role/r/s"}},
		{"managed policy account aws", "arn:aws:iam::aws:policy/ReadOnlyAccess", arn.ARN{"aws", "iam", "", "aws", "policy/ReadOnlyAccess"}},
		{"china partition", "arn:aws-cn:s3:::b", arn.ARN{"aws-cn", "s3", "", "", "b"}},
		{"govcloud partition", "arn:aws-us-gov:iam::111122223333:root", arn.ARN{"aws-us-gov", "iam", "", "111122223333", "root"}},
		{"resource type and colon id", "arn:aws:logs:us-east-1:111122223333:log-group:g:*", arn.ARN{"aws", "logs", "us-east-1", "111122223333", "log-group:g:*"}},
		{"resource is only a colon", "arn:aws:x:::/", arn.ARN{"aws", "x", "", "", "/"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := arn.Parse(tc.in)
			require.NoError(t, err)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Parse(%q) mismatch (-want +got):\n%s", tc.in, diff)
			}
			if s := got.String(); s != tc.in {
				t.Errorf("Parse(%q).String() = %q, want the input back", tc.in, s)
			}
			if !arn.IsARN(tc.in) {
				t.Errorf("IsARN(%q) = false, want true", tc.in)
			}
			if m := arn.MustParse(tc.in); m != got {
				t.Errorf("MustParse(%q) = %+v, want %+v", tc.in, m, got)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		in         string
		sentinel   error
		wantOffset int
		wantMsg    string
	}{
		{"empty", "", arn.ErrBadPrefix, 0, `arn: invalid ARN "" at offset 0: missing "arn:" prefix`},
		{"star is not an ARN", "*", arn.ErrBadPrefix, 0, `arn: invalid ARN "*" at offset 0: missing "arn:" prefix`},
		{"upper case prefix", "ARN:aws:s3:::b", arn.ErrBadPrefix, 0, `arn: invalid ARN "ARN:aws:s3:::b" at offset 0: missing "arn:" prefix`},
		{"leading space", " arn:aws:s3:::b", arn.ErrBadPrefix, 0, `arn: invalid ARN " arn:aws:s3:::b" at offset 0: missing "arn:" prefix`},
		{"four colons", "arn:aws:s3::b", arn.ErrTooFewSegments, 13, `arn: invalid ARN "arn:aws:s3::b" at offset 13: found 4 of the 5 colons that separate the segments`},
		{"prefix only", "arn:", arn.ErrTooFewSegments, 4, `arn: invalid ARN "arn:" at offset 4: found 1 of the 5 colons that separate the segments`},
		{"empty partition", "arn::s3:::b", arn.ErrMissingPart, 4, `arn: invalid ARN "arn::s3:::b" at offset 4: empty partition`},
		{"empty service", "arn:aws::::b", arn.ErrMissingPart, 8, `arn: invalid ARN "arn:aws::::b" at offset 8: empty service`},
		{"empty resource", "arn:aws:s3:::", arn.ErrMissingPart, 13, `arn: invalid ARN "arn:aws:s3:::" at offset 13: empty resource`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := arn.Parse(tc.in)
			require.Error(t, err)
			if !errors.Is(err, tc.sentinel) {
				t.Errorf("Parse(%q) error %v does not wrap %v", tc.in, err, tc.sentinel)
			}
			var pe *arn.ParseError
			require.ErrorAs(t, err, &pe)
			if pe.Input != tc.in || pe.Offset != tc.wantOffset {
				t.Errorf("Parse(%q) error input %q offset %d, want input %q offset %d", tc.in, pe.Input, pe.Offset, tc.in, tc.wantOffset)
			}
			if got := err.Error(); got != tc.wantMsg {
				t.Errorf("Parse(%q) error message\n got %s\nwant %s", tc.in, got, tc.wantMsg)
			}
			if arn.IsARN(tc.in) {
				t.Errorf("IsARN(%q) = true, want false", tc.in)
			}
		})
	}
}

func TestMustParsePanics(t *testing.T) {
	t.Parallel()
	require.Panics(t, func() { arn.MustParse("arn:aws") })
}

func TestParseAllocs(t *testing.T) {
	s := "arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/k"
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := arn.Parse(s); err != nil {
			t.Fatal(err)
		}
		arn.IsARN("arn:aws")
	})
	if allocs != 0 {
		t.Errorf("Parse and IsARN allocated %v times per run, want 0", allocs)
	}
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := arn.Parse("arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/k"); err != nil {
			b.Fatal(err)
		}
	}
}
