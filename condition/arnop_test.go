package condition_test

import "testing"

func TestArnOperators(t *testing.T) {
	const (
		source = "aws:SourceArn"
		caller = "aws:PrincipalArn"
	)
	src := func(v ...string) map[string][]string { return one(source, v...) }
	principal := func(v ...string) map[string][]string { return one(caller, v...) }
	const crossing = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"
	runEvalCases(t, []evalCase{
		{name: "ArnEquals exact ARN is true", op: "ArnEquals", key: caller, values: []string{"arn:aws:iam::111122223333:role/Dev"}, context: principal("arn:aws:iam::111122223333:role/Dev"), want: T},
		{name: "ArnEquals honours wildcards", op: "ArnEquals", key: caller, values: []string{"arn:aws:iam::111122223333:role/*"}, context: principal("arn:aws:iam::111122223333:role/Dev"), want: T},
		{name: "ArnEquals question mark is a wildcard", op: "ArnEquals", key: caller, values: []string{"arn:aws:iam::11112222333?:role/Dev"}, context: principal("arn:aws:iam::111122223333:role/Dev"), want: T},
		{name: "ArnLike is case-sensitive", op: "ArnLike", key: caller, values: []string{"arn:aws:iam::111122223333:role/dev"}, context: principal("arn:aws:iam::111122223333:role/Dev"), want: F},
		{name: "ArnLike star cannot absorb a segment colon", op: "ArnLike", key: source, values: []string{"arn:aws:someservice:*:111122223333:finance/*"}, context: src(crossing), want: F},
		{name: "ArnLike star in resource crosses colon and slash", op: "ArnLike", key: source, values: []string{"arn:aws:someservice:*:999999999999:store/*"}, context: src(crossing), want: T},
		{name: "ArnLike region wildcard matches empty region", op: "ArnLike", key: source, values: []string{"arn:aws:s3:*:*:bucket"}, context: src("arn:aws:s3:::bucket"), want: T},
		{name: "ArnLike empty pattern segment needs empty region", op: "ArnLike", key: source, values: []string{"arn:aws:s3:::*"}, context: src("arn:aws:s3:us-west-2:111122223333:accesspoint/ap"), want: F},
		{name: "ArnLike service must be equal", op: "ArnLike", key: source, values: []string{"arn:aws:sns:*:*:*"}, context: src("arn:aws:sqs:us-east-1:111122223333:q"), want: F},
		{name: "ArnLike lone star matches an ARN", op: "ArnLike", key: source, values: []string{"*"}, context: src("arn:aws:s3:::bucket"), want: T},
		{name: "model: ArnLike lone star rejects a non-ARN", op: "ArnLike", key: source, values: []string{"*"}, context: src("bucket"), want: F},
		{name: "model: ArnLike non-ARN request is false", op: "ArnLike", key: source, values: []string{"arn:aws:s3:::*"}, context: src("s3://bucket"), want: F},
		{name: "model: ArnLike request missing segments is false", op: "ArnLike", key: source, values: []string{"arn:aws:s3:::*"}, context: src("arn:aws:s3::bucket"), want: F},
		{name: "model: ArnNotLike non-ARN request is true", op: "ArnNotLike", key: source, values: []string{"arn:aws:s3:::*"}, context: src("bucket"), want: T},
		{name: "model: ArnNotEquals non-ARN request is true", op: "ArnNotEquals", key: source, values: []string{"*"}, context: src("not an arn"), want: T},
		{name: "ArnLike several patterns are OR-ed", op: "ArnLike", key: source, values: []string{"arn:aws:sns:*:*:*", "arn:aws:s3:::logs-*"}, context: src("arn:aws:s3:::logs-2024"), want: T},
		{name: "ArnLike absent key is false", op: "ArnLike", key: source, values: []string{"*"}, want: F},
		{name: "ArnNotLike matching value is false", op: "ArnNotLike", key: source, values: []string{"arn:aws:s3:::logs-*"}, context: src("arn:aws:s3:::logs-1"), want: F},
		{name: "ArnNotLike must match none of the patterns", op: "ArnNotLike", key: source, values: []string{"arn:aws:sns:*:*:*", "arn:aws:s3:::*"}, context: src("arn:aws:s3:::x"), want: F},
		{name: "ArnNotLike other ARN is true", op: "ArnNotLike", key: source, values: []string{"arn:aws:s3:::logs-*"}, context: src("arn:aws:s3:::data"), want: T},
		{name: "ArnNotEquals absent key is true", op: "ArnNotEquals", key: source, values: []string{"arn:aws:s3:::logs"}, want: T},
		{name: "ArnNotEquals wildcard pattern applies", op: "ArnNotEquals", key: caller, values: []string{"arn:aws:iam::*:role/Admin"}, context: principal("arn:aws:iam::444455556666:role/Admin"), want: F},
		{name: "ArnLike wildcard in service", op: "ArnLike", key: source, values: []string{"arn:aws:s*:*:111122223333:*"}, context: src("arn:aws:sqs:us-east-1:111122223333:q"), want: T},
		{name: "ArnLike service wildcard stays in its part", op: "ArnLike", key: source, values: []string{"arn:aws:*:us-east-1:111122223333:q"}, context: src("arn:aws:sqs:eu-west-1:x:us-east-1:111122223333:q"), want: F},
		{name: "ArnLike partition wildcard", op: "ArnLike", key: source, values: []string{"arn:aws*:s3:::b"}, context: src("arn:aws-cn:s3:::b"), want: T},
		{name: "ArnLike empty service matches no ARN", op: "ArnLike", key: source, values: []string{"arn:aws::::b"}, context: src("arn:aws:s3:::b"), want: F},
		{name: "ArnLike needs the arn prefix in the request", op: "ArnLike", key: source, values: []string{"arn:aws:s3:::b"}, context: src("ARN:aws:s3:::b"), want: F},
		{name: "ForAllValues ArnLike every ARN matches", op: "ForAllValues:ArnLike", key: "k", values: []string{"arn:aws:iam::111122223333:*"}, context: one("k", "arn:aws:iam::111122223333:role/a", "arn:aws:iam::111122223333:user/b"), want: T},
		{name: "ForAllValues ArnLike one ARN outside", op: "ForAllValues:ArnLike", key: "k", values: []string{"arn:aws:iam::111122223333:*"}, context: one("k", "arn:aws:iam::111122223333:role/a", "arn:aws:iam::444455556666:user/b"), want: F},
	})
}

func TestArnBadValues(t *testing.T) {
	runBadValueCases(t, []badValueCase{
		{name: "text without arn prefix", op: "ArnLike", values: []string{"bucket"}},
		{name: "too few segments", op: "ArnEquals", values: []string{"arn:aws:s3"}},
		{name: "upper-case prefix", op: "ArnLike", values: []string{"ARN:aws:s3:::bucket"}},
		{name: "colon inside variable does not split", op: "ArnLike", values: []string{"arn:aws:s3:${aws:username}:bucket"}, variables: true},
		{name: "second value is checked", op: "ArnNotEquals", values: []string{"*", "arn:"}, index: 1},
	})
}
