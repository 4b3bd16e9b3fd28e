package policy

import (
	"fmt"
	"unicode/utf8"
)

// Check returns nil when p is a policy that Parse could have returned, and
// otherwise an error naming the element that breaks the grammar. Call it
// on a Policy built or changed in code before using it, because the
// fields of Policy and Statement accept values that no document can hold,
// such as the zero Effect or the action "s3 GetObject".
//
// For a *Policy returned by Parse or filled in by UnmarshalJSON, Check
// returns nil in constant time: it trusts such a policy, so its
// statements must not be modified (see Policy). For any other policy it
// writes p with MarshalJSON, parses the output and compares the result
// with p using Policy.Equal, which costs about as much as parsing the
// document. A policy that does not read back unchanged is rejected. One
// example is a string that is not UTF-8 text. Another is a list of
// conditions in which those of one operator are not next to each other,
// because Parse returns the keys of one operator together.
//
// Check ignores positions and Limits, which bound the cost of parsing
// text rather than what a policy may contain. A policy built in code may so
// hold more wildcards per pattern than DefaultMaxWildcards, and a program
// that turns untrusted input into policies should parse it with Limits
// instead of building the AST itself. Every error is a *ParseError
// with the JSON path of the offending element and no position, wrapping
// the Err variable Parse returns for that element, or ErrBadValue for a
// policy that changes in the round trip. A nil p gives ErrWrongType, as
// the document null does.
func (p *Policy) Check() error {
	if p == nil {
		return &ParseError{Err: ErrWrongType, msg: "nil *Policy; parse a document or build a Policy value"}
	}
	if p.parsed.matches(p) {
		return nil
	}

	if err := checkWildcards(p); err != nil {
		return err
	}
	q, err := unlimited.Parse(appendPolicy(nil, p))
	if err != nil {
		return withoutPositions(err)
	}
	if !p.Equal(q) {
		return roundTripError(p)
	}
	return nil
}

// parsedMark identifies a *Policy returned by Parse: its address and the
// top-level fields it was returned with. A copy of the Policy value, or a
// policy whose Version, ID or Statements were reassigned, no longer
// matches, so Check verifies it in full. Statements changed in place are
// not detected.
type parsedMark struct {
	self        *Policy
	version, id string
	statements  []Statement
}

// markParsed records p as returned by Parse. It must be called before p
// is shared.
func (p *Policy) markParsed() {
	p.parsed = parsedMark{self: p, version: p.Version, id: p.ID, statements: p.Statements}
}

func (m *parsedMark) matches(p *Policy) bool {
	return m.self == p && m.version == p.Version && m.id == p.ID &&
		len(m.statements) == len(p.Statements) &&
		(len(p.Statements) == 0 || &m.statements[0] == &p.Statements[0])
}

// roundTripError explains why p, which MarshalJSON writes and Parse reads
// without error, reads back as a different policy.
func roundTripError(p *Policy) *ParseError {
	if at, s, ok := firstInvalidText(p); ok {
		return &ParseError{Path: at.String(), Err: ErrBadValue, msg: fmt.Sprintf(
			"%q is not UTF-8 text, so its JSON form reads back with U+FFFD in place of the invalid bytes", s)}
	}
	if at, ok := firstSplitOperator(p); ok {
		return &ParseError{Path: at.String(), Err: ErrBadValue, msg: fmt.Sprintf(
			"the %s conditions are not next to each other; Parse returns the keys of one operator together, "+
				"so move this condition after the other %s conditions", at.group, at.group)}
	}
	// NOTE: no policy is known to get here. The two checks above cover
	// every difference between the Policy fields and their JSON form that
	// Policy.Equal compares.
	return &ParseError{Err: ErrBadValue, msg: "the policy changes when written with MarshalJSON and parsed again"}
}

// firstInvalidText returns the path and text of the first string of p,
// in document order, that is not valid UTF-8.
func firstInvalidText(p *Policy) (path, string, bool) {
	if !utf8.ValidString(p.ID) {
		return documentPath.member("Id"), p.ID, true
	}
	for i := range p.Statements {
		if at, s, ok := invalidStatementText(i, &p.Statements[i]); ok {
			return at, s, true
		}
	}
	return path{}, "", false
}

func invalidStatementText(i int, st *Statement) (path, string, bool) {
	at := statementPath(i, false)
	if !utf8.ValidString(st.Sid) {
		return at.member("Sid"), st.Sid, true
	}
	for _, pr := range [...]struct {
		name string
		p    *Principal
	}{{"Principal", st.Principal}, {"NotPrincipal", st.NotPrincipal}} {
		if pr.p == nil {
			continue
		}
		for t, values := range [...][]string{pr.p.AWS, pr.p.Service, pr.p.Federated, pr.p.CanonicalUser} {
			if j, ok := invalidItem(values); ok {
				return at.member(pr.name).member(principalTypes[t]).item(j), values[j], true
			}
		}
	}
	for _, list := range [...]struct {
		name   string
		values []string
	}{{"Action", st.Action}, {"NotAction", st.NotAction}, {"Resource", st.Resource}, {"NotResource", st.NotResource}} {
		if j, ok := invalidItem(list.values); ok {
			return at.member(list.name).item(j), list.values[j], true
		}
	}
	for _, c := range st.Conditions {
		keyAt := at.member("Condition").member(c.Operator.String()).member(c.Key)
		if !utf8.ValidString(c.Key) {
			return keyAt, c.Key, true
		}
		if j, ok := invalidItem(c.Values); ok {
			return keyAt.item(j), c.Values[j], true
		}
	}
	return path{}, "", false
}

// invalidItem returns the index of the first value that is not valid
// UTF-8.
func invalidItem(values []string) (int, bool) {
	for j, s := range values {
		if !utf8.ValidString(s) {
			return j, true
		}
	}
	return 0, false
}

// firstSplitOperator returns the path of the first condition whose
// operator also appears earlier in its statement but not in the condition
// right before it. The path's group is the operator name.
func firstSplitOperator(p *Policy) (path, bool) {
	for i := range p.Statements {
		conds := p.Statements[i].Conditions
		for j := 1; j < len(conds); j++ {
			op := conds[j].Operator
			if conds[j-1].Operator == op || !operatorWritten(conds[:j-1], conds[j]) {
				continue
			}
			at := statementPath(i, false).member("Condition").member(op.String()).member(conds[j].Key)
			return at, true
		}
	}
	return path{}, false
}
