package evaluator

import (
	"encoding/json"

	"github.com/iameval/iameval/policy"
)

// MaxMatches is the number of matched statements a Result holds. When
// more statements apply, Deny statements are kept before Allow statements,
// then earlier policies and statements before later ones, and
// Result.Truncated reports the loss. Explain lists every statement.
const MaxMatches = 16

// Match is a statement that applied to a request: its action, resource,
// principal and condition all matched.
type Match struct {
	Policy    PolicyID
	Effect    policy.Effect
	Statement int    // index in the policy's Statement list
	Sid       string // "" when the statement has none
}

// Result is the decision on one request and the statements that applied.
// It holds its matches in a fixed-size array, so producing it does not
// allocate.
type Result struct {
	// Decision is Allow, ExplicitDeny or ImplicitDeny.
	Decision Decision

	// Reason is the cause of an ImplicitDeny, and ReasonNone otherwise.
	Reason Reason

	// Err is set, wrapping ErrInvalidRequest, when the request could not be
	// evaluated. The decision is then ImplicitDeny.
	Err error

	matches   [MaxMatches]Match
	count     uint8
	truncated bool
}

// Matched returns the statements that applied, ordered by policy kind
// (identity, resource, access point, permissions boundary, session, SCPs,
// RCPs), then by level and position, then by statement index. The slice
// shares the Result's storage.
func (r *Result) Matched() []Match { return r.matches[:r.count] }

// Truncated reports whether more than MaxMatches statements applied, so
// that Matched lists only some of them.
func (r *Result) Truncated() bool { return r.truncated }

// Allowed reports whether the decision is Allow.
func (r *Result) Allowed() bool { return r.Decision == Allow }

// MarshalJSON returns the result as the simulate command prints it:
//
//	{"decision":"Allow","matched":[{"policy":"accessPoint","statement":0,"sid":"ReadTagged","effect":"Allow"}]}
//
// An implicit deny adds "reason", a truncated list adds "truncated", and an
// invalid request adds "error".
func (r Result) MarshalJSON() ([]byte, error) {
	type match struct {
		Policy    string `json:"policy"`
		Statement int    `json:"statement"`
		Sid       string `json:"sid,omitempty"`
		Effect    string `json:"effect"`
	}
	out := struct {
		Decision  Decision `json:"decision"`
		Reason    string   `json:"reason,omitempty"`
		Matched   []match  `json:"matched"`
		Truncated bool     `json:"truncated,omitempty"`
		Error     string   `json:"error,omitempty"`
	}{Decision: r.Decision, Reason: r.Reason.String(), Truncated: r.truncated, Matched: []match{}}
	for _, m := range r.Matched() {
		out.Matched = append(out.Matched, match{m.Policy.String(), m.Statement, m.Sid, m.Effect.String()})
	}
	if r.Err != nil {
		out.Error = r.Err.Error()
	}
	return json.Marshal(out)
}

// add records a statement that applied. A statement already recorded (an
// identity statement applying to both gates of an access point request) is
// not added twice. When the array is full, a Deny replaces the last Allow,
// and otherwise the statement is dropped.
func (r *Result) add(m Match) {
	for i := range r.Matched() {
		if r.matches[i].Policy == m.Policy && r.matches[i].Statement == m.Statement {
			return
		}
	}
	if int(r.count) < MaxMatches {
		r.insert(int(r.count), m)
		r.count++
		return
	}
	r.truncated = true
	if m.Effect != policy.Deny {
		return
	}
	for i := MaxMatches - 1; i >= 0; i-- {
		if r.matches[i].Effect == policy.Allow {
			// Shift with element assignments rather than copy, which
			// escape analysis follows, so a Result on the stack stays
			// there.
			for j := i; j < MaxMatches-1; j++ {
				r.matches[j] = r.matches[j+1]
			}
			r.insert(MaxMatches-1, m)
			return
		}
	}
}

// insert places m among the first n matches, keeping them sorted by policy
// rank and statement index.
func (r *Result) insert(n int, m Match) {
	i := n
	for i > 0 && m.Policy.before(r.matches[i-1].Policy, m.Statement, r.matches[i-1].Statement) {
		r.matches[i] = r.matches[i-1]
		i--
	}
	r.matches[i] = m
}

// before reports whether statement i of policy id comes before statement j
// of policy other in a Result.
func (id PolicyID) before(other PolicyID, i, j int) bool {
	if a, b := id.rank(), other.rank(); a != b {
		return a < b
	}
	return i < j
}

// kindOrder is the order of policy kinds in a Result.
var kindOrder = [...]int{
	KindIdentity:            0,
	KindResource:            1,
	KindAccessPoint:         2,
	KindPermissionsBoundary: 3,
	KindSession:             4,
	KindSCP:                 5,
	KindRCP:                 6,
}

// rank orders policies by kind, then level, then index.
func (id PolicyID) rank() int {
	k := 0
	if int(id.Kind) < len(kindOrder) {
		k = kindOrder[id.Kind]
	}
	return k<<32 | int(id.Level)<<16 | int(id.Index)
}
