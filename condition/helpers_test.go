package condition_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/condition"
)

// evalCase is one condition evaluated against one request context.
type evalCase struct {
	name      string
	op        string // operator name as written in a policy
	key       string
	values    []string
	variables bool // the policy has Version 2012-10-17
	context   map[string][]string
	want      condition.Outcome
}

// Shorthands for table rows.
const (
	F = condition.False
	T = condition.True
	I = condition.Indeterminate
)

// one returns a context map with a single key holding the given values.
func one(key string, values ...string) map[string][]string {
	return map[string][]string{key: values}
}

func runEvalCases(t *testing.T, cases []evalCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			op, err := condition.ParseOperator(tc.op)
			require.NoError(t, err)
			c, err := condition.New(op, tc.key, tc.values, tc.variables)
			require.NoError(t, err)

			got := c.Eval(condition.NewContext(tc.context))
			assert.Equal(t, tc.want, got, "%s %q %q against %v", tc.op, tc.key, tc.values, tc.context)
		})
	}
}

// badValueCase is a policy value New must reject.
type badValueCase struct {
	name      string
	op        string
	values    []string
	variables bool
	index     int // index of the value the error must name
}

func runBadValueCases(t *testing.T, cases []badValueCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			op := condition.MustParseOperator(tc.op)
			c, err := condition.New(op, "k", tc.values, tc.variables)
			require.Error(t, err)
			assert.Nil(t, c)
			assert.ErrorIs(t, err, condition.ErrBadValue)

			var ve *condition.ValueError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.index, ve.Index)
			assert.Equal(t, tc.values[tc.index], ve.Value)
			assert.Equal(t, op, ve.Operator)
		})
	}
}
