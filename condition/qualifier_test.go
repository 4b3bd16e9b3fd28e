package condition_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/condition"
)

// sampleValues holds, for each base operator, a valid policy value, a request
// value that satisfies the operator's positive form and one that does not.
var sampleValues = map[condition.Family]struct{ policy, match, miss string }{
	condition.FamilyString:  {"a", "a", "b"},
	condition.FamilyNumeric: {"10", "10", "11"},
	condition.FamilyDate:    {"2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z"},
	condition.FamilyBool:    {"true", "true", "false"},
	condition.FamilyBinary:  {"YQ==", "YQ==", "Yg=="},
	condition.FamilyIP:      {"10.0.0.0/8", "10.1.2.3", "192.0.2.1"},
	condition.FamilyARN:     {"arn:aws:iam::111122223333:role/*", "arn:aws:iam::111122223333:role/Dev", "arn:aws:iam::444455556666:role/Dev"},
}

// sampleFor returns the sample values for b, adjusted so that "match"
// satisfies the comparison operators that are not Equals.
func sampleFor(b condition.Base) (policy, match, miss string) {
	s := sampleValues[b.Family()]
	switch b {
	case condition.NumericLessThan:
		s.match, s.miss = "9", "10"
	case condition.NumericGreaterThan:
		s.match, s.miss = "11", "10"
	case condition.DateLessThan:
		s.match, s.miss = "2019-01-01T00:00:00Z", "2020-01-01T00:00:00Z"
	case condition.DateGreaterThan:
		s.match, s.miss = "2021-01-01T00:00:00Z", "2020-01-01T00:00:00Z"
	case condition.NumericLessThanEquals:
		s.match, s.miss = "10", "11"
	case condition.NumericGreaterThanEquals:
		s.match, s.miss = "10", "9"
	case condition.DateLessThanEquals:
		s.match, s.miss = "2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z"
	case condition.DateGreaterThanEquals:
		s.match, s.miss = "2020-01-01T00:00:00Z", "2019-01-01T00:00:00Z"
	}
	return s.policy, s.match, s.miss
}

// allBases lists every base operator except Null.
func allBases() []condition.Base {
	var bases []condition.Base
	for b := condition.StringEquals; b <= condition.ArnNotLike; b++ {
		bases = append(bases, b)
	}
	return bases
}

func evalOp(t *testing.T, op condition.Operator, policy string, ctx map[string][]string) condition.Outcome {
	t.Helper()
	c, err := condition.New(op, "k", []string{policy}, true)
	require.NoError(t, err)
	return c.Eval(condition.NewContext(ctx))
}

// TestAbsentKeyEveryOperator checks the absent-key outcome of every operator
// with every qualifier and suffix.
func TestAbsentKeyEveryOperator(t *testing.T) {
	for _, b := range allBases() {
		policy, _, _ := sampleFor(b)
		for _, q := range []condition.Qualifier{condition.Single, condition.ForAnyValue, condition.ForAllValues} {
			for _, ifExists := range []bool{false, true} {
				op := condition.Operator{Qualifier: q, Base: b, IfExists: ifExists}
				var want condition.Outcome
				switch {
				case ifExists:
					want = condition.True // IfExists: absent key is true
				case q == condition.ForAllValues:
					want = condition.True // vacuously true on no values
				case q == condition.ForAnyValue:
					want = condition.False // no value to satisfy it
				case b.Negated():
					want = condition.True
				default:
					want = condition.False
				}
				t.Run(op.String()+" absent key", func(t *testing.T) {
					for name, ctx := range map[string]map[string][]string{
						"no key":          nil,
						"model: no value": {"k": {}},
						"other key":       {"other": {policy}},
					} {
						assert.Equal(t, want, evalOp(t, op, policy, ctx), name)
					}
				})
			}
		}
	}
}

// TestPresentKeyEveryOperator checks that with a present single value the
// set qualifiers and IfExists change nothing, and that a negated operator
// is the negation of its positive twin.
func TestPresentKeyEveryOperator(t *testing.T) {
	for _, b := range allBases() {
		policy, match, miss := sampleFor(b)
		wantMatch, wantMiss := condition.True, condition.False
		if b.Negated() {
			wantMatch, wantMiss = condition.False, condition.True
		}
		for _, q := range []condition.Qualifier{condition.Single, condition.ForAnyValue, condition.ForAllValues} {
			for _, ifExists := range []bool{false, true} {
				op := condition.Operator{Qualifier: q, Base: b, IfExists: ifExists}
				t.Run(op.String()+" one value", func(t *testing.T) {
					assert.Equal(t, wantMatch, evalOp(t, op, policy, one("k", match)), "request %q", match)
					assert.Equal(t, wantMiss, evalOp(t, op, policy, one("k", miss)), "request %q", miss)
				})
			}
		}
	}
}

// TestBareOperatorSeveralValues checks that an operator without a set
// qualifier on a key holding two or more values is indeterminate, whatever
// the operator and the values.
func TestBareOperatorSeveralValues(t *testing.T) {
	for _, b := range allBases() {
		policy, match, miss := sampleFor(b)
		for _, ifExists := range []bool{false, true} {
			op := condition.Operator{Base: b, IfExists: ifExists}
			t.Run("model: "+op.String()+" two values indeterminate", func(t *testing.T) {
				for _, values := range [][]string{{match, match}, {match, miss}, {miss, miss}} {
					got := evalOp(t, op, policy, one("k", values...))
					assert.Equal(t, condition.Indeterminate, got, "request %q", values)
				}
			})
		}
	}
}

func TestSetQualifiers(t *testing.T) {
	const tags = "aws:TagKeys"
	keys := func(v ...string) map[string][]string { return one(tags, v...) }
	runEvalCases(t, []evalCase{
		// ForAllValues: every request value must satisfy the operator.
		{name: "ForAllValues absent key is true", op: "ForAllValues:StringEquals", key: tags, values: []string{"env", "team"}, want: T},
		{name: "model: ForAllValues empty value list is true", op: "ForAllValues:StringEquals", key: tags, values: []string{"env", "team"}, context: keys(), want: T},
		{name: "ForAllValues every value listed is true", op: "ForAllValues:StringEquals", key: tags, values: []string{"env", "team"}, context: keys("team", "env"), want: T},
		{name: "ForAllValues one value outside the list is false", op: "ForAllValues:StringEquals", key: tags, values: []string{"env", "team"}, context: keys("env", "secret"), want: F},
		{name: "ForAllValues subset of the list is true", op: "ForAllValues:StringEquals", key: tags, values: []string{"env", "team"}, context: keys("env"), want: T},
		{name: "ForAllValues repeated request value", op: "ForAllValues:StringEquals", key: tags, values: []string{"env"}, context: keys("env", "env"), want: T},
		{name: "ForAllValues StringNotLike one key under pattern is false", op: "ForAllValues:StringNotLike", key: tags, values: []string{"key1*"}, context: keys("key1:legal"), want: F},
		{name: "ForAllValues StringNotLike all keys under pattern is false", op: "ForAllValues:StringNotLike", key: tags, values: []string{"key1*"}, context: keys("key1:hr", "key1:personnel"), want: F},
		{name: "ForAllValues StringNotLike key outside pattern is true", op: "ForAllValues:StringNotLike", key: tags, values: []string{"key1*"}, context: keys("key2:audit"), want: T},
		{name: "ForAllValues StringNotLike mixed keys is false", op: "ForAllValues:StringNotLike", key: tags, values: []string{"key1*"}, context: keys("key2:audit", "key1:hr"), want: F},
		{name: "ForAllValues StringNotLike absent key is true", op: "ForAllValues:StringNotLike", key: tags, values: []string{"key1*"}, want: T},
		{name: "ForAllValues StringNotEquals listed value is false", op: "ForAllValues:StringNotEquals", key: tags, values: []string{"admin", "root"}, context: keys("admin"), want: F},
		{name: "ForAllValues StringNotEquals unlisted values is true", op: "ForAllValues:StringNotEquals", key: tags, values: []string{"admin", "root"}, context: keys("dev", "ops"), want: T},
		{name: "ForAllValues NumericLessThan every value smaller", op: "ForAllValues:NumericLessThan", key: "k", values: []string{"10"}, context: one("k", "1", "9.5"), want: T},
		{name: "ForAllValues NumericLessThan one value too big", op: "ForAllValues:NumericLessThan", key: "k", values: []string{"10"}, context: one("k", "1", "10"), want: F},
		{name: "ForAllValues unparsable number is false", op: "ForAllValues:NumericLessThan", key: "k", values: []string{"10"}, context: one("k", "1", "x"), want: F},
		{name: "ForAllValues IpAddress all addresses inside", op: "ForAllValues:IpAddress", key: "k", values: []string{"10.0.0.0/8", "2001:db8::/32"}, context: one("k", "10.9.9.9", "2001:db8::5"), want: T},

		// ForAnyValue: at least one request value must satisfy the operator.
		{name: "ForAnyValue absent key is false", op: "ForAnyValue:StringEquals", key: tags, values: []string{"secret"}, want: F},
		{name: "model: ForAnyValue empty value list is false", op: "ForAnyValue:StringEquals", key: tags, values: []string{"secret"}, context: keys(), want: F},
		{name: "ForAnyValue one matching value is true", op: "ForAnyValue:StringEquals", key: tags, values: []string{"secret"}, context: keys("env", "secret"), want: T},
		{name: "ForAnyValue no matching value is false", op: "ForAnyValue:StringEquals", key: tags, values: []string{"secret"}, context: keys("env", "team"), want: F},
		{name: "ForAnyValue StringNotEquals one value outside list is true", op: "ForAnyValue:StringNotEquals", key: tags, values: []string{"a", "b"}, context: keys("a", "c"), want: T},
		{name: "ForAnyValue StringNotEquals all values listed is false", op: "ForAnyValue:StringNotEquals", key: tags, values: []string{"a", "b"}, context: keys("b", "a"), want: F},
		{name: "ForAnyValue StringLike one value matches", op: "ForAnyValue:StringLike", key: tags, values: []string{"team*"}, context: keys("env", "team-a"), want: T},
		{name: "ForAnyValue NotIpAddress one address outside", op: "ForAnyValue:NotIpAddress", key: "k", values: []string{"10.0.0.0/8"}, context: one("k", "10.0.0.1", "192.0.2.1"), want: T},
		{name: "ForAnyValue Bool on one-element set", op: "ForAnyValue:Bool", key: "k", values: []string{"true"}, context: one("k", "true"), want: T},

		// Qualifier with IfExists.
		{name: "model: ForAnyValue IfExists absent key is true", op: "ForAnyValue:StringEqualsIfExists", key: tags, values: []string{"x"}, want: T},
		{name: "model: ForAnyValue IfExists present key uses set rule", op: "ForAnyValue:StringEqualsIfExists", key: tags, values: []string{"x"}, context: keys("y", "z"), want: F},
		{name: "model: ForAllValues IfExists present key uses set rule", op: "ForAllValues:StringEqualsIfExists", key: tags, values: []string{"x"}, context: keys("x", "z"), want: F},

		// Several values and set semantics with indeterminate values.
		{name: "model: ForAnyValue true value outweighs unreadable date", op: "ForAnyValue:DateLessThan", key: "k", values: []string{"2020-01-01T00:00:00Z"}, context: one("k", "garbage", "2019-01-01T00:00:00Z"), want: T},
		{name: "model: ForAnyValue unreadable date with no match is indeterminate", op: "ForAnyValue:DateLessThan", key: "k", values: []string{"2020-01-01T00:00:00Z"}, context: one("k", "garbage", "2021-01-01T00:00:00Z"), want: I},
		{name: "model: ForAllValues false value outweighs unreadable date", op: "ForAllValues:DateLessThan", key: "k", values: []string{"2020-01-01T00:00:00Z"}, context: one("k", "garbage", "2021-01-01T00:00:00Z"), want: F},
		{name: "model: ForAllValues unreadable date with all others true is indeterminate", op: "ForAllValues:DateLessThan", key: "k", values: []string{"2020-01-01T00:00:00Z"}, context: one("k", "2019-01-01T00:00:00Z", "garbage"), want: I},

		// Bare operators and the number of request values.
		{name: "model: bare StringNotEquals on two values is indeterminate", op: "StringNotEquals", key: tags, values: []string{"env"}, context: keys("env", "team"), want: I},
		{name: "model: bare StringEquals on two values is indeterminate", op: "StringEquals", key: tags, values: []string{"env"}, context: keys("env", "team"), want: I},
		{name: "model: bare StringNotEquals on one equal value is false", op: "StringNotEquals", key: tags, values: []string{"env"}, context: keys("env"), want: F},
		{name: "model: bare IfExists on two values is indeterminate", op: "StringEqualsIfExists", key: tags, values: []string{"env"}, context: keys("env", "env"), want: I},
	})
}

func TestNullOperator(t *testing.T) {
	const key = "aws:TokenIssueTime"
	runEvalCases(t, []evalCase{
		{name: "Null true absent key is true", op: "Null", key: key, values: []string{"true"}, want: T},
		{name: "Null true present key is false", op: "Null", key: key, values: []string{"true"}, context: one(key, "2024-01-01T00:00:00Z"), want: F},
		{name: "Null false present key is true", op: "Null", key: key, values: []string{"false"}, context: one(key, "2024-01-01T00:00:00Z"), want: T},
		{name: "Null false absent key is false", op: "Null", key: key, values: []string{"false"}, want: F},
		{name: "model: Null value case-insensitive", op: "Null", key: key, values: []string{"TRUE"}, want: T},
		{name: "model: Null both values is always true absent", op: "Null", key: key, values: []string{"true", "false"}, want: T},
		{name: "model: Null both values is always true present", op: "Null", key: key, values: []string{"false", "true"}, context: one(key, "x"), want: T},
		{name: "model: Null empty value list is absent", op: "Null", key: key, values: []string{"true"}, context: one(key), want: T},
		{name: "model: Null empty string is present", op: "Null", key: key, values: []string{"false"}, context: one(key, ""), want: T},
		{name: "Null false on several values is true", op: "Null", key: "aws:TagKeys", values: []string{"false"}, context: one("aws:TagKeys", "a", "b"), want: T},
		{name: "Null key name case-insensitive", op: "Null", key: "AWS:tokenissuetime", values: []string{"false"}, context: one(key, "x"), want: T},
	})
}

func TestNullBadValues(t *testing.T) {
	runBadValueCases(t, []badValueCase{
		{name: "yes is not a boolean", op: "Null", values: []string{"yes"}},
		{name: "variable is not substituted", op: "Null", values: []string{"${aws:x}"}, variables: true},
		{name: "second value is checked", op: "Null", values: []string{"true", ""}, index: 1},
	})
}

func TestNewRejectsOperatorsAndEmptyLists(t *testing.T) {
	for _, op := range []condition.Operator{
		{},
		{Base: condition.Null, IfExists: true},
		{Base: condition.Null, Qualifier: condition.ForAllValues},
		{Base: condition.StringEquals, Qualifier: 9},
	} {
		t.Run(fmt.Sprintf("invalid operator %+v", op), func(t *testing.T) {
			_, err := condition.New(op, "k", []string{"true"}, false)
			assert.ErrorIs(t, err, condition.ErrUnknownOperator)
		})
	}
	t.Run("empty value list", func(t *testing.T) {
		_, err := condition.New(condition.MustParseOperator("StringNotEquals"), "k", nil, false)
		assert.ErrorIs(t, err, condition.ErrBadValue)
		var ve *condition.ValueError
		assert.False(t, errors.As(err, &ve), "no value to name")
	})
}
