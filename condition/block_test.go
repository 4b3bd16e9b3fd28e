package condition_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/condition"
)

func mustNew(t testing.TB, op, key string, values ...string) *condition.Condition {
	t.Helper()
	c, err := condition.New(condition.MustParseOperator(op), key, values, true)
	require.NoError(t, err)
	return c
}

func TestBlockEval(t *testing.T) {
	var (
		isTrue  = mustNew(t, "StringEquals", "k", "a")          // true for k=a
		isFalse = mustNew(t, "StringEquals", "k", "b")          // false for k=a
		unknown = mustNew(t, "StringEquals", "multi", "x")      // indeterminate: two values
		keyTwo  = mustNew(t, "NumericLessThan", "n", "5")       // true for n=1
		other   = mustNew(t, "IpAddress", "aws:SourceIp", "::") // false: key absent
		keyFail = mustNew(t, "StringEquals", "n", "2")          // false for n=1
	)
	ctx := condition.NewContext(map[string][]string{
		"k":     {"a"},
		"multi": {"x", "y"},
		"n":     {"1"},
	})
	tests := []struct {
		name  string
		block condition.Block
		want  condition.Outcome
	}{
		{"empty block is true", nil, T},
		{"all conditions true", condition.Block{isTrue, keyTwo}, T},
		{"operators are AND-ed", condition.Block{isTrue, other}, F},
		{"keys under one operator are AND-ed", condition.Block{isTrue, keyFail}, F},
		{"two tests of one key are AND-ed", condition.Block{isTrue, isFalse}, F},
		{"model: false AND indeterminate is false", condition.Block{unknown, isFalse}, F},
		{"model: indeterminate AND false is false", condition.Block{isFalse, unknown}, F},
		{"model: true AND indeterminate is indeterminate", condition.Block{isTrue, unknown}, I},
		{"model: indeterminate alone is indeterminate", condition.Block{unknown}, I},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.block.Eval(ctx))
		})
	}
}

func TestConditionRecordsPolicyText(t *testing.T) {
	values := []string{"10", "20.5"}
	c := mustNew(t, "ForAnyValue:NumericLessThanIfExists", "S3:Max-Keys", values...)
	values[0] = "changed"

	assert.Equal(t, condition.MustParseOperator("ForAnyValue:NumericLessThanIfExists"), c.Operator)
	assert.Equal(t, "S3:Max-Keys", c.Key)
	assert.Equal(t, []string{"10", "20.5"}, c.Values, "New copies the values")
}

func TestEvalValueExplainsEachRequestValue(t *testing.T) {
	c := mustNew(t, "ForAllValues:StringLike", "aws:TagKeys", "env*", "team")
	ctx := condition.NewContext(map[string][]string{"aws:TagKeys": {"env-x", "secret", "team"}})
	require.Equal(t, condition.False, c.Eval(ctx))

	values, _ := ctx.Get(c.Key)
	var failed []string
	for _, v := range values {
		if c.EvalValue(ctx, v) != condition.True {
			failed = append(failed, v)
		}
	}
	assert.Equal(t, []string{"secret"}, failed)
}

func TestEvalValueNegatedAndNull(t *testing.T) {
	notEquals := mustNew(t, "StringNotEquals", "k", "a", "b")
	assert.Equal(t, condition.False, notEquals.EvalValue(nil, "a"), "listed value")
	assert.Equal(t, condition.True, notEquals.EvalValue(nil, "c"), "unlisted value")

	nullFalse := mustNew(t, "Null", "k", "false")
	assert.Equal(t, condition.True, nullFalse.EvalValue(nil, "any"), "a value satisfies Null false")
	nullTrue := mustNew(t, "Null", "k", "true")
	assert.Equal(t, condition.False, nullTrue.EvalValue(nil, "any"), "a value fails Null true")

	fourDigits := mustNew(t, "DateEquals", "k", "2024")
	assert.Equal(t, condition.Indeterminate, fourDigits.EvalValue(nil, "2024-01-01T00:00:00Z"))
}

func TestEvalNilContext(t *testing.T) {
	assert.Equal(t, condition.False, mustNew(t, "StringEquals", "k", "a").Eval(nil))
	assert.Equal(t, condition.True, mustNew(t, "StringNotEquals", "k", "a").Eval(nil))
	assert.Equal(t, condition.True, mustNew(t, "Null", "k", "true").Eval(nil))
}

func TestMustNewPanicsOnBadValue(t *testing.T) {
	assert.Panics(t, func() {
		condition.MustNew(condition.MustParseOperator("NumericEquals"), "k", []string{"x"}, false)
	})
}

func TestValueErrorMessage(t *testing.T) {
	_, err := condition.New(condition.MustParseOperator("NumericEquals"), "k", []string{"1", "ten"}, false)
	require.Error(t, err)
	assert.Equal(t, `condition: invalid NumericEquals value [1] "ten": not a decimal number`, err.Error())
}

func TestEvalConcurrently(t *testing.T) {
	block := condition.Block{
		mustNew(t, "StringLike", "s3:prefix", "home/${aws:username}/*"),
		mustNew(t, "ForAllValues:StringEquals", "aws:TagKeys", "env", "team"),
	}
	base := condition.NewContext(map[string][]string{
		"aws:username": {"alice"},
		"aws:TagKeys":  {"env"},
	})
	done := make(chan condition.Outcome)
	for range 8 {
		go func() {
			withPrefix := base.With("S3:Prefix", "home/alice/x")
			done <- block.Eval(withPrefix)
		}()
	}
	for range 8 {
		assert.Equal(t, condition.True, <-done)
	}
}
