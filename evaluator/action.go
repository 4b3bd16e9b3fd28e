package evaluator

import (
	"slices"
	"strings"

	"github.com/iameval/iameval/arn"
)

// actionPattern is one value of Action or NotAction, in lower case.
type actionPattern struct {
	text    string
	kind    matchKind
	literal string
}

func newActionPattern(text string) actionPattern {
	lower := strings.ToLower(text)
	kind, literal := classify(lower)
	return actionPattern{text: lower, kind: kind, literal: literal}
}

// matches reports whether the request action matches the pattern. Action
// names ignore case.
func (a *actionPattern) matches(action string) bool {
	if a.kind == matchExact {
		return strings.EqualFold(a.text, action)
	}
	return arn.MatchFold(a.text, action)
}

// matchesLower is like matches, given also the action in lower case as
// bytes (plain ASCII), which a caller can keep on the stack. Comparing a
// converted byte slice does not allocate.
func (a *actionPattern) matchesLower(lower []byte, action string) bool {
	switch a.kind {
	case matchExact:
		return string(lower) == a.literal
	case matchPrefix:
		return len(lower) >= len(a.literal) && string(lower[:len(a.literal)]) == a.literal
	case matchAll:
		return true
	}
	return arn.MatchFold(a.text, action)
}

// coversAll reports whether the set contains "*", which matches every
// action.
func (s *actionSet) coversAll() bool {
	for _, a := range s.patterns[:s.anyService] {
		if a.kind == matchAll {
			return true
		}
	}
	return false
}

// coversService reports whether the set contains "SERVICE:*" for service,
// a lower-case service prefix, so that it matches every action of service.
func (s *actionSet) coversService(service string) bool {
	for _, a := range s.patterns {
		if a.kind == matchPrefix && len(a.literal) == len(service)+1 &&
			strings.HasPrefix(a.literal, service) && a.literal[len(service)] == ':' {
			return true
		}
	}
	return false
}

// serviceOf returns the service prefix of a lower-case action pattern,
// and false when the pattern may match actions of any service: "*", text
// without a colon, and a prefix holding a wildcard or a byte outside
// ASCII. Under Unicode case folding a character outside ASCII can match
// an ASCII one (the Kelvin sign matches 'k'), so such a prefix cannot be
// compared with the request's service byte for byte.
func serviceOf(pattern string) (string, bool) {
	service, _, ok := strings.Cut(pattern, ":")
	if !ok {
		return "", false
	}
	for i := 0; i < len(service); i++ {
		if c := service[i]; c == '*' || c == '?' || c >= 0x80 {
			return "", false
		}
	}
	return service, true
}

// actionSet is the compiled Action or NotAction element of a statement.
// Its patterns are grouped by the service prefix they name, so that a
// statement listing thousands of actions, as AWS managed policies such as
// ReadOnlyAccess do, is matched against a request by comparing only the
// patterns of the request's service.
type actionSet struct {
	// patterns holds first the patterns that may match any service (see
	// serviceOf), then the others ordered by service.
	patterns   []actionPattern
	anyService int
	services   []serviceSpan // ordered by name
}

// serviceSpan locates the patterns of one service in actionSet.patterns:
// those with wildcards from start, in document order, then from exact
// the patterns without, ordered by text for a binary search.
type serviceSpan struct {
	name              string
	start, exact, end int32
}

func newActionSet(texts []string) actionSet {
	type keyed struct {
		service string
		any     bool
		pattern actionPattern
	}
	items := make([]keyed, len(texts))
	for i, t := range texts {
		p := newActionPattern(t)
		service, ok := serviceOf(p.text)
		items[i] = keyed{service: service, any: !ok, pattern: p}
	}
	// A stable sort keeps the patterns with wildcards of one service in
	// document order.
	slices.SortStableFunc(items, func(a, b keyed) int {
		switch {
		case a.any != b.any && a.any:
			return -1
		case a.any != b.any:
			return 1
		case a.service != b.service:
			return strings.Compare(a.service, b.service)
		}
		aExact, bExact := a.pattern.kind == matchExact, b.pattern.kind == matchExact
		switch {
		case aExact != bExact && aExact:
			return 1
		case aExact != bExact:
			return -1
		case aExact:
			return strings.Compare(a.pattern.literal, b.pattern.literal)
		}
		return 0
	})

	set := actionSet{patterns: make([]actionPattern, len(items))}
	for i, it := range items {
		set.patterns[i] = it.pattern
		n := int32(i)
		switch {
		case it.any:
			set.anyService = i + 1
		case len(set.services) == 0 || set.services[len(set.services)-1].name != it.service:
			set.services = append(set.services, serviceSpan{name: it.service, start: n, exact: n, end: n})
		}
		if !it.any {
			last := &set.services[len(set.services)-1]
			if last.end++; it.pattern.kind != matchExact {
				last.exact = last.end
			}
		}
	}
	return set
}

// matches reports whether one of the patterns matches action, in any
// case. It compares every pattern.
func (s *actionSet) matches(action string) bool {
	for i := range s.patterns {
		if s.patterns[i].matches(action) {
			return true
		}
	}
	return false
}

// matchesLower is like matches, given also the action in lower case as
// plain ASCII bytes, whose first serviceLen bytes are its service prefix.
// It compares only the patterns that may match that service.
func (s *actionSet) matchesLower(lower []byte, serviceLen int, action string) bool {
	for i := range s.anyService {
		if s.patterns[i].matchesLower(lower, action) {
			return true
		}
	}
	span := s.span(lower[:serviceLen])
	if span == nil {
		return false
	}
	for i := span.start; i < span.exact; i++ {
		if s.patterns[i].matchesLower(lower, action) {
			return true
		}
	}
	// A binary search written out, because passing lower to a generic
	// search would move the caller's buffer to the heap.
	lo, hi := span.exact, span.end
	for lo < hi {
		mid := int32(uint32(lo+hi) >> 1)
		if s.patterns[mid].literal < string(lower) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo < span.end && s.patterns[lo].literal == string(lower)
}

// span returns the patterns of service, or nil. Converting the byte slice
// for the comparisons does not allocate.
func (s *actionSet) span(service []byte) *serviceSpan {
	spans := s.services
	for len(spans) > 4 {
		mid := len(spans) / 2
		if string(service) < spans[mid].name {
			spans = spans[:mid]
		} else {
			spans = spans[mid:]
		}
	}
	for i := range spans {
		if spans[i].name == string(service) {
			return &spans[i]
		}
	}
	return nil
}
