package fuzz

import (
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/iameval/iameval/condition"
)

// FuzzConditionOperator checks condition.ParseOperator against the
// reference grammar: an optional "ForAnyValue:" or "ForAllValues:" prefix,
// a base operator in its exact spelling, an optional "IfExists" suffix,
// and neither on Null. An accepted name must format back to itself.
func FuzzConditionOperator(f *testing.F) {
	f.Add("ForAnyValue:StringLikeIfExists")
	f.Fuzz(func(t *testing.T, name string) {
		op, err := condition.ParseOperator(name)
		want, ok := parseRefOperator(name)
		if (err == nil) != ok {
			t.Fatalf("ParseOperator(%q) error = %v, reference says valid = %v", name, err, ok)
		}
		if err != nil {
			if !errors.Is(err, condition.ErrUnknownOperator) {
				t.Fatalf("ParseOperator(%q) error does not wrap ErrUnknownOperator: %v", name, err)
			}
			return
		}
		if !op.IsValid() {
			t.Fatalf("ParseOperator(%q) = %+v, which IsValid rejects", name, op)
		}
		if op.String() != name {
			t.Fatalf("ParseOperator(%q).String() = %q", name, op.String())
		}
		got := refOperator{qualifier: op.Qualifier.String(), base: op.Base.String(), ifExists: op.IfExists}
		if got != want {
			t.Fatalf("ParseOperator(%q) = %+v, reference says %+v", name, got, want)
		}
		if family := refBases[want.base]; op.Base.Family().String() != family {
			t.Fatalf("%s is in family %s, reference says %s", name, op.Base.Family(), family)
		}
		if op.Base.Negated() != refNegated[want.base] {
			t.Fatalf("%s Negated() = %v, reference says %v", name, op.Base.Negated(), refNegated[want.base])
		}
	})
}

// conditionOperators lists every operator name: each base operator with
// and without a set qualifier and IfExists, where allowed.
func conditionOperators() []string {
	var names []string
	for base := range refBases {
		names = append(names, base)
		if base == "Null" {
			continue
		}
		names = append(names, base+"IfExists")
		for _, q := range []string{"ForAnyValue:", "ForAllValues:"} {
			names = append(names, q+base, q+base+"IfExists")
		}
	}
	sort.Strings(names)
	return names
}

// FuzzConditionEval checks condition.Condition.Eval against the
// reference's Condition element. The policy values are the NUL-separated
// parts of one input. The request values of key "k" are those of another,
// and an empty input leaves the key absent. Other keys hold values for
// policy variables.
func FuzzConditionEval(f *testing.F) {
	f.Add(uint8(0), "a*", "abc", true)
	operators := conditionOperators()
	f.Fuzz(func(t *testing.T, opIndex uint8, policyValues, requestValues string, variables bool) {
		name := operators[int(opIndex)%len(operators)]
		op := condition.MustParseOperator(name)
		values := strings.Split(policyValues, "\x00")
		c, err := condition.New(op, "k", values, variables)
		if err != nil {
			return // a value the operator cannot read: policy.Parse rejects it
		}
		m := map[string][]string{"aws:username": {"alice"}, "multi": {"a", "b"}}
		if requestValues != "" {
			m["k"] = strings.Split(requestValues, "\x00")
		}
		if refBases[op.Base.String()] == "Numeric" &&
			slices.ContainsFunc(append(slices.Clone(values), m["k"]...), hugeExponent) {
			t.Skip("a number beyond the reference's range")
		}
		got := c.Eval(condition.NewContext(m))

		refOp, ok := parseRefOperator(name)
		if !ok {
			t.Fatalf("reference rejects operator %q", name)
		}
		lookup := func(key string) ([]string, bool) {
			v := m[strings.ToLower(key)]
			return v, len(v) > 0
		}
		want := refCondition{op: refOp, key: "k", values: values, variables: variables}.eval(lookup)
		if got.String() != want.String() {
			t.Fatalf("%s {k: %q} (variables %v) on %q = %s, reference says %s",
				name, values, variables, m["k"], got, want)
		}
	})
}
