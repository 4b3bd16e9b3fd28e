package condition_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/condition"
)

func TestParseOperator(t *testing.T) {
	tests := []struct {
		name string
		want condition.Operator
	}{
		{"StringEquals", condition.Operator{Base: condition.StringEquals}},
		{"StringLikeIfExists", condition.Operator{Base: condition.StringLike, IfExists: true}},
		{"ForAnyValue:StringEquals", condition.Operator{Qualifier: condition.ForAnyValue, Base: condition.StringEquals}},
		{"ForAllValues:ArnNotLikeIfExists", condition.Operator{Qualifier: condition.ForAllValues, Base: condition.ArnNotLike, IfExists: true}},
		{"NotIpAddressIfExists", condition.Operator{Base: condition.NotIpAddress, IfExists: true}},
		{"Null", condition.Operator{Base: condition.Null}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := condition.ParseOperator(tc.name)
			require.NoError(t, err)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ParseOperator(%q) mismatch (-want +got):\n%s", tc.name, diff)
			}
			assert.Equal(t, tc.name, got.String(), "String round-trips")
			assert.True(t, got.IsValid())
		})
	}
}

func TestParseOperatorRoundTripsEveryName(t *testing.T) {
	for b := condition.StringEquals; b <= condition.Null; b++ {
		for _, q := range []condition.Qualifier{condition.Single, condition.ForAnyValue, condition.ForAllValues} {
			for _, ifExists := range []bool{false, true} {
				op := condition.Operator{Qualifier: q, Base: b, IfExists: ifExists}
				got, err := condition.ParseOperator(op.String())
				if !op.IsValid() {
					assert.ErrorIs(t, err, condition.ErrUnknownOperator, "%s", op)
					continue
				}
				require.NoError(t, err, "%s", op)
				assert.Equal(t, op, got)
			}
		}
	}
}

func TestParseOperatorRejects(t *testing.T) {
	for _, name := range []string{
		"",
		"stringequals",
		"StringEquals ",
		"ForAnyValue:",
		"ForAnyValues:StringEquals",
		"forallvalues:StringEquals",
		"ForAllValues:ForAnyValue:StringEquals",
		"StringEqualsIfExistsIfExists",
		"IfExists",
		"NullIfExists",
		"ForAnyValue:Null",
		"ForAllValues:Null",
		"NumericNotLessThan",
		"BinaryNotEquals",
		"StringEqualsIgnorecase",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := condition.ParseOperator(name)
			assert.ErrorIs(t, err, condition.ErrUnknownOperator)
		})
	}
	assert.Panics(t, func() { condition.MustParseOperator("NullIfExists") })
}

func TestOperatorFamiliesAndNegation(t *testing.T) {
	negated := map[condition.Base]bool{
		condition.StringNotEquals: true, condition.StringNotEqualsIgnoreCase: true, condition.StringNotLike: true,
		condition.NumericNotEquals: true, condition.DateNotEquals: true, condition.NotIpAddress: true,
		condition.ArnNotEquals: true, condition.ArnNotLike: true,
	}
	families := map[condition.Family]int{}
	for b := condition.StringEquals; b <= condition.Null; b++ {
		assert.Equal(t, negated[b], b.Negated(), "%s", b)
		families[b.Family()]++
	}
	want := map[condition.Family]int{
		condition.FamilyString: 6, condition.FamilyNumeric: 6, condition.FamilyDate: 6, condition.FamilyBool: 1,
		condition.FamilyBinary: 1, condition.FamilyIP: 2, condition.FamilyARN: 4, condition.FamilyNull: 1,
	}
	if diff := cmp.Diff(want, families); diff != "" {
		t.Errorf("operators per family mismatch (-want +got):\n%s", diff)
	}
}

func TestOperatorNamesOfInvalidValues(t *testing.T) {
	assert.Equal(t, "Base(0)", condition.Base(0).String())
	assert.Equal(t, "Family(0)", condition.Family(0).String())
	assert.Equal(t, "Numeric", condition.FamilyNumeric.String())
	assert.Equal(t, "Qualifier(9)", condition.Qualifier(9).String())
	assert.False(t, condition.Operator{}.IsValid())
	assert.Equal(t, condition.Family(0), condition.Base(0).Family())
}
