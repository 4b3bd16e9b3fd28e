package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"unicode/utf8"
)

// MarshalJSON writes p as a canonical document: compact, members in the
// order Version, Id, Statement, then Sid, Effect, Principal, NotPrincipal,
// Action, NotAction, Resource, NotResource, Condition, with every list
// written as an array and Statement always an array. Empty Version, Id
// and Sid are left out. Condition entries with the same operator are
// grouped under the operator's first appearance.
//
// Parsing the output gives a Policy equal to p (see Policy.Equal) for every
// parsed policy. MarshalJSON checks its output with the parser, without
// limits, so it never returns a document that Parse rejects. For a Policy
// built in code that breaks the grammar, it returns a *ParseError whose
// Path names the offending element and whose position is unknown.
func (p Policy) MarshalJSON() ([]byte, error) {
	if err := checkWildcards(&p); err != nil {
		return nil, err
	}
	out := appendPolicy(nil, &p)
	if _, err := unlimited.Parse(out); err != nil {
		return nil, withoutPositions(err)
	}
	return out, nil
}

// withoutPositions returns a copy of a *ParseError from parsing generated
// text with its positions cleared, because they locate bytes of that text,
// which the caller never saw.
func withoutPositions(err error) error {
	var perr *ParseError
	if !errors.As(err, &perr) {
		return err
	}
	detached := *perr
	detached.Position, detached.Previous = Position{}, Position{}
	return &detached
}

// checkWildcards rejects a Principal with Wildcard set that also lists
// principals, which has no JSON form.
func checkWildcards(p *Policy) error {
	for i := range p.Statements {
		s := &p.Statements[i]
		for _, m := range [...]int{memberPrincipal, memberNotPrincipal} {
			pr := s.Principal
			if m == memberNotPrincipal {
				pr = s.NotPrincipal
			}
			if pr == nil || !pr.Wildcard {
				continue
			}
			if pr.AWS != nil || pr.Service != nil || pr.Federated != nil || pr.CanonicalUser != nil {
				at := statementPath(i, false).member(statementMembers[m])
				return &ParseError{Path: at.String(), Err: ErrBadValue,
					msg: "Wildcard is set together with principal lists; a principal is either \"*\" or an object"}
			}
		}
	}
	return nil
}

var unlimited = Limits{MaxBytes: -1, MaxDepth: -1, MaxStatements: -1, MaxValues: -1, MaxWildcards: -1}

// String returns the canonical document of MarshalJSON indented by two
// spaces, or the marshalling error's message when p breaks the grammar.
func (p Policy) String() string {
	out, err := p.MarshalJSON()
	if err != nil {
		return err.Error()
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, out, "", "  "); err != nil {
		return err.Error()
	}
	return buf.String()
}

func appendPolicy(b []byte, p *Policy) []byte {
	b = append(b, '{')
	if p.Version != "" {
		b = appendMember(b, "Version")
		b = appendString(b, p.Version)
	}
	if p.ID != "" {
		b = appendMember(b, "Id")
		b = appendString(b, p.ID)
	}
	b = appendMember(b, "Statement")
	b = append(b, '[')
	for i := range p.Statements {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendStatement(b, &p.Statements[i])
	}
	return append(b, "]}"...)
}

func appendStatement(b []byte, s *Statement) []byte {
	b = append(b, '{')
	if s.Sid != "" {
		b = appendMember(b, "Sid")
		b = appendString(b, s.Sid)
	}
	// The zero Effect is left out, so that the check reports it missing.
	if s.Effect != 0 {
		b = appendMember(b, "Effect")
		b = appendString(b, s.Effect.String())
	}
	b = appendPrincipal(b, "Principal", s.Principal)
	b = appendPrincipal(b, "NotPrincipal", s.NotPrincipal)
	b = appendList(b, "Action", s.Action)
	b = appendList(b, "NotAction", s.NotAction)
	b = appendList(b, "Resource", s.Resource)
	b = appendList(b, "NotResource", s.NotResource)
	b = appendConditions(b, s.Conditions)
	return append(b, '}')
}

func appendPrincipal(b []byte, name string, p *Principal) []byte {
	if p == nil {
		return b
	}
	b = appendMember(b, name)
	if p.Wildcard {
		return appendString(b, "*")
	}
	b = append(b, '{')
	for i, values := range [...][]string{p.AWS, p.Service, p.Federated, p.CanonicalUser} {
		if values != nil {
			b = appendMember(b, principalTypes[i])
			b = appendArray(b, values)
		}
	}
	return append(b, '}')
}

func appendList(b []byte, name string, values []string) []byte {
	if values == nil {
		return b
	}
	b = appendMember(b, name)
	return appendArray(b, values)
}

// appendConditions writes the Condition object, grouping the entries of
// each operator under its first appearance.
func appendConditions(b []byte, conditions []Condition) []byte {
	if conditions == nil {
		return b
	}
	b = appendMember(b, "Condition")
	b = append(b, '{')
	for i, c := range conditions {
		if operatorWritten(conditions[:i], c) {
			continue
		}
		b = appendMember(b, c.Operator.String())
		b = append(b, '{')
		for _, d := range conditions[i:] {
			if d.Operator == c.Operator {
				b = appendMember(b, d.Key)
				b = appendArray(b, d.Values)
			}
		}
		b = append(b, '}')
	}
	return append(b, '}')
}

func operatorWritten(before []Condition, c Condition) bool {
	for _, d := range before {
		if d.Operator == c.Operator {
			return true
		}
	}
	return false
}

// appendMember starts a member of the object being written, with a comma
// unless it is the object's first member.
func appendMember(b []byte, name string) []byte {
	if b[len(b)-1] != '{' {
		b = append(b, ',')
	}
	b = appendString(b, name)
	return append(b, ':')
}

func appendArray(b []byte, values []string) []byte {
	b = append(b, '[')
	for i, v := range values {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, v)
	}
	return append(b, ']')
}

// appendString writes s as a JSON string. It escapes the quote, the
// backslash, control characters and U+2028 and U+2029, and writes each
// invalid UTF-8 byte as U+FFFD, as encoding/json does.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			b = appendASCII(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, `\u202`...)
			b = append(b, "89"[r-'\u2028'])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

func appendASCII(b []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(b, '\\', c)
	case '\n':
		return append(b, `\n`...)
	case '\r':
		return append(b, `\r`...)
	case '\t':
		return append(b, `\t`...)
	}
	if c < 0x20 {
		const hex = "0123456789abcdef"
		return append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
	}
	return append(b, c)
}
