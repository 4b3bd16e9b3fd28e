package evaluator_test

import (
	"fmt"

	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

// A service that denies a request can tell the caller why in plain words
// with Description, and log the stable code that String returns.
func ExampleReason_Description() {
	boundary, err := policy.ParseString(`{"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`)
	if err != nil {
		panic(err)
	}
	identity, err := policy.ParseString(`{"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}`)
	if err != nil {
		panic(err)
	}
	ev := evaluator.MustNew(evaluator.PolicySet{
		Identity:            []*policy.Policy{identity},
		PermissionsBoundary: boundary,
	})

	r := evaluator.MustNewRequest("arn:aws:iam::111122223333:user/alice", "s3:PutObject", "arn:aws:s3:::examplebucket/a.txt")
	res := ev.Evaluate(r.WithResourceAccount("111122223333"))
	fmt.Printf("%s (%s): %s\n", res.Decision, res.Reason, res.Reason.Description())
	// Output:
	// ImplicitDeny (permissions-boundary): the permissions boundary does not allow the request
}
