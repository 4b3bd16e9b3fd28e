package condition

import "fmt"

// Outcome is the result of a condition test under three-valued (Kleene)
// logic. Besides true and false, a test can be indeterminate: AWS does not
// document how it evaluates the case, or the request value cannot be read.
// The zero value is False, so an Outcome that was never set grants nothing.
//
// A caller must treat an indeterminate Condition element as not matching
// for an Allow statement and as matching for a Deny statement, so that an
// unknown result never grants access and never lifts a denial.
type Outcome uint8

// The three outcomes.
const (
	False Outcome = iota
	True
	Indeterminate
)

// String returns "false", "true" or "indeterminate".
func (o Outcome) String() string {
	switch o {
	case False:
		return "false"
	case True:
		return "true"
	case Indeterminate:
		return "indeterminate"
	}
	return fmt.Sprintf("Outcome(%d)", uint8(o))
}

// And returns the Kleene conjunction of o and p: False if either is False,
// otherwise Indeterminate if either is Indeterminate, otherwise True.
func (o Outcome) And(p Outcome) Outcome {
	switch {
	case o == False || p == False:
		return False
	case o == True && p == True:
		return True
	}
	return Indeterminate
}

// Or returns the Kleene disjunction of o and p: True if either is True,
// otherwise Indeterminate if either is Indeterminate, otherwise False.
func (o Outcome) Or(p Outcome) Outcome {
	switch {
	case o == True || p == True:
		return True
	case o == False && p == False:
		return False
	}
	return Indeterminate
}

// Not returns the Kleene negation of o: True and False swap, and
// Indeterminate stays Indeterminate.
func (o Outcome) Not() Outcome {
	switch o {
	case False:
		return True
	case True:
		return False
	}
	return Indeterminate
}

// outcomeOf converts a bool into True or False.
func outcomeOf(b bool) Outcome {
	if b {
		return True
	}
	return False
}
