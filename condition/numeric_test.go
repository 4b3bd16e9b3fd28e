package condition_test

import "testing"

func TestNumericOperators(t *testing.T) {
	const key = "s3:max-keys"
	n := func(v ...string) map[string][]string { return one(key, v...) }
	runEvalCases(t, []evalCase{
		{name: "NumericEquals integer and decimal are equal", op: "NumericEquals", key: key, values: []string{"10"}, context: n("10.0"), want: T},
		{name: "NumericEquals decimal policy integer request", op: "NumericEquals", key: key, values: []string{"10.000"}, context: n("10"), want: T},
		{name: "NumericEquals leading zeros", op: "NumericEquals", key: key, values: []string{"10"}, context: n("0010"), want: T},
		{name: "NumericEquals exponent form", op: "NumericEquals", key: key, values: []string{"1.5e3"}, context: n("1500"), want: T},
		{name: "NumericEquals negative zero is zero", op: "NumericEquals", key: key, values: []string{"0"}, context: n("-0.0"), want: T},
		{name: "NumericEquals no float rounding", op: "NumericEquals", key: key, values: []string{"9007199254740993"}, context: n("9007199254740992"), want: F},
		{name: "NumericEquals tiny difference in decimals", op: "NumericEquals", key: key, values: []string{"0.1"}, context: n("0.10000000000000000001"), want: F},
		{name: "NumericEquals several values are OR-ed", op: "NumericEquals", key: key, values: []string{"5", "10"}, context: n("10"), want: T},
		{name: "NumericEquals unparsable request is false", op: "NumericEquals", key: key, values: []string{"10"}, context: n("ten"), want: F},
		{name: "NumericEquals request with spaces is unparsable", op: "NumericEquals", key: key, values: []string{"10"}, context: n(" 10"), want: F},
		{name: "NumericEquals absent key is false", op: "NumericEquals", key: key, values: []string{"10"}, want: F},
		{name: "NumericNotEquals equal value is false", op: "NumericNotEquals", key: key, values: []string{"10"}, context: n("10.0"), want: F},
		{name: "NumericNotEquals other value is true", op: "NumericNotEquals", key: key, values: []string{"10"}, context: n("11"), want: T},
		{name: "NumericNotEquals must differ from every value", op: "NumericNotEquals", key: key, values: []string{"5", "10"}, context: n("5"), want: F},
		{name: "NumericNotEquals unparsable request is true", op: "NumericNotEquals", key: key, values: []string{"10"}, context: n("ten"), want: T},
		{name: "NumericNotEquals absent key is true", op: "NumericNotEquals", key: key, values: []string{"10"}, want: T},
		{name: "NumericLessThan smaller is true", op: "NumericLessThan", key: key, values: []string{"10"}, context: n("9.999"), want: T},
		{name: "NumericLessThan equal is false", op: "NumericLessThan", key: key, values: []string{"10"}, context: n("10"), want: F},
		{name: "NumericLessThan negative numbers", op: "NumericLessThan", key: key, values: []string{"-2"}, context: n("-3"), want: T},
		{name: "NumericLessThan absent key is false", op: "NumericLessThan", key: key, values: []string{"10"}, want: F},
		{name: "NumericLessThanEquals boundary value is true", op: "NumericLessThanEquals", key: key, values: []string{"10"}, context: n("10"), want: T},
		{name: "NumericLessThanEquals greater is false", op: "NumericLessThanEquals", key: key, values: []string{"10"}, context: n("10.5"), want: F},
		{name: "NumericGreaterThan greater is true", op: "NumericGreaterThan", key: key, values: []string{"10"}, context: n("100"), want: T},
		{name: "NumericGreaterThan equal is false", op: "NumericGreaterThan", key: key, values: []string{"10"}, context: n("10.00"), want: F},
		{name: "NumericGreaterThan fraction beyond float precision", op: "NumericGreaterThan", key: key, values: []string{"1"}, context: n("1.0000000000000000000001"), want: T},
		{name: "NumericGreaterThan unparsable request is false", op: "NumericGreaterThan", key: key, values: []string{"1"}, context: n("NaN"), want: F},
		{name: "NumericGreaterThanEquals equal is true", op: "NumericGreaterThanEquals", key: key, values: []string{"1e1"}, context: n("10"), want: T},
		{name: "NumericGreaterThanEquals smaller is false", op: "NumericGreaterThanEquals", key: key, values: []string{"10"}, context: n("-10"), want: F},
		{name: "NumericLessThan on epoch time key", op: "NumericLessThan", key: "aws:EpochTime", values: []string{"1700000000"}, context: one("aws:EpochTime", "1699999999"), want: T},
		{name: "NumericGreaterThan any of several values", op: "NumericGreaterThan", key: key, values: []string{"100", "5"}, context: n("50"), want: T},
	})
}

func TestNumericBadValues(t *testing.T) {
	runBadValueCases(t, []badValueCase{
		{name: "word is not a number", op: "NumericEquals", values: []string{"ten"}},
		{name: "second value is checked", op: "NumericLessThan", values: []string{"1", "1.2.3"}, index: 1},
		{name: "empty text is not a number", op: "NumericEquals", values: []string{""}},
		{name: "policy variable is literal text", op: "NumericEquals", values: []string{"${aws:MaxKeys}"}, variables: true},
		{name: "hexadecimal is not accepted", op: "NumericEquals", values: []string{"0x10"}},
		{name: "infinity is not accepted", op: "NumericGreaterThan", values: []string{"Infinity"}},
		{name: "wildcard is not accepted", op: "NumericEquals", values: []string{"1*"}},
		{name: "huge exponent is rejected", op: "NumericEquals", values: []string{"1e99999999999"}},
	})
}
