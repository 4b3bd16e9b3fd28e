package policy_test

import (
	"os"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/iameval/iameval/policy"
)

func benchmarkParse(b *testing.B, file string) {
	data := readTestdataB(b, file)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := policy.Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseSmall parses a 1.4 KB bucket policy of 5 statements.
func BenchmarkParseSmall(b *testing.B) {
	benchmarkParse(b, "testdata/bench/small-bucket-policy.json")
}

// BenchmarkParseLarge parses a 342 KB bucket policy of 1,000 statements,
// each with one condition.
func BenchmarkParseLarge(b *testing.B) {
	benchmarkParse(b, "testdata/bench/large-bucket-policy.json")
}

// BenchmarkGJSONWalkLarge measures what Parse builds on: gjson's validator
// and a ForEach walk into every object and array of the large policy,
// building nothing. The gap to BenchmarkParseLarge is the cost of the
// checks and of the AST.
func BenchmarkGJSONWalkLarge(b *testing.B) {
	data := readTestdataB(b, "testdata/bench/large-bucket-policy.json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var values int
	var walk func(gjson.Result)
	walk = func(r gjson.Result) {
		r.ForEach(func(_, v gjson.Result) bool {
			values++
			if v.IsObject() || v.IsArray() {
				walk(v)
			}
			return true
		})
	}
	for b.Loop() {
		src := string(data)
		if !gjson.Valid(src) {
			b.Fatal("invalid JSON")
		}
		walk(gjson.Parse(src))
	}
	if values == 0 {
		b.Fatal("walk visited no values")
	}
}

func readTestdataB(b *testing.B, file string) []byte {
	b.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	return data
}
