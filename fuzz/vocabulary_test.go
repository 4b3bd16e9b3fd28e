package fuzz

import (
	"strings"

	"github.com/iameval/iameval/policy"
)

// The vocabulary the generator builds policy sets and requests from holds
// the corners of the rules. It has every kind of caller, action and
// resource patterns with wildcards and case differences, a request action
// longer than 128 bytes, policy variables and access point ARNs. Its
// conditions test absent, single and multivalued keys.

const (
	accountA = "111122223333"
	accountB = "444455556666"
)

// genCaller is a request principal with its session issuer.
type genCaller struct{ principal, issuer string }

var callers = []genCaller{
	{"arn:aws:iam::111122223333:user/alice", ""},
	{"arn:aws:iam::444455556666:user/bob", ""},
	{"arn:aws:iam::111122223333:user/dev/carol", ""},
	{"arn:aws:sts::111122223333:assumed-role/reader/s1", ""},
	{"arn:aws:sts::111122223333:assumed-role/reader/s1", "arn:aws:iam::111122223333:role/team/reader"},
	{"arn:aws:iam::111122223333:role/reader", ""},
	{"arn:aws:sts::444455556666:assumed-role/writer/s2", ""},
	{"arn:aws:sts::111122223333:federated-user/fed", ""},
	{"arn:aws:sts::111122223333:federated-user/fed", "arn:aws:iam::111122223333:user/alice"},
	{"arn:aws:iam::111122223333:root", ""},
	{"arn:aws:iam::444455556666:root", ""},
	{"cloudtrail.amazonaws.com", ""},
	{"anonymous", ""},
	{"arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForSupport/s3",
		"arn:aws:iam::111122223333:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport"},
}

var requestActions = []string{
	"s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:ListAllMyBuckets",
	"s3:GetBucketPolicy", "s3:DeleteObject", "s3:GetObjectVersion", "s3:CreateBucket",
	"iam:GetUser", "ec2:DescribeInstances", "S3:getobject", "s3:GetObjectVersionAcl",
	"s3:GetObjectI", "s3:" + strings.Repeat("Long", 33),
}

var requestResources = []string{
	"arn:aws:s3:::b1/k1",
	"arn:aws:s3:::b1/alice/notes",
	"arn:aws:s3:::b1/dir/k2",
	"arn:aws:s3:::b1/a:b/k",
	"arn:aws:s3:::b1",
	"arn:aws:s3:::b2/k",
	"*",
	"arn:aws:iam::111122223333:user/alice",
	"arn:aws:ec2:us-west-2:111122223333:instance/i-1",
	"arn:aws:s3:us-west-2:111122223333:accesspoint/ap1/object/k1",
	"arn:aws:s3:us-west-2:111122223333:accesspoint/ap1/object/alice/notes",
	"arn:aws:s3:us-west-2:111122223333:accesspoint/ap1",
	"arn:aws:s3:us-west-2:111122223333:accesspoint/ap2/object/k1",
}

var actionPatterns = []string{
	"*", "s3:*", "s3:Get*", "s3:GetObject", "s3:?etObject", "S3:GETOBJECT",
	"s3:List*", "iam:*", "ec2:Describe*", "s3:*Object", "s3:PutObject",
	"s3:GetBucketPolicy", "s3:ListAllMyBuckets", "s3:GetObject*",
	"s3:Long*",
}

var resourcePatterns = []string{
	"*",
	"arn:aws:s3:::b1/*",
	"arn:aws:s3:::b1",
	"arn:aws:s3:::*",
	"arn:aws:s3:::b?/*",
	"arn:aws:s3:::b1/${aws:username}/*",
	"arn:aws:s3:::b1/*/k2",
	"arn:aws:s3:::b1/k1",
	"arn:aws:s3:::b2/*",
	"arn:aws:s3:::b1/${s3:prefix}*",
	"arn:aws:s3:::${aws:PrincipalTag/team, 'b1'}/*",
	"arn:aws:s3:::b1/a:*",
	"arn:*:s3:::b1/*",
	"arn:aws:s3:*:*:accesspoint/ap1/object/*",
	"arn:aws:s3:us-west-2:111122223333:accesspoint/*",
	"arn:aws:s3:us-west-2:111122223333:accesspoint/ap1",
	"arn:aws:iam::*:user/*",
	"arn:aws:ec2:*:*:instance/*",
	"arn:aws:iam::111122223333:*",
}

var principalValues = []string{
	"*", accountA, accountB,
	"arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root",
	"arn:aws:iam::111122223333:user/alice", "arn:aws:iam::444455556666:user/bob",
	"arn:aws:iam::111122223333:user/dev/carol",
	"arn:aws:iam::111122223333:role/reader", "arn:aws:iam::111122223333:role/team/reader",
	"arn:aws:sts::111122223333:assumed-role/reader/s1",
	"arn:aws:sts::111122223333:federated-user/fed",
	"arn:aws:sts::444455556666:assumed-role/writer/s2",
}

var serviceValues = []string{"cloudtrail.amazonaws.com", "s3.amazonaws.com"}

// genCondition is one (operator, key, values) test.
type genCondition struct {
	op, key string
	values  []string
}

var conditionVocabulary = []genCondition{
	{"StringEquals", "aws:username", []string{"alice"}},
	{"StringEquals", "aws:username", []string{"alice", "bob"}},
	{"StringLike", "s3:prefix", []string{"home/*"}},
	{"StringNotEquals", "aws:PrincipalTag/team", []string{"red"}},
	{"StringEqualsIgnoreCase", "aws:PrincipalTag/team", []string{"RED"}},
	{"ForAnyValue:StringEquals", "aws:TagKeys", []string{"a"}},
	{"ForAllValues:StringEquals", "aws:TagKeys", []string{"a", "b"}},
	{"ForAllValues:StringNotLike", "aws:TagKeys", []string{"x*"}},
	{"StringEquals", "aws:TagKeys", []string{"a"}},
	{"IpAddress", "aws:SourceIp", []string{"10.0.0.0/8", "2001:db8::/32"}},
	{"NotIpAddress", "aws:SourceIp", []string{"203.0.113.0/24"}},
	{"Bool", "aws:SecureTransport", []string{"false"}},
	{"BoolIfExists", "aws:MultiFactorAuthPresent", []string{"true"}},
	{"NumericLessThan", "s3:max-keys", []string{"100"}},
	{"DateGreaterThan", "aws:CurrentTime", []string{"2020-01-01T00:00:00Z"}},
	{"DateLessThan", "aws:CurrentTime", []string{"2024"}},
	{"Null", "aws:SourceIp", []string{"true"}},
	{"Null", "aws:SourceIp", []string{"false"}},
	{"ArnLike", "aws:SourceArn", []string{"arn:aws:s3:::b1*"}},
	{"ArnNotEquals", "aws:PrincipalArn", []string{"arn:aws:iam::111122223333:user/alice"}},
	{"ArnLike", "aws:PrincipalArn", []string{"arn:aws:iam::*:role/*"}},
	{"StringEquals", "aws:PrincipalAccount", []string{accountA}},
	{"StringEquals", "s3:DataAccessPointAccount", []string{accountA}},
	{"StringLike", "s3:DataAccessPointArn", []string{"arn:aws:s3:*:111122223333:accesspoint/*"}},
	{"StringEqualsIfExists", "aws:PrincipalType", []string{"User"}},
	{"StringEquals", "aws:PrincipalTag/team", []string{"${aws:username}"}},
	{"StringLike", "aws:userid", []string{"*:fed"}},
	{"StringEquals", "aws:PrincipalIsAWSService", []string{"true"}},
	{"ForAnyValue:StringNotEquals", "aws:TagKeys", []string{"a", "b"}},
}

// contextVocabulary lists, for each key, the value lists a request may
// carry.
var contextVocabulary = []struct {
	key    string
	values [][]string
}{
	{"aws:SourceIp", [][]string{{"10.1.2.3"}, {"203.0.113.9"}, {"2001:db8::1"}, {"bad"}}},
	{"aws:SecureTransport", [][]string{{"true"}, {"false"}}},
	{"aws:PrincipalTag/team", [][]string{{"red"}, {"blue"}, {"Red"}, {"alice"}}},
	{"aws:TagKeys", [][]string{{"a"}, {"a", "b"}, {"x1"}}},
	{"s3:prefix", [][]string{{"home/"}, {"alice/"}, {"dir/"}}},
	{"aws:CurrentTime", [][]string{{"2024-01-01T00:00:00Z"}, {"2019-06-01T00:00:00Z"}, {"garbage"}}},
	{"s3:max-keys", [][]string{{"10"}, {"1000"}, {"x"}}},
	{"aws:SourceVpc", [][]string{{"vpc-1"}, {"vpc-2"}}},
	{"aws:SourceArn", [][]string{{"arn:aws:s3:::b1"}, {"arn:aws:s3:::b2"}}},
	{"aws:MultiFactorAuthPresent", [][]string{{"true"}, {"false"}}},
}

var versions = []string{policy.Version2012, policy.Version2008, ""}
