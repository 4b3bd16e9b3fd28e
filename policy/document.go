package policy

import (
	"fmt"
	"strings"

	"github.com/tidwall/gjson"
)

// Member names, matched case-sensitively, because a misspelt element
// must reject the document rather than be ignored.
var documentMembers = [...]string{"Version", "Id", "Statement"}

const (
	memberVersion = iota
	memberID
	memberStatement
)

var statementMembers = [...]string{
	"Sid", "Effect", "Principal", "NotPrincipal",
	"Action", "NotAction", "Resource", "NotResource", "Condition",
}

const (
	memberSid = iota
	memberEffect
	memberPrincipal
	memberNotPrincipal
	memberAction
	memberNotAction
	memberResource
	memberNotResource
	memberCondition
)

// document builds the Policy from the top-level object. It first collects
// the three members, so that Version is known before the statements are
// read, whatever the member order.
func (p *parser) document(root gjson.Result) *Policy {
	top := documentPath
	at := &top
	if !isObject(root) {
		p.fail(root.Index, at, ErrWrongType, "a policy document must be a JSON object, not %s", typeName(root))
		return nil
	}

	var keys [len(documentMembers)]int // offset+1 of each member's key
	var values [len(documentMembers)]gjson.Result
	p.members(root, func(key, value gjson.Result) bool {
		m := p.lookupMember(key, documentMembers[:], at, "a policy document")
		if m < 0 || !p.firstKey(&keys[m], key, at) {
			return false
		}
		values[m] = value
		return true
	})
	if p.err != nil {
		return nil
	}
	if keys[memberStatement] == 0 {
		p.fail(root.Index, at, ErrMissingElement, "missing Statement element")
		return nil
	}

	pol := &Policy{src: p.src}
	if keys[memberVersion] != 0 {
		versionAt := at.member("Version")
		pol.Version, pol.VersionPos = p.version(values[memberVersion], &versionAt)
		p.variables = pol.Version == Version2012
	}
	if keys[memberID] != 0 {
		idAt := at.member("Id")
		pol.ID, pol.IDPos = p.text(values[memberID], &idAt)
	}
	statementAt := at.member("Statement")
	pol.Statements = p.statements(values[memberStatement], &statementAt)
	return pol
}

func (p *parser) version(v gjson.Result, at *path) (string, Pos) {
	s, pos := p.text(v, at)
	if p.err == nil && s != Version2012 && s != Version2008 {
		p.fail(v.Index, at, ErrBadValue, "unsupported Version %q; use %q (or %q for the legacy language)",
			s, Version2012, Version2008)
	}
	return s, pos
}

// statements reads the Statement element: one statement object or an
// array of them.
func (p *parser) statements(v gjson.Result, at *path) []Statement {
	if isObject(v) {
		list := make([]Statement, 1)
		stAt := statementPath(0, true)
		p.statement(&list[0], v, &stAt)
		return list
	}
	if !isArray(v) {
		p.fail(v.Index, at, ErrWrongType, "Statement must be an object or an array of objects, not %s", typeName(v))
		return nil
	}

	var list []Statement
	if n := p.statementCapacity(len(v.Raw)); n > 0 {
		list = make([]Statement, 0, n)
	}
	src := p.src
	for next := v.Index + 1; ; {
		if next = skipSeparators(src, next); src[next] == ']' {
			return list
		}
		var item gjson.Result
		item, next = p.valueAt(next)
		i := len(list)
		stAt := statementPath(i, false)
		if exceeds(i+1, p.limits.MaxStatements) {
			p.fail(item.Index, &stAt, ErrTooMany,
				"more than Limits.MaxStatements (%d) statements; parse with a larger policy.Limits{MaxStatements: n}",
				p.limits.MaxStatements)
			return list
		}
		list = append(list, Statement{})
		if !p.statement(&list[i], item, &stAt) {
			return list
		}
	}
}

// minStatementBytes is the length of the shortest valid statement,
// {"Effect":"Allow","Action":"*","Resource":"*"}, rounded down.
const minStatementBytes = 40

// statementCapacity returns the capacity to reserve for the statements of
// a Statement array of arrayBytes bytes. It is the count from checkDepth,
// capped by the limit and by what the array could hold, so that a document
// of many empty objects cannot make the parser reserve much memory.
func (p *parser) statementCapacity(arrayBytes int) int {
	n := min(p.statementHint, arrayBytes/minStatementBytes+1)
	if p.limits.MaxStatements >= 0 {
		n = min(n, p.limits.MaxStatements+1)
	}
	return n
}

// statement reads one statement object into st and reports whether it
// is valid.
func (p *parser) statement(st *Statement, v gjson.Result, at *path) bool {
	if !isObject(v) {
		p.fail(v.Index, at, ErrWrongType, "a statement must be a JSON object, not %s", typeName(v))
		return false
	}
	st.Pos = posAt(v.Index)

	// The members are walked here rather than by p.members, because a
	// statement is read for every statement of a document and the loop
	// saves a call per member.
	var keys [len(statementMembers)]int // offset+1 of each member's key
	src := p.src
	for i := v.Index + 1; ; {
		if i = skipSeparators(src, i); src[i] == '}' {
			break
		}
		key, next := p.keyAt(i)
		value, next := p.valueAt(skipSeparators(src, next))
		i = next
		m := statementMember(key.Str)
		if m < 0 {
			m = p.lookupMember(key, statementMembers[:], at, "a statement")
		}
		if m < 0 || !p.firstKey(&keys[m], key, at) || !p.exclusive(&keys, m, key, at) {
			return false
		}
		memberAt := at.member(key.Str)
		if p.member(st, m, value, &memberAt); p.err != nil {
			return false
		}
	}
	p.requireMembers(&keys, v.Index, at)
	return p.err == nil
}

// statementMember returns the index of key in statementMembers, or -1.
func statementMember(key string) int {
	switch key {
	case "Sid":
		return memberSid
	case "Effect":
		return memberEffect
	case "Principal":
		return memberPrincipal
	case "NotPrincipal":
		return memberNotPrincipal
	case "Action":
		return memberAction
	case "NotAction":
		return memberNotAction
	case "Resource":
		return memberResource
	case "NotResource":
		return memberNotResource
	case "Condition":
		return memberCondition
	}
	return -1
}

func (p *parser) member(st *Statement, m int, v gjson.Result, at *path) {
	switch m {
	case memberSid:
		st.Sid, st.SidPos = p.text(v, at)
	case memberEffect:
		st.Effect, st.EffectPos = p.effect(v, at)
	case memberPrincipal:
		st.Principal = p.principal(v, at)
	case memberNotPrincipal:
		st.NotPrincipal = p.principal(v, at)
	case memberAction:
		st.Action, st.ActionPos, _ = p.list(v, at, valueAction)
	case memberNotAction:
		st.NotAction, st.ActionPos, _ = p.list(v, at, valueAction)
	case memberResource:
		st.Resource, st.ResourcePos, _ = p.list(v, at, valueResource)
	case memberNotResource:
		st.NotResource, st.ResourcePos, _ = p.list(v, at, valueResource)
	case memberCondition:
		st.Conditions, st.ConditionPos = p.conditionBlock(v, at)
	}
}

func (p *parser) effect(v gjson.Result, at *path) (Effect, Pos) {
	s, pos := p.text(v, at)
	switch {
	case p.err != nil:
		return 0, pos
	case s == "Allow":
		return Allow, pos
	case s == "Deny":
		return Deny, pos
	}
	p.fail(v.Index, at, ErrBadValue, `invalid Effect %q; use "Allow" or "Deny" (case-sensitive)`, s)
	return 0, pos
}

// exclusive rejects the second member of a pair that allows only one.
func (p *parser) exclusive(keys *[len(statementMembers)]int, m int, key gjson.Result, at *path) bool {
	other := -1
	switch m {
	case memberPrincipal, memberAction, memberResource:
		other = m + 1
	case memberNotPrincipal, memberNotAction, memberNotResource:
		other = m - 1
	}
	if other < 0 || keys[other] == 0 {
		return true
	}
	memberAt := at.member(key.Str)
	p.failPair(keys[other]-1, key.Index, &memberAt, ErrConflictingElements,
		"statement has both %s and %s; keep only one", statementMembers[other], key.Str)
	return false
}

// requireMembers reports the first required member a statement lacks.
func (p *parser) requireMembers(keys *[len(statementMembers)]int, offset int, at *path) {
	switch {
	case keys[memberEffect] == 0:
		p.fail(offset, at, ErrMissingElement, `missing Effect element; add "Effect": "Allow" or "Deny"`)
	case keys[memberAction] == 0 && keys[memberNotAction] == 0:
		p.fail(offset, at, ErrMissingElement, "missing Action or NotAction element")
	case keys[memberResource] == 0 && keys[memberNotResource] == 0:
		p.fail(offset, at, ErrMissingElement, "missing Resource or NotResource element")
	}
}

// lookupMember returns the index of key in names, or records an
// ErrUnknownElement error and returns -1.
func (p *parser) lookupMember(key gjson.Result, names []string, at *path, where string) int {
	for i, name := range names {
		if key.Str == name {
			return i
		}
	}

	msg := fmt.Sprintf("unknown element %q in %s", key.Str, where)
	for _, name := range names {
		if strings.EqualFold(key.Str, name) {
			msg += fmt.Sprintf("; element names are case-sensitive, did you mean %q?", name)
			return p.unknown(key, at, msg)
		}
	}
	msg += "; allowed elements are " + strings.Join(names, ", ")
	return p.unknown(key, at, msg)
}

func (p *parser) unknown(key gjson.Result, at *path, msg string) int {
	memberAt := at.member(key.Str)
	p.fail(key.Index, &memberAt, ErrUnknownElement, "%s", msg)
	return -1
}

// firstKey records the offset of key, a member of the object at, in
// *slot, or records an ErrDuplicateKey error when the slot is already
// taken.
func (p *parser) firstKey(slot *int, key gjson.Result, at *path) bool {
	if *slot != 0 {
		memberAt := at.member(key.Str)
		p.failPair(*slot-1, key.Index, &memberAt, ErrDuplicateKey, "duplicate key %q", key.Str)
		return false
	}
	*slot = key.Index + 1
	return true
}

// text returns the string value v, or records an ErrWrongType error.
func (p *parser) text(v gjson.Result, at *path) (string, Pos) {
	if v.Type != gjson.String {
		p.fail(v.Index, at, ErrWrongType, "expected a string, not %s", typeName(v))
		return "", NoPos
	}
	if !p.checkEscapes(v, at) {
		return "", NoPos
	}
	return v.Str, posAt(v.Index)
}

func isObject(v gjson.Result) bool { return v.Type == gjson.JSON && v.Raw[0] == '{' }

func isArray(v gjson.Result) bool { return v.Type == gjson.JSON && v.Raw[0] == '[' }

func typeName(v gjson.Result) string {
	switch v.Type {
	case gjson.String:
		return "a string"
	case gjson.Number:
		return "a number"
	case gjson.True, gjson.False:
		return "a boolean"
	case gjson.Null:
		return "null"
	}
	if isObject(v) {
		return "an object"
	}
	return "an array"
}
