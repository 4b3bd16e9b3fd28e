package condition

import (
	"fmt"
	"net/netip"
	"slices"
)

// Condition is one compiled test of a Condition element: an operator, a
// condition key and the policy's values for that key, such as
// "StringEquals": {"s3:ExistingObjectTag/data": ["a", "b"]}. Every policy
// value is parsed once, by New, for its operator. A Condition is immutable
// and safe for concurrent use.
//
// Operator, Key and Values record what New was given, for explanations and
// messages. Changing them does not change how the Condition evaluates.
type Condition struct {
	Operator Operator
	Key      string   // the key as written in the policy
	Values   []string // the policy's values as written, in order

	key       string // Key folded for lookup in a Context
	variables bool   // a value contains a policy variable
	negated   bool
	decided   bool     // false if a policy value makes every evaluation indeterminate
	literals  []string // String values that match only themselves
	patterns  []pattern
	numbers   []decimal
	dates     []instant
	bools     boolSet // Bool values, and Null's true and false
	blocks    []netip.Prefix
	binaries  []string // decoded BinaryEquals values
	arns      []arnValue
}

// New compiles the test of op on key against values. The variables flag
// makes ${...} in a value a policy variable. AWS recognizes variables only
// in policies with Version "2012-10-17", and only in the values of the
// String and Arn operators. Elsewhere ${...} is literal text.
//
// Each value must be valid for the operator's family. Numeric takes a
// decimal number, Date an ISO 8601 date or epoch seconds, Bool and Null
// "true" or "false" in any case, and BinaryEquals base64. IpAddress and
// NotIpAddress take a CIDR block or IP address. The Arn operators take "*"
// or an ARN pattern: "arn:" and at least five colons. For any other value
// New returns a *ValueError wrapping ErrBadValue. New also returns an error
// wrapping ErrBadValue when values is empty, and one wrapping
// ErrUnknownOperator when op is not valid.
//
// Two kinds of policy value are accepted but make every evaluation of the
// Condition Indeterminate, because AWS does not document their meaning: a
// date of exactly four digits (a year, or seconds since the epoch), and a
// Bool value containing ${ when variables is true.
func New(op Operator, key string, values []string, variables bool) (*Condition, error) {
	if !op.IsValid() {
		return nil, fmt.Errorf("condition: %w %q", ErrUnknownOperator, op.String())
	}
	if len(values) == 0 {
		return nil, fmt.Errorf("condition: %s on key %q has no values: %w", op, key, ErrBadValue)
	}
	c := &Condition{
		Operator: op,
		Key:      key,
		Values:   slices.Clone(values),
		key:      foldKey(key),
		negated:  op.Base.Negated(),
		decided:  true,
	}
	for i, v := range c.Values {
		if reason := c.compile(v, variables); reason != "" {
			return nil, &ValueError{Operator: op, Index: i, Value: v, Reason: reason}
		}
	}
	c.variables = c.readsVariables()
	return c, nil
}

// Tests reports whether c tests the key k.
func (c *Condition) Tests(k Key) bool { return c.key == k.folded }

// HasVariables reports whether a value of c contains a policy variable, so
// that its outcome may depend on keys other than the one it tests.
func (c *Condition) HasVariables() bool { return c.variables }

// readsVariables reports whether a compiled value of c has a policy
// variable to resolve.
func (c *Condition) readsVariables() bool {
	for _, p := range c.patterns {
		if len(p.vars) > 0 {
			return true
		}
	}
	for _, a := range c.arns {
		for _, p := range a.parts {
			if len(p.vars) > 0 {
				return true
			}
		}
	}
	return false
}

// MustNew is like New but panics on an error. It is meant for tests and
// package-level variables.
func MustNew(op Operator, key string, values []string, variables bool) *Condition {
	c, err := New(op, key, values, variables)
	if err != nil {
		panic(err)
	}
	return c
}

// compile parses one policy value for the operator's family and adds it to
// c. It returns why the value is invalid, or "" if it is valid.
func (c *Condition) compile(v string, variables bool) string {
	switch c.Operator.Base.Family() {
	case FamilyString:
		return c.compileString(v, variables)
	case FamilyNumeric:
		d, ok := parseDecimal(v)
		if !ok {
			return "not a decimal number"
		}
		c.numbers = append(c.numbers, d)
	case FamilyDate:
		return c.compileDate(v)
	case FamilyBool:
		return c.compileBool(v, variables)
	case FamilyNull:
		b, ok := parseBool(v)
		if !ok {
			return `not "true" or "false"`
		}
		c.bools.add(b)
	case FamilyBinary:
		b, ok := decodeBase64(v)
		if !ok {
			return "not base64"
		}
		c.binaries = append(c.binaries, string(b))
	case FamilyIP:
		p, reason := parseCIDR(v)
		if reason != "" {
			return reason
		}
		c.blocks = append(c.blocks, p)
	case FamilyARN:
		return c.compileARN(v, variables)
	}
	return ""
}

func (c *Condition) compileDate(v string) string {
	t, form := parseDate(v)
	switch form {
	case dateInvalid:
		return "not an ISO 8601 date or epoch seconds"
	case dateAmbiguous:
		c.decided = false
	}
	c.dates = append(c.dates, t)
	return ""
}

func (c *Condition) compileBool(v string, variables bool) string {
	if variables && containsVariable(v) {
		c.decided = false
		return ""
	}
	b, ok := parseBool(v)
	if !ok {
		return `not "true" or "false"`
	}
	c.bools.add(b)
	return ""
}
