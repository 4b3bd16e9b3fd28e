package policy

import (
	"fmt"
	"slices"
	"strings"

	"github.com/iameval/iameval/condition"
)

// neverApplies reports a statement that no request can match, with the
// first reason found.
func (v *validator) neverApplies(st *Statement, at path) {
	reason, rat, pos := v.neverReason(st, at)
	if reason == "" {
		return
	}
	if st.Effect == Deny {
		v.report(CodeDenyNeverApplies, rat, pos, "this Deny statement can never apply: %s", reason)
		return
	}
	v.report(CodeAllowNeverApplies, rat, pos, "this Allow statement can never apply: %s", reason)
}

// neverReason returns why no request can match the statement, with the
// path and position of the element responsible, or "".
func (v *validator) neverReason(st *Statement, at path) (string, path, Pos) {
	if i := slices.Index(st.NotAction, "*"); i >= 0 {
		return `NotAction "*" excludes every action`, v.listPath(at.member("NotAction"), st.ActionPos, i), posOf(st.ActionPos, i)
	}
	if i := slices.Index(st.NotResource, "*"); i >= 0 {
		return `NotResource "*" excludes every resource`, v.listPath(at.member("NotResource"), st.ResourcePos, i),
			posOf(st.ResourcePos, i)
	}
	if st.NotPrincipal != nil && st.NotPrincipal.Anyone() {
		return `NotPrincipal "*" excludes every principal`, at.member("NotPrincipal"), st.NotPrincipal.Pos
	}
	for i := range st.Conditions {
		c := &st.Conditions[i]
		if reason := v.conditionNeverTrue(st, c); reason != "" {
			return reason, v.conditionPath(at, c), c.KeyPos
		}
	}
	if reason, c := numericConflict(st.Conditions); reason != "" {
		return reason, v.conditionPath(at, c), c.KeyPos
	}
	return "", path{}, NoPos
}

// requiresPresent reports whether a condition is false when its key is
// absent: a positive operator without IfExists and without ForAllValues.
func requiresPresent(op condition.Operator) bool {
	return op.Base != condition.Null && !op.Base.Negated() && !op.IfExists && op.Qualifier != condition.ForAllValues
}

// conditionNeverTrue returns why one condition of the statement is false
// for every request, or "".
func (v *validator) conditionNeverTrue(st *Statement, c *Condition) string {
	if !requiresPresent(c.Operator) {
		return ""
	}
	for _, d := range st.Conditions {
		if d.Operator.Base == condition.Null && strings.EqualFold(d.Key, c.Key) &&
			len(d.Values) > 0 && !containsFold(d.Values, "false") {
			return fmt.Sprintf("Null requires %s to be absent, but %s is false when it is absent", c.Key, c.Operator)
		}
	}
	if info := v.ix.key(c.Key); info != nil && !info.global && !keyFitsActions(v.ix, info, st) {
		return fmt.Sprintf("requests for its actions never carry %s, so %s is always false", info.name, c.Operator)
	}
	return ""
}

// bound is one end of the range a set of Numeric conditions allows.
type bound struct {
	value  number
	strict bool
}

// numericConflict returns why the Numeric conditions of one key allow no
// number, and the condition that closes the range, or "".
func numericConflict(conditions []Condition) (string, *Condition) {
	for i := range conditions {
		c := &conditions[i]
		if c.Operator.Base.Family() != condition.FamilyNumeric || !plainOperator(c.Operator) {
			continue
		}
		var lo, hi *bound
		var equal []number
		for j := range conditions[:i+1] {
			d := &conditions[j]
			if !strings.EqualFold(d.Key, c.Key) || d.Operator.Base.Family() != condition.FamilyNumeric ||
				!plainOperator(d.Operator) {
				continue
			}
			lo, hi, equal = narrow(d, lo, hi, equal)
		}
		if lo != nil && hi != nil && !rangeOpen(lo, hi) || equal != nil && !slices.ContainsFunc(equal, func(x number) bool {
			return inRange(x, lo, hi)
		}) {
			return fmt.Sprintf("the Numeric conditions on %s allow no value", c.Key), c
		}
	}
	return "", nil
}

// plainOperator reports whether op has neither a set qualifier nor
// IfExists, so that it simply compares the key's one value.
func plainOperator(op condition.Operator) bool {
	return op.Qualifier == condition.Single && !op.IfExists
}

// narrow applies one Numeric condition to the allowed range. Several
// values are alternatives, so the loosest one counts.
func narrow(c *Condition, lo, hi *bound, equal []number) (*bound, *bound, []number) {
	values := make([]number, 0, len(c.Values))
	for _, s := range c.Values {
		if n, ok := parseNumber(s); ok {
			values = append(values, n)
		}
	}
	if len(values) == 0 {
		return lo, hi, equal
	}
	largest := slices.MaxFunc(values, number.Compare)
	smallest := slices.MinFunc(values, number.Compare)
	switch c.Operator.Base {
	case condition.NumericLessThan:
		hi = tighter(hi, &bound{largest, true}, -1)
	case condition.NumericLessThanEquals:
		hi = tighter(hi, &bound{largest, false}, -1)
	case condition.NumericGreaterThan:
		lo = tighter(lo, &bound{smallest, true}, 1)
	case condition.NumericGreaterThanEquals:
		lo = tighter(lo, &bound{smallest, false}, 1)
	case condition.NumericEquals:
		if equal == nil {
			return lo, hi, values
		}
		common := []number{} // not nil: an empty set of candidates allows nothing
		for _, x := range equal {
			if slices.ContainsFunc(values, func(y number) bool { return x.Compare(y) == 0 }) {
				common = append(common, x)
			}
		}
		equal = common
	}
	return lo, hi, equal
}

// tighter returns the stricter of two bounds; dir is -1 for upper bounds
// and 1 for lower bounds.
func tighter(old, b *bound, dir int) *bound {
	if old == nil {
		return b
	}
	switch cmp := b.value.Compare(old.value) * dir; {
	case cmp > 0:
		return b
	case cmp == 0 && b.strict:
		return b
	}
	return old
}

// rangeOpen reports whether some number lies between the bounds.
func rangeOpen(lo, hi *bound) bool {
	cmp := lo.value.Compare(hi.value)
	return cmp < 0 || cmp == 0 && !lo.strict && !hi.strict
}

// inRange reports whether x lies within the bounds; a nil bound is no
// limit.
func inRange(x number, lo, hi *bound) bool {
	if lo != nil {
		if cmp := x.Compare(lo.value); cmp < 0 || cmp == 0 && lo.strict {
			return false
		}
	}
	if hi != nil {
		if cmp := x.Compare(hi.value); cmp > 0 || cmp == 0 && hi.strict {
			return false
		}
	}
	return true
}

// number is an exact decimal, compared as the Numeric operators compare
// values.
type number = condition.Decimal

// parseNumber parses the values Numeric operators compare, such as 10,
// -3.25 or 1.5E3.
func parseNumber(s string) (number, bool) {
	return condition.ParseDecimal(s)
}
