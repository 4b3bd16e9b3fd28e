package evaluator_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

const exampleBucketPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyInsecureTransport",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": ["arn:aws:s3:::examplebucket", "arn:aws:s3:::examplebucket/*"],
      "Condition": {"Bool": {"aws:SecureTransport": "false"}}
    },
    {
      "Sid": "ReadReports",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::examplebucket/reports/*"
    }
  ]
}`

func ExampleNew() {
	bucketPolicy := policy.MustParse(exampleBucketPolicy)
	ev, err := evaluator.New(evaluator.PolicySet{Resource: bucketPolicy})
	if err != nil {
		fmt.Println(err)
		return
	}

	req := &evaluator.Request{
		Principal:       evaluator.MustParsePrincipal("arn:aws:iam::111122223333:user/alice", ""),
		Action:          "s3:GetObject",
		Resource:        "arn:aws:s3:::examplebucket/reports/q4.pdf",
		ResourceAccount: "111122223333",
		Context:         condition.NewContext(map[string][]string{"aws:SecureTransport": {"true"}}),
	}
	res := ev.Evaluate(req)
	fmt.Println(res.Decision)
	for _, m := range res.Matched() {
		fmt.Println(m.Policy, m.Statement, m.Sid, m.Effect)
	}

	req.Context = condition.NewContext(map[string][]string{"aws:SecureTransport": {"false"}})
	res = ev.Evaluate(req)
	fmt.Println(res.Decision)
	// Output:
	// Allow
	// resource 1 ReadReports Allow
	// ExplicitDeny
}

func ExampleEvaluator_Explain() {
	ev, err := evaluator.New(evaluator.PolicySet{Resource: policy.MustParse(exampleBucketPolicy)})
	if err != nil {
		fmt.Println(err)
		return
	}
	req := &evaluator.Request{
		Principal:       evaluator.MustParsePrincipal("arn:aws:iam::111122223333:user/bob", ""),
		Action:          "s3:GetObject",
		Resource:        "arn:aws:s3:::examplebucket/reports/q4.pdf",
		ResourceAccount: "111122223333",
		Context:         condition.NewContext(map[string][]string{"aws:SecureTransport": {"true"}}),
	}
	x := ev.Explain(req)
	fmt.Print(x)

	// Programs read the fields rather than the text.
	failed := x.Gates[0].Policies[0].Statements[1]
	fmt.Println(failed.Failed)
	// Output:
	// decision: ImplicitDeny (no-allow)
	// request gate, resource arn:aws:s3:::examplebucket/reports/q4.pdf
	//   resource: did not apply
	//     Statement[0] "DenyInsecureTransport" Deny: Condition did not match: Bool on "aws:SecureTransport" is false: request values ["true"], policy values ["false"]
	//     Statement[1] "ReadReports" Allow: Principal did not match: principal "arn:aws:iam::111122223333:user/bob" is not named by the Principal element
	// Principal
}

func ExampleParseScenario() {
	doc := `{
	  "policies": {
	    "identity": [{"Version": "2012-10-17", "Statement": [
	      {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/${aws:username}/*"}]}]
	  },
	  "request": {
	    "principal": "arn:aws:iam::111122223333:user/alice",
	    "action": "s3:GetObject",
	    "resource": "arn:aws:s3:::b1/alice/notes.txt",
	    "resourceAccount": "111122223333"
	  }
	}`
	s, err := evaluator.ParseScenario([]byte(doc))
	if err != nil {
		fmt.Println(err)
		return
	}
	res := s.Evaluator.Evaluate(&s.Request)
	out, _ := json.Marshal(res)
	fmt.Println(string(out))

	// An invalid policy inside the scenario is reported with its JSON path
	// and position in the scenario document.
	_, err = evaluator.ParseScenario([]byte(`{"request": {"principal": "anonymous", "action": "s3:GetObject",
	  "resource": "*"}, "policies": {"identity": [{"Statement": [{"Effect": "allow", "Action": "*", "Resource": "*"}]}]}}`))
	var se *evaluator.ScenarioError
	if errors.As(err, &se) {
		fmt.Println(se.Path, se.Position, errors.Is(err, policy.ErrBadValue))
	}
	// Output:
	// {"decision":"Allow","matched":[{"policy":"identity[0]","statement":0,"effect":"Allow"}]}
	// policies.identity[0].Statement[0].Effect line 2, column 74 true
}

func ExampleParsePrincipal() {
	p, err := evaluator.ParsePrincipal(
		"arn:aws:sts::111122223333:assumed-role/Admin/alice",
		"arn:aws:iam::111122223333:role/ops/Admin")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Type(), p.Account(), p.Issuer())
	// Output:
	// role session 111122223333 arn:aws:iam::111122223333:role/ops/Admin
}
