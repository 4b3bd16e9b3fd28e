package condition

import (
	"errors"
	"fmt"
)

// ErrBadValue is returned, wrapped, by New for a policy value that cannot be
// parsed for its operator, such as "ten" under NumericEquals or "10.0.0.0/33"
// under IpAddress, and for a condition with no values at all.
var ErrBadValue = errors.New("invalid condition value")

// ValueError describes a policy value that New could not parse for its
// operator. It wraps ErrBadValue. The policy parser adds the JSON path of
// the value, so the message names only the operator, the value's index in
// the key's value list and its text.
type ValueError struct {
	Operator Operator
	Index    int    // position of the value in the key's list, from 0
	Value    string // the value as written in the policy
	Reason   string // what is wrong with it, such as "not a decimal number"
}

// Error returns a message such as
// `condition: invalid NumericEquals value [1] "ten": not a decimal number`.
func (e *ValueError) Error() string {
	return fmt.Sprintf("condition: invalid %s value [%d] %q: %s",
		e.Operator, e.Index, e.Value, e.Reason)
}

// Unwrap returns ErrBadValue, so errors.Is(err, ErrBadValue) holds.
func (e *ValueError) Unwrap() error { return ErrBadValue }
