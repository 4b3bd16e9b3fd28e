package condition_test

import "testing"

func TestBoolOperator(t *testing.T) {
	const mfa = "aws:MultiFactorAuthPresent"
	runEvalCases(t, []evalCase{
		{name: "Bool true matches true", op: "Bool", key: "aws:SecureTransport", values: []string{"true"}, context: one("aws:SecureTransport", "true"), want: T},
		{name: "Bool true does not match false", op: "Bool", key: "aws:SecureTransport", values: []string{"true"}, context: one("aws:SecureTransport", "false"), want: F},
		{name: "model: Bool policy value case-insensitive", op: "Bool", key: "aws:SecureTransport", values: []string{"TRUE"}, context: one("aws:SecureTransport", "true"), want: T},
		{name: "model: Bool request value case-insensitive", op: "Bool", key: "aws:SecureTransport", values: []string{"false"}, context: one("aws:SecureTransport", "False"), want: T},
		{name: "model: Bool other request value never matches", op: "Bool", key: "k", values: []string{"true", "false"}, context: one("k", "yes"), want: F},
		{name: "model: Bool empty request value never matches", op: "Bool", key: "k", values: []string{"false"}, context: one("k", ""), want: F},
		{name: "Bool absent MFA key is false", op: "Bool", key: mfa, values: []string{"false"}, want: F},
		{name: "BoolIfExists absent MFA key is true", op: "BoolIfExists", key: mfa, values: []string{"false"}, want: T},
		{name: "BoolIfExists present true does not match false", op: "BoolIfExists", key: mfa, values: []string{"false"}, context: one(mfa, "true"), want: F},
		{name: "model: Bool with policy variable is indeterminate", op: "Bool", key: mfa, values: []string{"${aws:SecureTransport}"}, variables: true, context: one(mfa, "true"), want: I},
		{name: "model: Bool with policy variable and absent key is indeterminate", op: "Bool", key: mfa, values: []string{"${aws:SecureTransport}"}, variables: true, want: I},
	})
}

func TestBoolBadValues(t *testing.T) {
	runBadValueCases(t, []badValueCase{
		{name: "yes is not a boolean", op: "Bool", values: []string{"yes"}},
		{name: "digit one is not a boolean", op: "Bool", values: []string{"true", "1"}, index: 1},
		{name: "variable text without variables is literal", op: "Bool", values: []string{"${aws:SecureTransport}"}},
	})
}
