package condition_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/iameval/iameval/condition"
)

func TestOutcomeKleeneLogic(t *testing.T) {
	all := []condition.Outcome{F, T, I}
	// Truth tables of three-valued logic, indexed [a][b].
	and := [3][3]condition.Outcome{
		F: {F: F, T: F, I: F},
		T: {F: F, T: T, I: I},
		I: {F: F, T: I, I: I},
	}
	or := [3][3]condition.Outcome{
		F: {F: F, T: T, I: I},
		T: {F: T, T: T, I: T},
		I: {F: I, T: T, I: I},
	}
	not := [3]condition.Outcome{F: T, T: F, I: I}
	for _, a := range all {
		assert.Equal(t, not[a], a.Not(), "not %s", a)
		for _, b := range all {
			assert.Equal(t, and[a][b], a.And(b), "%s and %s", a, b)
			assert.Equal(t, or[a][b], a.Or(b), "%s or %s", a, b)
		}
	}
}

func TestOutcomeString(t *testing.T) {
	assert.Equal(t, "false", F.String())
	assert.Equal(t, "true", T.String())
	assert.Equal(t, "indeterminate", I.String())
	assert.Equal(t, "Outcome(7)", condition.Outcome(7).String())
}

func TestOutcomeZeroValueIsFalse(t *testing.T) {
	var o condition.Outcome
	assert.Equal(t, condition.False, o)
}
