package condition

import "strings"

// parseBool reads "true" or "false" in any case, the only values the Bool
// and Null operators compare.
func parseBool(s string) (value, ok bool) {
	switch {
	case s == "true":
		return true, true
	case s == "false":
		return false, true
	case strings.EqualFold(s, "true"):
		return true, true
	case strings.EqualFold(s, "false"):
		return false, true
	}
	return false, false
}

// boolSet records which of true and false a Bool or Null condition lists.
type boolSet struct {
	hasTrue, hasFalse bool
}

func (s *boolSet) add(b bool) {
	if b {
		s.hasTrue = true
	} else {
		s.hasFalse = true
	}
}

func (s boolSet) contains(b bool) bool {
	if b {
		return s.hasTrue
	}
	return s.hasFalse
}

// matchBool reports whether the request value is "true" or "false", in any
// case, and listed in the policy. Any other request value matches nothing.
func (s boolSet) matchBool(value string) bool {
	b, ok := parseBool(value)
	return ok && s.contains(b)
}
