package policy

import (
	"fmt"
	"slices"
)

// The policy language versions AWS accepts in the Version element.
const (
	// Version2012 is the current language. Only policies of this version
	// substitute policy variables such as ${aws:username}.
	Version2012 = "2012-10-17"

	// Version2008 is the legacy language, which AWS also applies to
	// documents without a Version element.
	Version2008 = "2008-10-17"
)

// Policy is a parsed policy document. A Policy returned by Parse is never
// changed afterwards by this package and is safe for concurrent use.
//
// Callers must not modify a *Policy returned by Parse either, because
// Check trusts such a policy without looking at its statements, and a
// statement changed in place would escape the grammar checks. To change a
// policy, build a new one, or copy the Policy value and its slices, and
// call Check on the result.
type Policy struct {
	// Version is Version2012, Version2008 or "" when the document has no
	// Version element.
	Version string

	// ID is the Id element, or "" when absent.
	ID string

	// Statements are the statements in document order. A Statement
	// element written as a single object gives one statement.
	Statements []Statement

	// VersionPos and IDPos locate the values of Version and Id.
	VersionPos, IDPos Pos

	// src is the document text, used to turn a Pos into a line and column.
	src string

	// parsed records the policy as Parse returned it, for Check.
	parsed parsedMark
}

// Statement is one statement of a policy.
type Statement struct {
	// Sid is the statement ID, "" when absent.
	Sid string

	// Effect is Allow or Deny.
	Effect Effect

	// Principal and NotPrincipal are nil when absent. At most one is set.
	Principal, NotPrincipal *Principal

	// Action and NotAction hold the action patterns as written, such as
	// "s3:Get*". Exactly one of them is non-nil in a parsed statement.
	Action, NotAction []string

	// Resource and NotResource hold the resource patterns as written, "*"
	// or an ARN pattern. Exactly one of them is non-nil in a parsed
	// statement.
	Resource, NotResource []string

	// Conditions are the (operator, key, values) entries of the Condition
	// element in document order, nil when there is none.
	Conditions []Condition

	// Pos locates the opening brace of the statement object.
	Pos Pos

	// SidPos and EffectPos locate the values of Sid and Effect.
	SidPos, EffectPos Pos

	// ActionPos has one entry per value of Action or NotAction, whichever
	// is set.
	ActionPos []Pos

	// ResourcePos has one entry per value of Resource or NotResource,
	// whichever is set.
	ResourcePos []Pos

	// ConditionPos locates the opening brace of the Condition object.
	ConditionPos Pos
}

// Effect is the Effect element of a statement. The zero value is not a
// valid effect.
type Effect uint8

// The two effects.
const (
	Allow Effect = iota + 1
	Deny
)

// String returns "Allow" or "Deny", or a placeholder naming the number for
// an invalid Effect.
func (e Effect) String() string {
	switch e {
	case Allow:
		return "Allow"
	case Deny:
		return "Deny"
	}
	return fmt.Sprintf("Effect(%d)", uint8(e))
}

// IsValid reports whether e is Allow or Deny.
func (e Effect) IsValid() bool { return e == Allow || e == Deny }

// Equal reports whether p and q describe the same policy: the same
// Version, ID and statements, compared element by element. Positions and
// the source text are ignored, so a parsed policy equals the result of
// parsing its own MarshalJSON output. go-cmp uses this method to compare
// *Policy values.
func (p *Policy) Equal(q *Policy) bool {
	if p == nil || q == nil {
		return p == q
	}
	if p.Version != q.Version || p.ID != q.ID {
		return false
	}
	return slices.EqualFunc(p.Statements, q.Statements, Statement.equal)
}

func (s Statement) equal(t Statement) bool {
	return s.Sid == t.Sid &&
		s.Effect == t.Effect &&
		s.Principal.equal(t.Principal) &&
		s.NotPrincipal.equal(t.NotPrincipal) &&
		equalList(s.Action, t.Action) &&
		equalList(s.NotAction, t.NotAction) &&
		equalList(s.Resource, t.Resource) &&
		equalList(s.NotResource, t.NotResource) &&
		slices.EqualFunc(s.Conditions, t.Conditions, Condition.equal)
}

func (c Condition) equal(d Condition) bool {
	return c.Operator == d.Operator && c.Key == d.Key && equalList(c.Values, d.Values)
}

// equalList compares two lists, treating nil and empty as different,
// because a nil Action means "absent" while an empty one is invalid.
func equalList(a, b []string) bool {
	return (a == nil) == (b == nil) && slices.Equal(a, b)
}
