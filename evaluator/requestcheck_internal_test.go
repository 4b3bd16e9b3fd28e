package evaluator

import (
	"testing"

	"github.com/iameval/iameval/arn"
)

// BenchmarkRequestChecks measures the checks Evaluate runs on the action
// and resource of every request.
func BenchmarkRequestChecks(b *testing.B) {
	const resource = "arn:aws:s3:us-west-2:111122223333:accesspoint/medical/object/patients/p-0042/record.json"
	a, err := arn.Parse(resource)
	if err != nil {
		b.Fatal(err)
	}
	r := Request{Action: "s3:GetObject", Resource: resource}
	b.ReportAllocs()
	for b.Loop() {
		if !isAction(r.Action) || !isResource(a, r.Resource) {
			b.Fatal("request rejected")
		}
	}
}
