package evaluator_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
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

// BenchmarkEvaluateAccessPoint reads a tagged patient record through the
// access point of the medical records example: the access point policy
// grants staff the records tagged with their department, and the bucket
// policy delegates to the access points of its account.
func BenchmarkEvaluateAccessPoint(b *testing.B) {
	ev := medicalEvaluator(b)
	req := medicalRequest
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

// medicalRequest is the request "own department's record" of the medical
// records example.
var medicalRequest = evaluator.Request{
	Principal:       evaluator.MustParsePrincipal("arn:aws:iam::111122223333:user/alice", ""),
	Action:          "s3:GetObject",
	Resource:        "arn:aws:s3:us-east-1:111122223333:accesspoint/records/object/patients/1041.pdf",
	ResourceAccount: "111122223333",
	Context: condition.NewContext(map[string][]string{
		"aws:SecureTransport":         {"true"},
		"aws:PrincipalTag/department": {"emergency-room"},
		"s3:ExistingObjectTag/data":   {"emergency-room"},
	}),
}

// medicalEvaluator builds the evaluator of the medical records access
// point and its bucket.
func medicalEvaluator(tb testing.TB) *evaluator.Evaluator {
	tb.Helper()
	ev, err := evaluator.New(evaluator.PolicySet{
		AccessPoint: &evaluator.AccessPoint{
			ARN:           "arn:aws:s3:us-east-1:111122223333:accesspoint/records",
			Bucket:        "patient-records",
			BucketAccount: "111122223333",
			NetworkOrigin: evaluator.OriginInternet,
		},
		AccessPointPolicy: readPolicy(tb, "bench", "medical-access-point-policy.json"),
		Resource:          readPolicy(tb, "bench", "medical-bucket-policy.json"),
	})
	require.NoError(tb, err)
	return ev
}

// managedBench are the AWS managed policies BenchmarkEvaluateManaged
// attaches to one user, about 200 KB of JSON.
var managedBench = []string{
	"ReadOnlyAccess",
	"ViewOnlyAccess",
	"SecurityAudit",
	"AmazonS3ReadOnlyAccess",
	"AmazonEC2ReadOnlyAccess",
	"IAMReadOnlyAccess",
	"CloudWatchReadOnlyAccess",
	"AmazonDynamoDBReadOnlyAccess",
	"AmazonRDSReadOnlyAccess",
	"AWSLambda_ReadOnlyAccess",
}

// BenchmarkEvaluateManaged decides an s3:GetObject request of a user with
// ten AWS managed read-only policies attached, among them ReadOnlyAccess
// and its thousands of actions.
func BenchmarkEvaluateManaged(b *testing.B) {
	var set evaluator.PolicySet
	for _, name := range managedBench {
		set.Identity = append(set.Identity, readPolicy(b, "managed", name+".json"))
	}
	ev, err := evaluator.New(set)
	require.NoError(b, err)
	req := evaluator.Request{
		Principal:       evaluator.MustParsePrincipal("arn:aws:iam::111122223333:user/alice", ""),
		Action:          "s3:GetObject",
		Resource:        "arn:aws:s3:::examplebucket/reports/2026/q4.pdf",
		ResourceAccount: "111122223333",
	}
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

// BenchmarkEvaluateScaling shows how the cost of a decision grows with the
// number of statements, on bucket policies shaped like
// large-bucket-policy.json: one statement per tenant, the request naming
// the last tenant.
func BenchmarkEvaluateScaling(b *testing.B) {
	for _, n := range []int{10, 100, 1000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			p, err := policy.Limits{MaxBytes: -1}.Parse(tenantPolicy(n))
			require.NoError(b, err)
			ev, err := evaluator.New(evaluator.PolicySet{Resource: p})
			require.NoError(b, err)
			last := fmt.Sprintf("%04d", n-1)
			req := evaluator.Request{
				Principal:       evaluator.MustParsePrincipal("arn:aws:iam::111122223333:user/user"+last, ""),
				Action:          "s3:GetObject",
				Resource:        "arn:aws:s3:::examplebucket/tenants/tenant-" + last + "/a.txt",
				ResourceAccount: "111122223333",
				Context:         condition.NewContext(map[string][]string{"aws:username": {"user" + last}}),
			}
			res := ev.Evaluate(&req)
			require.Equal(b, evaluator.Allow, res.Decision, "the benchmark request must be allowed")

			b.ReportAllocs()
			for b.Loop() {
				res = ev.Evaluate(&req)
			}
			if res.Decision != evaluator.Allow {
				b.Fatalf("decision %s, want Allow", res.Decision)
			}
		})
	}
}

// tenantPolicy returns a bucket policy of n statements in the shape of
// large-bucket-policy.json.
func tenantPolicy(n int) []byte {
	var sb strings.Builder
	sb.WriteString(`{"Version": "2012-10-17", "Statement": [`)
	for i := range n {
		if i > 0 {
			sb.WriteString(",\n")
		}
		fmt.Fprintf(&sb, `{"Sid": "Tenant%d", "Effect": "Allow", "Principal": {"AWS": ["*"]},`+
			` "Action": ["s3:GetObject", "s3:PutObject"],`+
			` "Resource": ["arn:aws:s3:::examplebucket/tenants/tenant-%04d/*"],`+
			` "Condition": {"StringEquals": {"aws:username": ["user%04d"]}}}`, i, i, i)
	}
	sb.WriteString("]}")
	return []byte(sb.String())
}

// BenchmarkCompileLarge builds an evaluator from the parsed 1,000-statement
// bucket policy. The retained-B metric is the heap memory the evaluator
// keeps, measured after a garbage collection, beyond the parsed policy.
func BenchmarkCompileLarge(b *testing.B) {
	p := readPolicy(b, "bench", "large-bucket-policy.json")
	retained := retainedBytes(b, p)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := evaluator.New(evaluator.PolicySet{Resource: p}); err != nil {
			b.Fatal(err)
		}
	}
	// Reported after the loop, because the timer reset at its start clears
	// the metrics reported so far.
	b.ReportMetric(float64(retained), "retained-B")
}

// retainedBytes returns the growth of the live heap while an evaluator of
// p exists.
func retainedBytes(tb testing.TB, p *policy.Policy) uint64 {
	tb.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ev, err := evaluator.New(evaluator.PolicySet{Resource: p})
	require.NoError(tb, err)
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(ev)
	if after.HeapAlloc < before.HeapAlloc {
		return 0
	}
	return after.HeapAlloc - before.HeapAlloc
}

// readPolicy parses testdata/DIR/FILE.
func readPolicy(tb testing.TB, dir, file string) *policy.Policy {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", dir, file))
	require.NoError(tb, err)
	p, err := policy.Parse(data)
	require.NoError(tb, err, file)
	return p
}
