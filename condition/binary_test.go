package condition_test

import "testing"

func TestBinaryEqualsOperator(t *testing.T) {
	const key = "k"
	runEvalCases(t, []evalCase{
		{name: "BinaryEquals same base64 text", op: "BinaryEquals", key: key, values: []string{"QmluYXJ5VmFsdWU="}, context: one(key, "QmluYXJ5VmFsdWU="), want: T},
		{name: "BinaryEquals request without padding", op: "BinaryEquals", key: key, values: []string{"QmluYXJ5VmFsdWU="}, context: one(key, "QmluYXJ5VmFsdWU"), want: T},
		{name: "BinaryEquals policy without padding", op: "BinaryEquals", key: key, values: []string{"YQ"}, context: one(key, "YQ=="), want: T},
		{name: "BinaryEquals different bytes", op: "BinaryEquals", key: key, values: []string{"YQ=="}, context: one(key, "Yg=="), want: F},
		{name: "BinaryEquals longer request", op: "BinaryEquals", key: key, values: []string{"YQ=="}, context: one(key, "YWI="), want: F},
		{name: "BinaryEquals invalid request base64 is false", op: "BinaryEquals", key: key, values: []string{"YQ=="}, context: one(key, "Y!=="), want: F},
		{name: "BinaryEquals request of impossible length is false", op: "BinaryEquals", key: key, values: []string{"YWJj"}, context: one(key, "YWJjZ"), want: F},
		{name: "BinaryEquals empty value equals empty", op: "BinaryEquals", key: key, values: []string{""}, context: one(key, ""), want: T},
		{name: "BinaryEquals any of several values", op: "BinaryEquals", key: key, values: []string{"YQ==", "Yg=="}, context: one(key, "Yg"), want: T},
		{name: "BinaryEquals compares bytes not text", op: "BinaryEquals", key: key, values: []string{"/+8="}, context: one(key, "/+8"), want: T},
		{name: "BinaryEquals absent key is false", op: "BinaryEquals", key: key, values: []string{"YQ=="}, want: F},
		{name: "BinaryEqualsIfExists absent key is true", op: "BinaryEqualsIfExists", key: key, values: []string{"YQ=="}, want: T},
	})
}

func TestBinaryBadValues(t *testing.T) {
	runBadValueCases(t, []badValueCase{
		{name: "character outside alphabet", op: "BinaryEquals", values: []string{"a-b_"}},
		{name: "impossible length", op: "BinaryEquals", values: []string{"YWJjZ"}},
		{name: "three padding characters", op: "BinaryEquals", values: []string{"YQ==="}},
		{name: "second value is checked", op: "BinaryEquals", values: []string{"YQ==", "*"}, index: 1},
	})
}
