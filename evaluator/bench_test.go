package evaluator_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

// benchCase is a bucket policy and a request that it allows. The requests
// are fixed so that figures stay comparable with other engines measured on
// the same documents.
type benchCase struct {
	file    string
	request evaluator.Request
}

var (
	smallCase = benchCase{
		file: "small-bucket-policy.json",
		request: evaluator.Request{
			Principal:       evaluator.MustParsePrincipal("arn:aws:iam::111122223333:user/alice", ""),
			Action:          "s3:GetObject",
			Resource:        "arn:aws:s3:::examplebucket/reports/2026/q4.pdf",
			ResourceAccount: "111122223333",
			Context: condition.NewContext(map[string][]string{
				"aws:SecureTransport":       {"true"},
				"aws:SourceIp":              {"192.0.2.7"},
				"s3:ExistingObjectTag/data": {"emergency-room"},
			}),
		},
	}
	largeCase = benchCase{
		file: "large-bucket-policy.json",
		request: evaluator.Request{
			Principal:       evaluator.MustParsePrincipal("arn:aws:iam::111122223333:user/user0999", ""),
			Action:          "s3:GetObject",
			Resource:        "arn:aws:s3:::examplebucket/tenants/tenant-0999/a.txt",
			ResourceAccount: "111122223333",
			Context:         condition.NewContext(map[string][]string{"aws:username": {"user0999"}}),
		},
	}
)

// benchEvaluator builds an evaluator with the bench policy as the bucket
// policy.
func benchEvaluator(tb testing.TB, file string) *evaluator.Evaluator {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "bench", file))
	require.NoError(tb, err)
	p, err := policy.Parse(data)
	require.NoError(tb, err)
	ev, err := evaluator.New(evaluator.PolicySet{Resource: p})
	require.NoError(tb, err)
	return ev
}

func benchmarkEvaluate(b *testing.B, c benchCase) {
	ev := benchEvaluator(b, c.file)
	req := c.request
	res := ev.Evaluate(&req)
	require.Equal(b, evaluator.Allow, res.Decision, "the benchmark request must be allowed")

	b.ReportAllocs()
	for b.Loop() {
		res = ev.Evaluate(&req)
	}
	if res.Decision != evaluator.Allow {
		b.Fatalf("decision %s, want Allow", res.Decision)
	}
}

func BenchmarkEvaluateSmall(b *testing.B) { benchmarkEvaluate(b, smallCase) }

func BenchmarkEvaluate1000(b *testing.B) { benchmarkEvaluate(b, largeCase) }

func TestEvaluateDoesNotAllocate(t *testing.T) {
	for _, c := range []benchCase{smallCase, largeCase} {
		t.Run(c.file, func(t *testing.T) {
			ev := benchEvaluator(t, c.file)
			req := c.request
			allocs := testing.AllocsPerRun(100, func() {
				if res := ev.Evaluate(&req); res.Decision != evaluator.Allow {
					t.Fatalf("decision %s, want Allow", res.Decision)
				}
			})
			require.Zero(t, allocs)
		})
	}
}
