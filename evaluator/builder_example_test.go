package evaluator_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

func ExampleNewRequest() {
	ev := evaluator.MustNew(evaluator.PolicySet{Resource: policy.MustParse(exampleBucketPolicy)})

	req, err := evaluator.NewRequest("arn:aws:iam::111122223333:user/alice",
		"s3:GetObject", "arn:aws:s3:::examplebucket/reports/q4.pdf")
	if err != nil {
		fmt.Println(err)
		return
	}
	req = req.WithResourceAccount("111122223333").WithKey("aws:SecureTransport", "true")
	fmt.Println(ev.Evaluate(req).Decision)

	_, err = evaluator.NewRequest("arn:aws:iam::111122223333:user/alice", "s3:Get*", "*")
	fmt.Println(errors.Is(err, evaluator.ErrInvalidRequest))
	// Output:
	// Allow
	// true
}

func ExampleMustNewRequest() {
	// Package-level requests for a table test, built from constant text.
	readReport := evaluator.MustNewRequest("arn:aws:sts::111122223333:assumed-role/Reader/ci",
		"s3:GetObject", "arn:aws:s3:::examplebucket/reports/q4.pdf")
	fmt.Println(readReport.Principal.Type(), readReport.Principal.Issuer())

	defer func() { fmt.Println("panic:", recover()) }()
	evaluator.MustNewRequest("arn:aws:iam::111122223333:user/alice", "s3:GetObject", "examplebucket/a.txt")
	// Output:
	// role session arn:aws:iam::111122223333:role/Reader
	// panic: evaluator: invalid request: resource "examplebucket/a.txt" is neither "*" nor an ARN
}

func ExampleRequest_WithKey() {
	ev := evaluator.MustNew(evaluator.PolicySet{Resource: policy.MustParse(exampleBucketPolicy)})
	base := evaluator.MustNewRequest("arn:aws:iam::111122223333:user/alice",
		"s3:GetObject", "arn:aws:s3:::examplebucket/reports/q4.pdf").WithResourceAccount("111122223333")

	// Each WithKey returns a new request, so base keeps its empty context.
	// There aws:SecureTransport is absent, which makes the Bool test of
	// DenyInsecureTransport false, as in AWS.
	overTLS := base.WithKey("aws:SecureTransport", "true")
	plainHTTP := base.WithKey("aws:SecureTransport", "false")
	fmt.Println(ev.Evaluate(overTLS).Decision, ev.Evaluate(plainHTTP).Decision, ev.Evaluate(base).Decision)
	// Output:
	// Allow ExplicitDeny Allow
}

func ExampleRequest_WithResourceAccount() {
	identity := policy.MustParse(`{"Version": "2012-10-17", "Statement": [
	  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::examplebucket/*"}]}`)
	ev := evaluator.MustNew(evaluator.PolicySet{Identity: []*policy.Policy{identity}})
	req := evaluator.MustNewRequest("arn:aws:iam::111122223333:user/alice",
		"s3:GetObject", "arn:aws:s3:::examplebucket/a.txt")

	// A bucket ARN names no account: without its owner the request is
	// cross-account, and the bucket policy would have to allow it too.
	fmt.Println(ev.Evaluate(req).Decision, ev.Evaluate(req).Reason)
	fmt.Println(ev.Evaluate(req.WithResourceAccount("111122223333")).Decision)
	// Output:
	// ImplicitDeny resource-policy
	// Allow
}

func ExampleMustNew() {
	ev := evaluator.MustNew(evaluator.PolicySet{Resource: policy.MustParse(exampleBucketPolicy)})
	req := evaluator.MustNewRequest("anonymous", "s3:GetObject", "arn:aws:s3:::examplebucket/reports/q4.pdf")
	fmt.Println(ev.Evaluate(req).Decision)

	// An identity-based policy cannot name a principal, so New fails and
	// MustNew panics.
	defer func() { fmt.Println("panic:", recover() != nil) }()
	evaluator.MustNew(evaluator.PolicySet{Identity: []*policy.Policy{policy.MustParse(exampleBucketPolicy)}})
	// Output:
	// ImplicitDeny
	// panic: true
}

func ExampleLoadPolicyFile() {
	dir, err := os.MkdirTemp("", "policies")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	good := filepath.Join(dir, "bucket.json")
	bad := filepath.Join(dir, "typo.json")
	_ = os.WriteFile(good, []byte(exampleBucketPolicy), 0o600)
	_ = os.WriteFile(bad, []byte(`{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resorce": "*"}]}`), 0o600)

	p, err := evaluator.LoadPolicyFile(good)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(p.Statements), p.Statements[1].Sid)

	// The error names the file and wraps the parse error, which gives the
	// JSON path and position of the mistake.
	_, err = evaluator.LoadPolicyFile(bad)
	var pe *policy.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Path, pe.Position, errors.Is(err, policy.ErrUnknownElement))
	}
	// Output:
	// 2 ReadReports
	// Statement[0].Resorce line 1, column 54 true
}
