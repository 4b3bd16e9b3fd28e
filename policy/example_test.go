package policy_test

import (
	"errors"
	"fmt"

	"github.com/iameval/iameval/policy"
)

func ExampleParse() {
	doc := []byte(`{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "PublicRead",
    "Effect": "Allow",
    "Principal": "*",
    "Action": ["s3:GetObject", "s3:GetObjectVersion"],
    "Resource": "arn:aws:s3:::examplebucket/*",
    "Condition": {"IpAddress": {"aws:SourceIp": "192.0.2.0/24"}}
  }]
}`)
	p, err := policy.Parse(doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, st := range p.Statements {
		fmt.Println(st.Sid, st.Effect, st.Principal.Anyone(), st.Action, st.Resource)
		for _, c := range st.Conditions {
			fmt.Println(c.Operator, c.Key, c.Values)
		}
	}
	// Output:
	// PublicRead Allow true [s3:GetObject s3:GetObjectVersion] [arn:aws:s3:::examplebucket/*]
	// IpAddress aws:SourceIp [192.0.2.0/24]
}

func ExampleParse_error() {
	doc := []byte(`{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": "s3:ListBucket",
    "Resource": "arn:aws:s3:::examplebucket",
    "Condition": {"StringLike": {"s3:prefix": "home/"}, "NumericLessThan": {"s3:max-keys": "ten"}}
  }]
}`)
	_, err := policy.Parse(doc)
	fmt.Println(err)

	var perr *policy.ParseError
	if errors.As(err, &perr) {
		fmt.Println(perr.Path, perr.Line, perr.Column, errors.Is(err, policy.ErrBadValue))
	}
	// Output:
	// policy: line 7, column 92: Statement[0].Condition.NumericLessThan.s3:max-keys: invalid NumericLessThan value "ten": not a decimal number
	// Statement[0].Condition.NumericLessThan.s3:max-keys 7 92 true
}

func ExamplePolicy_MarshalJSON() {
	p := policy.MustParse(`{
  "Statement": {"Effect": "Deny", "Principal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "*",
                "Condition": {"Bool": {"aws:SecureTransport": false}}},
  "Version": "2012-10-17"
}`)
	out, err := p.MarshalJSON()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(out))
	// Output:
	// {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":["111122223333"]},"Action":["s3:*"],"Resource":["*"],"Condition":{"Bool":{"aws:SecureTransport":["false"]}}}]}
}

func ExampleLimits_Parse() {
	doc := []byte(`{"Statement": [
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
  {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}
]}`)
	_, err := policy.Limits{MaxStatements: 1}.Parse(doc)
	fmt.Println(errors.Is(err, policy.ErrTooMany))

	p, err := policy.Limits{MaxStatements: 2}.Parse(doc)
	fmt.Println(len(p.Statements), err)
	// Output:
	// true
	// 2 <nil>
}

func ExamplePolicy_Position() {
	p := policy.MustParse(`{
  "Statement": [{
    "Effect": "Allow",
    "Action": ["s3:GetObject", "s3:DeleteObject"],
    "Resource": "*"
  }]
}`)
	st := p.Statements[0]
	for i, action := range st.Action {
		fmt.Printf("Statement[0].Action[%d] %s at %v\n", i, action, p.Position(st.ActionPos[i]))
	}
	// Output:
	// Statement[0].Action[0] s3:GetObject at line 4, column 16
	// Statement[0].Action[1] s3:DeleteObject at line 4, column 32
}

func ExamplePrincipal_NormalizedAWS() {
	p := policy.MustParse(`{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
  "Principal": {"AWS": ["111122223333", "arn:aws:iam::444455556666:role/Reader"]}}}`)
	pr := p.Statements[0].Principal
	fmt.Println(pr.AWS)
	fmt.Println(pr.NormalizedAWS("aws"))
	// Output:
	// [111122223333 arn:aws:iam::444455556666:role/Reader]
	// [arn:aws:iam::111122223333:root arn:aws:iam::444455556666:role/Reader]
}
