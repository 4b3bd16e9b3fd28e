package evaluator_test

import (
	"errors"
	"fmt"

	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

func ExampleDecide() {
	set := evaluator.PolicySet{Resource: policy.MustParse(exampleBucketPolicy)}
	req := evaluator.MustNewRequest("arn:aws:iam::111122223333:user/alice",
		"s3:GetObject", "arn:aws:s3:::examplebucket/reports/q4.pdf").
		WithResourceAccount("111122223333").
		WithKey("aws:SecureTransport", "false")

	decision, err := evaluator.Decide(set, req)
	fmt.Println(decision, err)
	// Output:
	// ExplicitDeny <nil>
}

func ExampleEvaluator_Expect() {
	ev := evaluator.MustNew(evaluator.PolicySet{Resource: policy.MustParse(exampleBucketPolicy)})
	req := evaluator.MustNewRequest("arn:aws:iam::111122223333:user/bob",
		"s3:GetObject", "arn:aws:s3:::examplebucket/reports/q4.pdf").
		WithResourceAccount("111122223333").
		WithKey("aws:SecureTransport", "true")

	// In a test: require.NoError(t, ev.Expect(req, evaluator.Allow)).
	err := ev.Expect(req, evaluator.Allow)
	fmt.Println(err)

	var de *evaluator.DecisionError
	if errors.As(err, &de) {
		fmt.Println(de.Explanation.Result.Decision)
	}
	fmt.Println(ev.Expect(req, evaluator.ImplicitDeny))
	// Output:
	// evaluator: arn:aws:iam::111122223333:user/bob s3:GetObject arn:aws:s3:::examplebucket/reports/q4.pdf: decision ImplicitDeny (no-allow), want Allow
	// request gate, resource arn:aws:s3:::examplebucket/reports/q4.pdf
	//   resource: did not apply
	//     Statement[0] "DenyInsecureTransport" Deny: Condition did not match: Bool on "aws:SecureTransport" is false: request values ["true"], policy values ["false"]
	//     Statement[1] "ReadReports" Allow: Principal did not match: principal "arn:aws:iam::111122223333:user/bob" is not named by the Principal element
	// ImplicitDeny
	// <nil>
}
