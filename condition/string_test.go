package condition_test

import "testing"

func TestStringOperators(t *testing.T) {
	const key = "s3:ExistingObjectTag/data"
	tag := func(v ...string) map[string][]string { return one(key, v...) }
	runEvalCases(t, []evalCase{
		// StringEquals: exact and case-sensitive.
		{name: "StringEquals exact value is true", op: "StringEquals", key: key, values: []string{"emergency-room"}, context: tag("emergency-room"), want: T},
		{name: "StringEquals differs only in case is false", op: "StringEquals", key: key, values: []string{"emergency-room"}, context: tag("Emergency-Room"), want: F},
		{name: "StringEquals absent key is false", op: "StringEquals", key: key, values: []string{"emergency-room"}, want: F},
		{name: "StringEquals star is literal", op: "StringEquals", key: "s3:prefix", values: []string{"home/*"}, context: one("s3:prefix", "home/alice/"), want: F},
		{name: "StringEquals star matches a literal star", op: "StringEquals", key: "s3:prefix", values: []string{"home/*"}, context: one("s3:prefix", "home/*"), want: T},
		{name: "StringEquals question mark is literal", op: "StringEquals", key: "k", values: []string{"a?c"}, context: one("k", "abc"), want: F},
		{name: "StringEquals is not a prefix match", op: "StringEquals", key: "k", values: []string{"abc"}, context: one("k", "abcd"), want: F},
		{name: "StringEquals several values are OR-ed", op: "StringEquals", key: "aws:PrincipalTag/dept", values: []string{"finance", "hr"}, context: one("aws:PrincipalTag/dept", "hr"), want: T},
		{name: "StringEquals none of several values", op: "StringEquals", key: "k", values: []string{"finance", "hr"}, context: one("k", "it"), want: F},
		{name: "model: StringEquals empty string is a value", op: "StringEquals", key: "k", values: []string{""}, context: one("k", ""), want: T},
		{name: "model: StringEquals empty string is not absent", op: "StringEquals", key: "k", values: []string{"x"}, context: one("k", ""), want: F},
		{name: "StringEquals key name case-insensitive", op: "StringEquals", key: "S3:existingobjecttag/DATA", values: []string{"emergency-room"}, context: tag("emergency-room"), want: T},
		{name: "StringEquals tag key suffix case-insensitive", op: "StringEquals", key: key, values: []string{"emergency-room"}, context: one("s3:ExistingObjectTag/Data", "emergency-room"), want: T},
		{name: "StringEquals non-ASCII exact", op: "StringEquals", key: "k", values: []string{"café"}, context: one("k", "café"), want: T},

		// StringNotEquals: none of the values may match.
		{name: "StringNotEquals different value is true", op: "StringNotEquals", key: "k", values: []string{"a"}, context: one("k", "b"), want: T},
		{name: "StringNotEquals equal value is false", op: "StringNotEquals", key: "k", values: []string{"a"}, context: one("k", "a"), want: F},
		{name: "StringNotEquals absent key is true", op: "StringNotEquals", key: "k", values: []string{"a"}, want: T},
		{name: "StringNotEquals listed account is false", op: "StringNotEquals", key: "aws:PrincipalAccount", values: []string{"111122223333", "444455556666"}, context: one("aws:PrincipalAccount", "444455556666"), want: F},
		{name: "StringNotEquals unlisted account is true", op: "StringNotEquals", key: "aws:PrincipalAccount", values: []string{"111122223333", "444455556666"}, context: one("aws:PrincipalAccount", "999999999999"), want: T},
		{name: "StringNotEquals differs in case is true", op: "StringNotEquals", key: "k", values: []string{"abc"}, context: one("k", "ABC"), want: T},

		// IgnoreCase variants.
		{name: "StringEqualsIgnoreCase ignores case", op: "StringEqualsIgnoreCase", key: "aws:username", values: []string{"johndoe"}, context: one("aws:username", "JohnDoe"), want: T},
		{name: "StringEqualsIgnoreCase different text is false", op: "StringEqualsIgnoreCase", key: "k", values: []string{"johndoe"}, context: one("k", "janedoe"), want: F},
		{name: "StringEqualsIgnoreCase folds non-ASCII", op: "StringEqualsIgnoreCase", key: "k", values: []string{"ÉCOLE"}, context: one("k", "école"), want: T},
		{name: "StringEqualsIgnoreCase star is literal", op: "StringEqualsIgnoreCase", key: "k", values: []string{"A*"}, context: one("k", "abc"), want: F},
		{name: "StringEqualsIgnoreCase absent key is false", op: "StringEqualsIgnoreCase", key: "k", values: []string{"a"}, want: F},
		{name: "StringNotEqualsIgnoreCase same text other case is false", op: "StringNotEqualsIgnoreCase", key: "k", values: []string{"Admin"}, context: one("k", "ADMIN"), want: F},
		{name: "StringNotEqualsIgnoreCase other text is true", op: "StringNotEqualsIgnoreCase", key: "k", values: []string{"admin"}, context: one("k", "user"), want: T},
		{name: "StringNotEqualsIgnoreCase absent key is true", op: "StringNotEqualsIgnoreCase", key: "k", values: []string{"admin"}, want: T},

		// StringLike: anchored glob, case-sensitive.
		{name: "StringLike star matches a run", op: "StringLike", key: "s3:prefix", values: []string{"home/*"}, context: one("s3:prefix", "home/alice/"), want: T},
		{name: "StringLike star matches empty", op: "StringLike", key: "k", values: []string{"home/*"}, context: one("k", "home/"), want: T},
		{name: "StringLike is anchored at the start", op: "StringLike", key: "k", values: []string{"home/*"}, context: one("k", "x/home/a"), want: F},
		{name: "StringLike is anchored at the end", op: "StringLike", key: "k", values: []string{"*.txt"}, context: one("k", "a.txt.bak"), want: F},
		{name: "StringLike question mark is one character", op: "StringLike", key: "k", values: []string{"a?c"}, context: one("k", "abc"), want: T},
		{name: "StringLike question mark is not zero characters", op: "StringLike", key: "k", values: []string{"a?c"}, context: one("k", "ac"), want: F},
		{name: "StringLike question mark is not two characters", op: "StringLike", key: "k", values: []string{"a?c"}, context: one("k", "abbc"), want: F},
		{name: "StringLike is case-sensitive", op: "StringLike", key: "k", values: []string{"Home/*"}, context: one("k", "home/a"), want: F},
		{name: "StringLike several stars backtrack", op: "StringLike", key: "k", values: []string{"a*b*c"}, context: one("k", "aXbYbZc"), want: T},
		{name: "StringLike star spans colons", op: "StringLike", key: "aws:SourceArn", values: []string{"arn:aws:someservice:*:111122223333:finance/*"}, context: one("aws:SourceArn", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"), want: T},
		{name: "StringLike without wildcard is exact", op: "StringLike", key: "k", values: []string{"abc"}, context: one("k", "abc"), want: T},
		{name: "StringLike absent key is false", op: "StringLike", key: "k", values: []string{"*"}, want: F},
		{name: "StringLike lone star matches empty string", op: "StringLike", key: "k", values: []string{"*"}, context: one("k", ""), want: T},
		{name: "StringNotLike matching value is false", op: "StringNotLike", key: "k", values: []string{"key1*"}, context: one("k", "key1:legal"), want: F},
		{name: "StringNotLike non-matching value is true", op: "StringNotLike", key: "k", values: []string{"key1*"}, context: one("k", "key2:audit"), want: T},
		{name: "StringNotLike must match none of the patterns", op: "StringNotLike", key: "k", values: []string{"a*", "b*"}, context: one("k", "bee"), want: F},
		{name: "StringNotLike absent key is true", op: "StringNotLike", key: "k", values: []string{"a*"}, want: T},
	})
}
