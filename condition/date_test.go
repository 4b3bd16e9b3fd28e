package condition_test

import "testing"

func TestDateOperators(t *testing.T) {
	const now = "aws:CurrentTime"
	at := func(v ...string) map[string][]string { return one(now, v...) }
	runEvalCases(t, []evalCase{
		{name: "DateGreaterThan later Z time is true", op: "DateGreaterThan", key: now, values: []string{"2020-01-01T00:00:01Z"}, context: at("2024-05-01T12:00:00Z"), want: T},
		{name: "DateGreaterThan same instant is false", op: "DateGreaterThan", key: now, values: []string{"2020-01-01T00:00:00Z"}, context: at("2020-01-01T00:00:00Z"), want: F},
		{name: "DateLessThan compares instants across zones", op: "DateLessThan", key: now, values: []string{"2024-01-01T00:00:00+02:00"}, context: at("2023-12-31T23:00:00Z"), want: F},
		{name: "DateLessThan earlier across zones is true", op: "DateLessThan", key: now, values: []string{"2024-01-01T00:00:00+02:00"}, context: at("2023-12-31T21:59:59Z"), want: T},
		{name: "DateEquals same instant in two zones", op: "DateEquals", key: now, values: []string{"2024-01-01T00:00:00-05:30"}, context: at("2024-01-01T05:30:00Z"), want: T},
		{name: "DateEquals ISO and epoch forms of one instant", op: "DateEquals", key: now, values: []string{"2023-11-14T22:13:20Z"}, context: at("1700000000"), want: T},
		{name: "DateLessThan epoch seconds policy value", op: "DateLessThan", key: "aws:EpochTime", values: []string{"1700000000"}, context: one("aws:EpochTime", "1699999999"), want: T},
		{name: "DateLessThan epoch seconds equal is false", op: "DateLessThan", key: "aws:EpochTime", values: []string{"1700000000"}, context: one("aws:EpochTime", "1700000000"), want: F},
		{name: "DateEquals fractional seconds compared exactly", op: "DateEquals", key: now, values: []string{"2024-01-01T00:00:00.5Z"}, context: at("2024-01-01T00:00:00.500Z"), want: T},
		{name: "DateGreaterThan fraction beyond nanoseconds", op: "DateGreaterThan", key: now, values: []string{"2024-01-01T00:00:00.0000000001Z"}, context: at("2024-01-01T00:00:00.00000000011Z"), want: T},
		{name: "DateLessThan whole second before a fraction", op: "DateLessThan", key: now, values: []string{"2024-01-01T00:00:00.1Z"}, context: at("2024-01-01T00:00:00Z"), want: T},
		{name: "DateEquals date only is midnight UTC", op: "DateEquals", key: now, values: []string{"2020-03-01"}, context: at("2020-03-01T00:00:00Z"), want: T},
		{name: "DateEquals year and month is the first day", op: "DateEquals", key: now, values: []string{"2020-01"}, context: at("2020-01-01T00:00:00Z"), want: T},
		{name: "DateEquals minutes without seconds", op: "DateEquals", key: now, values: []string{"2020-01-01T10:30+01:00"}, context: at("2020-01-01T09:30:00Z"), want: T},
		{name: "DateLessThanEquals equal is true", op: "DateLessThanEquals", key: now, values: []string{"2020-06-30T23:59:59Z"}, context: at("2020-06-30T23:59:59Z"), want: T},
		{name: "DateGreaterThanEquals earlier is false", op: "DateGreaterThanEquals", key: now, values: []string{"2020-04-01T00:00:00Z"}, context: at("2020-03-31T23:59:59Z"), want: F},
		{name: "DateNotEquals other instant is true", op: "DateNotEquals", key: now, values: []string{"2020-04-01T00:00:00Z"}, context: at("2020-04-01T00:00:01Z"), want: T},
		{name: "DateNotEquals same instant is false", op: "DateNotEquals", key: now, values: []string{"2020-04-01T00:00:00Z"}, context: at("2020-04-01T02:00:00+02:00"), want: F},
		{name: "DateNotEquals absent key is true", op: "DateNotEquals", key: now, values: []string{"2020-04-01T00:00:00Z"}, want: T},
		{name: "DateGreaterThan absent key is false", op: "DateGreaterThan", key: "aws:TokenIssueTime", values: []string{"2020-04-01T00:00:00Z"}, want: F},
		{name: "DateLessThan leap day is valid", op: "DateLessThan", key: now, values: []string{"2024-02-29T12:00:00Z"}, context: at("2024-02-29T11:59:59Z"), want: T},
		{name: "model: DateEquals unparsable request is indeterminate", op: "DateEquals", key: now, values: []string{"2020-04-01T00:00:00Z"}, context: at("yesterday"), want: I},
		{name: "model: DateNotEquals unparsable request is indeterminate", op: "DateNotEquals", key: now, values: []string{"2020-04-01T00:00:00Z"}, context: at("yesterday"), want: I},
		{name: "model: DateEquals time without zone in request is indeterminate", op: "DateEquals", key: now, values: []string{"2020-04-01T00:00:00Z"}, context: at("2020-04-01T00:00:00"), want: I},
		{name: "model: DateEquals four-digit request is indeterminate", op: "DateEquals", key: now, values: []string{"2020-01-01"}, context: at("2020"), want: I},
		{name: "model: DateLessThan four-digit policy value is indeterminate", op: "DateLessThan", key: now, values: []string{"2030"}, context: at("2024-01-01T00:00:00Z"), want: I},
		{name: "model: four-digit policy value is indeterminate with absent key", op: "DateLessThanIfExists", key: now, values: []string{"2030"}, want: I},
		{name: "model: four-digit value makes whole list indeterminate", op: "DateLessThan", key: now, values: []string{"2030-01-01T00:00:00Z", "2030"}, context: at("2024-01-01T00:00:00Z"), want: I},
		{name: "five-digit value is epoch seconds", op: "DateEquals", key: "aws:EpochTime", values: []string{"86400"}, context: one("aws:EpochTime", "1970-01-02T00:00:00Z"), want: T},
	})
}

func TestDateBadValues(t *testing.T) {
	runBadValueCases(t, []badValueCase{
		{name: "word is not a date", op: "DateEquals", values: []string{"tomorrow"}},
		{name: "time needs a zone designator", op: "DateLessThan", values: []string{"2020-01-01T00:00:00"}},
		{name: "month thirteen is invalid", op: "DateLessThan", values: []string{"2020-13-01"}},
		{name: "february thirtieth is invalid", op: "DateLessThan", values: []string{"2021-02-29"}},
		{name: "hour twenty-four is invalid", op: "DateLessThan", values: []string{"2020-01-01T24:00:00Z"}},
		{name: "second value is checked", op: "DateGreaterThan", values: []string{"2020-01-01", "2020-01-01T00:00:00+2:00"}, index: 1},
		{name: "empty fraction is invalid", op: "DateEquals", values: []string{"2020-01-01T00:00:00.Z"}},
		{name: "lower-case zone designator is invalid", op: "DateEquals", values: []string{"2020-01-01T00:00:00z"}},
		{name: "policy variable is literal text", op: "DateEquals", values: []string{"${aws:CurrentTime}"}, variables: true},
		{name: "negative epoch is invalid", op: "DateEquals", values: []string{"-1"}},
		{name: "epoch beyond int64 is invalid", op: "DateEquals", values: []string{"99999999999999999999"}},
		{name: "trailing text after zone is invalid", op: "DateEquals", values: []string{"2020-01-01T00:00:00Zx"}},
	})
}
