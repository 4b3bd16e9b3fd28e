package policy

import "testing"

// BenchmarkDecodeIAMTable measures the one-time cost of turning the
// generated table into the lookup structures Validate uses.
func BenchmarkDecodeIAMTable(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if decodeIAM().service("s3") == nil {
			b.Fatal("no s3 service")
		}
	}
}
