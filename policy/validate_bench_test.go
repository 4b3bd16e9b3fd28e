package policy_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/policy"
)

// benchmarkValidate validates one document of testdata repeatedly. The
// first call decodes the built-in service table, so the loop measures
// only the checks.
func benchmarkValidate(b *testing.B, file string, kind policy.Kind) {
	data, err := os.ReadFile(file)
	require.NoError(b, err)
	p, err := policy.Parse(data)
	require.NoError(b, err)
	policy.Validate(p, kind)

	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		policy.Validate(p, kind)
	}
}

func BenchmarkValidateBucketPolicy(b *testing.B) {
	benchmarkValidate(b, "testdata/real/s3ug-example-bucket-policies-vpc-endpoint.json", policy.KindBucket)
}

// The large policy has 1,000 statements, which the check for redundant
// statements compares pairwise.
func BenchmarkValidateLargeBucketPolicy(b *testing.B) {
	benchmarkValidate(b, "testdata/bench/large-bucket-policy.json", policy.KindBucket)
}

// ReadOnlyAccess lists several thousand actions, most of them patterns.
func BenchmarkValidateReadOnlyAccess(b *testing.B) {
	benchmarkValidate(b, "testdata/managed-mit/ReadOnlyAccess.json", policy.KindIdentity)
}

func BenchmarkIsPublic(b *testing.B) {
	data, err := os.ReadFile("testdata/real/s3ug-example-bucket-policies-vpc-endpoint.json")
	require.NoError(b, err)
	p, err := policy.Parse(data)
	require.NoError(b, err)

	b.ReportAllocs()
	for b.Loop() {
		if _, err := policy.IsPublic(p, policy.KindBucket, policy.OriginInternet); err != nil {
			b.Fatal(err)
		}
	}
}
