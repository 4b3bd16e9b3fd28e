package condition_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/iameval/iameval/condition"
)

func TestPolicyVariables(t *testing.T) {
	const (
		tag     = "s3:ExistingObjectTag/Team"
		teamTag = "aws:PrincipalTag/Team"
	)
	ctx := func(pairs ...string) map[string][]string {
		m := map[string][]string{}
		for i := 0; i+1 < len(pairs); i += 2 {
			m[pairs[i]] = append(m[pairs[i]], pairs[i+1])
		}
		return m
	}
	runEvalCases(t, []evalCase{
		// Substitution in String values.
		{name: "StringEquals variable resolves to the caller", op: "StringEquals", key: "s3:prefix", values: []string{"home/${aws:username}/"}, variables: true, context: ctx("s3:prefix", "home/alice/", "aws:username", "alice"), want: T},
		{name: "StringEquals variable for another caller is false", op: "StringEquals", key: "s3:prefix", values: []string{"home/${aws:username}/"}, variables: true, context: ctx("s3:prefix", "home/alice/", "aws:username", "bob"), want: F},
		{name: "StringEquals principal tag variable", op: "StringEquals", key: tag, values: []string{"${aws:PrincipalTag/Team}"}, variables: true, context: ctx(tag, "red", teamTag, "red"), want: T},
		{name: "variable name case-insensitive", op: "StringEquals", key: tag, values: []string{"${AWS:principaltag/TEAM}"}, variables: true, context: ctx(tag, "red", teamTag, "red"), want: T},
		{name: "substituted value stays case-sensitive", op: "StringEquals", key: tag, values: []string{"${aws:PrincipalTag/Team}"}, variables: true, context: ctx(tag, "red", teamTag, "Red"), want: F},
		{name: "StringEqualsIgnoreCase substituted value ignores case", op: "StringEqualsIgnoreCase", key: tag, values: []string{"team-${aws:PrincipalTag/Team}"}, variables: true, context: ctx(tag, "TEAM-RED", teamTag, "red"), want: T},
		{name: "StringLike variable with wildcard around it", op: "StringLike", key: "s3:prefix", values: []string{"home/${aws:username}/*"}, variables: true, context: ctx("s3:prefix", "home/alice/docs/", "aws:username", "alice"), want: T},
		{name: "model: substituted star is literal in StringLike", op: "StringLike", key: "s3:prefix", values: []string{"home/${aws:username}"}, variables: true, context: ctx("s3:prefix", "home/alice", "aws:username", "*"), want: F},
		{name: "model: substituted star matches a literal star", op: "StringLike", key: "s3:prefix", values: []string{"home/${aws:username}"}, variables: true, context: ctx("s3:prefix", "home/*", "aws:username", "*"), want: T},
		{name: "model: substituted question mark is literal", op: "StringLike", key: "k", values: []string{"${aws:username}"}, variables: true, context: ctx("k", "x", "aws:username", "?"), want: F},
		{name: "same variable twice in one value", op: "StringEquals", key: "k", values: []string{"${aws:username}-${aws:username}"}, variables: true, context: ctx("k", "al-al", "aws:username", "al"), want: T},
		{name: "two variables in one value", op: "StringEquals", key: "k", values: []string{"${aws:username}@${aws:PrincipalAccount}"}, variables: true, context: ctx("k", "al@111122223333", "aws:username", "al", "aws:PrincipalAccount", "111122223333"), want: T},
		{name: "variable resolves to empty string", op: "StringEquals", key: "k", values: []string{"x${aws:username}"}, variables: true, context: ctx("k", "x", "aws:username", ""), want: T},
		{name: "variable on the key being tested", op: "StringEquals", key: "aws:username", values: []string{"${aws:username}"}, variables: true, context: ctx("aws:username", "alice"), want: T},
		{name: "service key as variable", op: "StringEquals", key: "k", values: []string{"${s3:prefix}"}, variables: true, context: ctx("k", "p/", "s3:prefix", "p/"), want: T},

		// Unresolvable variables.
		{name: "positive operator unresolved variable is false", op: "StringEquals", key: tag, values: []string{"${aws:PrincipalTag/Team}"}, variables: true, context: ctx(tag, "red"), want: F},
		{name: "negated operator unresolved variable is true", op: "StringNotEquals", key: tag, values: []string{"${aws:PrincipalTag/Team}"}, variables: true, context: ctx(tag, "red"), want: T},
		{name: "StringLike unresolved variable is false", op: "StringLike", key: "k", values: []string{"${aws:username}*"}, variables: true, context: ctx("k", "anything"), want: F},
		{name: "StringNotLike unresolved variable is true", op: "StringNotLike", key: "k", values: []string{"*${aws:username}*"}, variables: true, context: ctx("k", "anything"), want: T},
		{name: "model: other values still evaluated beside unresolved one", op: "StringEquals", key: "k", values: []string{"${aws:username}", "fixed"}, variables: true, context: ctx("k", "fixed"), want: T},
		{name: "model: negated operator other value still excludes", op: "StringNotEquals", key: "k", values: []string{"${aws:username}", "fixed"}, variables: true, context: ctx("k", "fixed"), want: F},
		{name: "model: multivalued variable key is unresolvable", op: "StringEquals", key: "k", values: []string{"${aws:TagKeys}"}, variables: true, context: ctx("k", "a", "aws:TagKeys", "a", "aws:TagKeys", "b"), want: F},
		{name: "model: multivalued variable key negated is true", op: "StringNotEquals", key: "k", values: []string{"${aws:TagKeys}"}, variables: true, context: ctx("k", "a", "aws:TagKeys", "a", "aws:TagKeys", "b"), want: T},
		{name: "model: multivalued variable key ignores the default", op: "StringEquals", key: "k", values: []string{"${aws:TagKeys, 'a'}"}, variables: true, context: ctx("k", "a", "aws:TagKeys", "a", "aws:TagKeys", "b"), want: F},

		// Defaults.
		{name: "default used when key absent", op: "StringEquals", key: tag, values: []string{"${aws:PrincipalTag/Team, 'company-wide'}"}, variables: true, context: ctx(tag, "company-wide"), want: T},
		{name: "default ignored when key present", op: "StringEquals", key: tag, values: []string{"${aws:PrincipalTag/Team, 'company-wide'}"}, variables: true, context: ctx(tag, "company-wide", teamTag, "red"), want: F},
		{name: "model: present empty string does not trigger default", op: "StringEquals", key: "k", values: []string{"${aws:username, 'x'}"}, variables: true, context: ctx("k", "", "aws:username", ""), want: T},
		{name: "model: default with no space is not a default", op: "StringEquals", key: tag, values: []string{"${aws:PrincipalTag/Team,'company-wide'}"}, variables: true, context: ctx(tag, "company-wide"), want: F},
		{name: "model: default with double quotes is not a default", op: "StringEquals", key: tag, values: []string{`${aws:PrincipalTag/Team, "company-wide"}`}, variables: true, context: ctx(tag, "company-wide"), want: F},
		{name: "model: default with two spaces is not a default", op: "StringEquals", key: tag, values: []string{"${aws:PrincipalTag/Team,  'company-wide'}"}, variables: true, context: ctx(tag, "company-wide"), want: F},
		{name: "model: default star is literal", op: "StringLike", key: "k", values: []string{"${aws:username, '*'}"}, variables: true, context: ctx("k", "anything"), want: F},

		// Escapes.
		{name: "escape star is a literal star", op: "StringLike", key: "k", values: []string{"a${*}"}, variables: true, context: ctx("k", "abc"), want: F},
		{name: "escape star matches a star", op: "StringLike", key: "k", values: []string{"a${*}"}, variables: true, context: ctx("k", "a*"), want: T},
		{name: "escape question mark is literal", op: "StringLike", key: "k", values: []string{"a${?}"}, variables: true, context: ctx("k", "a?"), want: T},
		{name: "escape dollar is literal", op: "StringEquals", key: "k", values: []string{"${$}{x}"}, variables: true, context: ctx("k", "${x}"), want: T},
		{name: "escape beside a real wildcard", op: "StringLike", key: "k", values: []string{"${*}*"}, variables: true, context: ctx("k", "*anything"), want: T},

		// Version 2008-10-17 or no Version: ${...} is literal text.
		{name: "without variables the text is literal", op: "StringEquals", key: "s3:prefix", values: []string{"home/${aws:username}/"}, context: ctx("s3:prefix", "home/${aws:username}/", "aws:username", "alice"), want: T},
		{name: "without variables no substitution", op: "StringEquals", key: "s3:prefix", values: []string{"home/${aws:username}/"}, context: ctx("s3:prefix", "home/alice/", "aws:username", "alice"), want: F},
		{name: "without variables escape star is a wildcard", op: "StringLike", key: "k", values: []string{"a${*}"}, context: ctx("k", "a${xyz}"), want: T},
		{name: "unterminated variable is literal text", op: "StringEquals", key: "k", values: []string{"${aws:username"}, variables: true, context: ctx("k", "${aws:username", "aws:username", "al"), want: T},

		// Variables in Arn values.
		{name: "ArnLike variable in resource part", op: "ArnLike", key: "aws:SourceArn", values: []string{"arn:aws:s3:::home-${aws:username}/*"}, variables: true, context: ctx("aws:SourceArn", "arn:aws:s3:::home-alice/x", "aws:username", "alice"), want: T},
		{name: "ArnLike variable for another caller is false", op: "ArnLike", key: "aws:SourceArn", values: []string{"arn:aws:s3:::home-${aws:username}/*"}, variables: true, context: ctx("aws:SourceArn", "arn:aws:s3:::home-alice/x", "aws:username", "bob"), want: F},
		{name: "ArnLike unresolved variable is false", op: "ArnLike", key: "aws:SourceArn", values: []string{"arn:aws:s3:::home-${aws:username}/*"}, variables: true, context: ctx("aws:SourceArn", "arn:aws:s3:::home-alice/x"), want: F},
		{name: "ArnNotLike unresolved variable is true", op: "ArnNotLike", key: "aws:SourceArn", values: []string{"arn:aws:s3:::home-${aws:username}/*"}, variables: true, context: ctx("aws:SourceArn", "arn:aws:s3:::home-alice/x"), want: T},
		{name: "model: ArnLike substituted slash star is literal", op: "ArnLike", key: "aws:SourceArn", values: []string{"arn:aws:s3:::b/${aws:username}"}, variables: true, context: ctx("aws:SourceArn", "arn:aws:s3:::b/alice", "aws:username", "*"), want: F},
		{name: "ArnLike variable in account part", op: "ArnLike", key: "aws:SourceArn", values: []string{"arn:aws:sns:*:${aws:PrincipalAccount}:*"}, variables: true, context: ctx("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:t", "aws:PrincipalAccount", "111122223333"), want: T},
		{name: "ArnLike variable in account for other account", op: "ArnLike", key: "aws:SourceArn", values: []string{"arn:aws:sns:*:${aws:PrincipalAccount}:*"}, variables: true, context: ctx("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:t", "aws:PrincipalAccount", "444455556666"), want: F},
		{name: "ArnLike substituted colon cannot span parts", op: "ArnLike", key: "aws:SourceArn", values: []string{"arn:aws:sns:${aws:username}::t"}, variables: true, context: ctx("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:t", "aws:username", "us-east-1:111122223333"), want: F},
		{name: "ArnLike without variables colon in braces splits", op: "ArnLike", key: "aws:SourceArn", values: []string{"arn:aws:sns:*:${aws:x}:t"}, context: ctx("aws:SourceArn", "arn:aws:sns:r:${aws:x}:t"), want: T},
		{name: "ArnEquals default in resource part", op: "ArnEquals", key: "aws:SourceArn", values: []string{"arn:aws:sns:us-east-1:111122223333:${aws:PrincipalTag/topic, 'main'}"}, variables: true, context: ctx("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:main"), want: T},
	})
}

func TestManyVariablesInOneValue(t *testing.T) {
	// More variables than the resolver keeps on the stack.
	const n = 12
	value, want := "", ""
	ctx := map[string][]string{}
	for i := range n {
		key := "aws:PrincipalTag/t" + string(rune('a'+i))
		value += "${" + key + "}-"
		want += string(rune('A'+i)) + "-"
		ctx[key] = []string{string(rune('A' + i))}
	}
	withTarget := func(target string) map[string][]string {
		m := map[string][]string{"k": {target}, "aws:SourceArn": {"arn:aws:s3:::b/" + target}}
		for k, v := range ctx {
			m[k] = v
		}
		return m
	}
	runEvalCases(t, []evalCase{
		{name: "StringEquals twelve variables resolve", op: "StringEquals", key: "k", values: []string{value}, variables: true, context: withTarget(want), want: T},
		{name: "StringEquals twelve variables other text", op: "StringEquals", key: "k", values: []string{value}, variables: true, context: withTarget(want + "x"), want: F},
		{name: "ArnLike twelve variables resolve", op: "ArnLike", key: "aws:SourceArn", values: []string{"arn:aws:s3:::b/" + value}, variables: true, context: withTarget(want), want: T},
		{name: "StringEquals twelve variables one missing", op: "StringEquals", key: "k", values: []string{value + "${aws:username}"}, variables: true, context: withTarget(want), want: F},
	})
}

func TestConditionHasVariables(t *testing.T) {
	tests := []struct {
		name      string
		op        string
		values    []string
		variables bool
		want      bool
	}{
		{"string with a variable", "StringEquals", []string{"a", "${aws:username}"}, true, true},
		{"variables off", "StringEquals", []string{"${aws:username}"}, false, false},
		{"escape only", "StringLike", []string{"a${*}"}, true, false},
		{"bool with a variable", "Bool", []string{"${aws:SecureTransport}"}, true, false},
		{"default only", "StringEquals", []string{"${aws:username, 'x'}"}, true, true},
		{"unterminated", "StringEquals", []string{"a${b"}, true, false},
		{"arn with a variable", "ArnLike", []string{"arn:aws:iam::${aws:PrincipalAccount}:role/*"}, true, true},
		{"plain values", "StringEquals", []string{"a", "b"}, true, false},
		{"numbers", "NumericEquals", []string{"1"}, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := condition.MustNew(condition.MustParseOperator(tc.op), "k", tc.values, tc.variables)
			assert.Equal(t, tc.want, c.HasVariables())
		})
	}
}
