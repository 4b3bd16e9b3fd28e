package policy

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/arn"
)

// TestCheckResourceAgreesWithCompile checks that the parser accepts the
// Resource values arn.Compile accepts, on hand-picked patterns, on every
// distinct resource of the corpus and on random mutations of them. The parser
// deliberately differs in one way: with variables on, it splits parts
// around ${...}, whose key names may contain colons, and accepts variables
// in the region and account parts. Those patterns are left out.
func TestCheckResourceAgreesWithCompile(t *testing.T) {
	patterns := []string{
		"*", "**", "", "arn", "arn:", "arn:aws", "arn:aws:s3", "arn:aws:s3:", "arn:aws:s3::", "arn:aws:s3:::",
		"arn:aws:s3:::b", "arn::s3:::b", "arn:aws::::b", "arn:aws:*:::b", "arn:aws:s?:::b", "arn:*:s3:*:*:*",
		"ARN:aws:s3:::b", "arn:aws:s3:::${aws:username}", "arn:aws:s3${x}:::b", "arn:${x}:s3:::b",
		"arn:aws:s3:::b/${", "arn:aws:iam::*:user/${aws:username}", "arn:aws:s3:::a:b:c:d",
	}
	patterns = append(patterns, corpusResources(t)...)

	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = ":*?${}/a"
	for _, s := range patterns[:len(patterns):len(patterns)] {
		for range 5 {
			b := []byte(s)
			if len(b) > 0 {
				b[r.IntN(len(b))] = alphabet[r.IntN(len(alphabet))]
			}
			patterns = append(patterns, string(b))
		}
	}

	for _, variables := range []bool{false, true} {
		p := &parser{variables: variables}
		for _, s := range patterns {
			if variables && variableBeforeResource(s) {
				continue
			}
			_, err := arn.Compile(s, variables)
			msg := p.checkResource(s)
			if s == "" {
				continue // the parser rejects empty strings before checkResource
			}
			require.Equal(t, err == nil, msg == "", "variables=%v pattern %q: arn.Compile error %v, parser %q",
				variables, s, err, msg)
		}
	}
}

func variableBeforeResource(s string) bool {
	rest := strings.TrimPrefix(s, "arn:")
	for range 4 {
		_, after, ok := strings.Cut(rest, ":")
		if !ok {
			break
		}
		rest = after
	}
	return strings.Contains(s[:len(s)-len(rest)], "${")
}

func corpusResources(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	var out []string
	for _, dir := range []string{"testdata/real", "testdata/managed-mit"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.json"))
		require.NoError(t, err)
		for _, file := range files {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			pol, err := Parse(data)
			if err != nil {
				continue // placeholder documents, checked elsewhere
			}
			for _, st := range pol.Statements {
				for _, r := range append(st.Resource, st.NotResource...) {
					if !seen[r] {
						seen[r] = true
						out = append(out, r)
					}
				}
			}
		}
	}
	require.NotEmpty(t, out)
	return out
}

func TestCheckAction(t *testing.T) {
	tests := []struct {
		action string
		valid  bool
	}{
		{"*", true},
		{"s3:GetObject", true},
		{"s3:*", true},
		{"s3:Get*", true},
		{"iam:*AccessKey*", true},
		{"s3:Get?bject", true},
		{"S3:GETOBJECT", true},
		{"s3:", false},
		{":GetObject", false},
		{"GetObject", false},
		{"s3*", false},
		{"**", false},
		{"*:GetObject", false},
		{"s?:GetObject", false},
		{"s3:Get:Object", false},
	}
	for _, tc := range tests {
		t.Run(tc.action, func(t *testing.T) {
			msg := checkAction(tc.action)
			require.Equal(t, tc.valid, msg == "", "checkAction(%q) = %q", tc.action, msg)
		})
	}
}

func TestArenaSlicesHaveNoSpareCapacity(t *testing.T) {
	a := arena[string]{first: 2, max: 8}
	x := a.copyOf([]string{"a", "b"})
	y := a.copyOf([]string{"c"})
	require.Equal(t, 2, cap(x))
	x = append(x, "z")
	require.Equal(t, []string{"c"}, y)
	require.Nil(t, a.copyOf(nil))

	big := a.copyOf(make([]string, 100))
	require.Len(t, big, 100)
	require.Equal(t, 100, cap(big))

	var zero arena[int]
	require.Equal(t, []int{1}, zero.copyOf([]int{1}))
	require.NotNil(t, zero.alloc())
}
