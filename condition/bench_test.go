package condition_test

import (
	"testing"

	"github.com/iameval/iameval/condition"
)

func BenchmarkEval(b *testing.B) {
	for _, tc := range hotPathCases {
		b.Run(tc.name, func(b *testing.B) {
			c := condition.MustNew(condition.MustParseOperator(tc.op), tc.key, tc.values, tc.variables)
			ctx := condition.NewContext(tc.context)
			b.ReportAllocs()
			for b.Loop() {
				c.Eval(ctx)
			}
		})
	}
}

func BenchmarkContextGet(b *testing.B) {
	ctx := condition.NewContext(map[string][]string{"aws:SourceIp": {"203.0.113.5"}, "aws:username": {"alice"}})
	for _, key := range []string{"aws:sourceip", "AWS:SourceIp"} {
		b.Run(key, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ctx.Get(key)
			}
		})
	}
}

func BenchmarkWithAndEval(b *testing.B) {
	base := condition.NewContext(map[string][]string{"aws:SourceIp": {"203.0.113.5"}})
	block := condition.Block{
		condition.MustNew(condition.MustParseOperator("StringEquals"), "s3:DataAccessPointAccount", []string{"111122223333"}, false),
		condition.MustNew(condition.MustParseOperator("IpAddress"), "aws:SourceIp", []string{"203.0.113.0/24"}, false),
	}
	b.ReportAllocs()
	for b.Loop() {
		evalWithAddedKeys(base, block, "arn:aws:s3:us-west-2:111122223333:accesspoint/records", "111122223333")
	}
}

func BenchmarkNew(b *testing.B) {
	op := condition.MustParseOperator("IpAddress")
	values := []string{"192.0.2.0/24", "203.0.113.0/24", "2001:db8::/32"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := condition.New(op, "aws:SourceIp", values, true); err != nil {
			b.Fatal(err)
		}
	}
}
