package policy

import (
	"errors"
	"fmt"
	"strings"
)

// The kinds of parse error. Every error returned by Parse and its variants
// is a *ParseError that wraps exactly one of these, so callers can test the
// kind with errors.Is.
var (
	// ErrInvalidJSON means the document is not well-formed JSON, or is not
	// UTF-8 text, or starts with a byte order mark, or has a string with a
	// \u escape of half a UTF-16 surrogate pair, which encodes no
	// character.
	ErrInvalidJSON = errors.New("invalid JSON")

	// ErrTooLarge means the document is longer than Limits.MaxBytes.
	ErrTooLarge = errors.New("document too large")

	// ErrTooDeep means arrays and objects nest deeper than Limits.MaxDepth.
	ErrTooDeep = errors.New("document nested too deeply")

	// ErrTooMany means a list is longer than Limits.MaxStatements or
	// Limits.MaxValues, or a pattern has more wildcards than
	// Limits.MaxWildcards.
	ErrTooMany = errors.New("too many entries")

	// ErrUnknownElement means an object has a member the policy grammar
	// does not define, such as a misspelt "Efect" or an unknown condition
	// operator. Errors for unknown operators also wrap
	// condition.ErrUnknownOperator.
	ErrUnknownElement = errors.New("unknown element")

	// ErrDuplicateKey means an object names the same member twice, or one
	// condition operator lists two keys that differ only in case, which
	// AWS reads as the same key.
	ErrDuplicateKey = errors.New("duplicate key")

	// ErrWrongType means a value has the wrong JSON type, for example a
	// number where a string is required, or null.
	ErrWrongType = errors.New("wrong type")

	// ErrMissingElement means a required member is absent, such as Effect,
	// or neither Action nor NotAction is given.
	ErrMissingElement = errors.New("missing element")

	// ErrConflictingElements means a statement gives both members of a
	// pair that allows only one: Action and NotAction, Resource and
	// NotResource, or Principal and NotPrincipal.
	ErrConflictingElements = errors.New("conflicting elements")

	// ErrBadValue means a value has the right type but is not allowed,
	// such as an unknown Version, an empty string or array, a partial
	// wildcard principal, an action with a character AWS does not allow
	// or a malformed Resource ARN. Errors for condition
	// values the condition package rejects also wrap its error.
	ErrBadValue = errors.New("invalid value")
)

// ParseError describes why a document was rejected and where.
type ParseError struct {
	// Path is the JSON path of the offending element, such as
	// "Statement[2].Condition.StringLike". Elements of a Statement written
	// as a single object have no index ("Statement.Effect"). Path is empty
	// for errors about the document as a whole.
	Path string

	// Position is where the offending byte, key or value starts.
	Position

	// Previous is the position of the first of two duplicate keys or
	// conflicting elements, and the zero Position for other errors.
	Previous Position

	// Err is the kind of error, one of the Err variables of this package,
	// possibly joined with the cause from another package.
	Err error

	msg string
}

// Error returns the message with its position and path, for example
// `policy: line 3, column 7: Statement[0].Effect: invalid value "allow"`.
func (e *ParseError) Error() string {
	var sb strings.Builder
	sb.WriteString("policy: ")
	if e.Line > 0 {
		fmt.Fprintf(&sb, "line %d, column %d: ", e.Line, e.Column)
	}
	if e.Path != "" {
		sb.WriteString(e.Path)
		sb.WriteString(": ")
	}
	sb.WriteString(e.msg)
	return sb.String()
}

// Unwrap returns the kind of error, so that errors.Is(err, ErrBadValue)
// and similar tests work.
func (e *ParseError) Unwrap() error { return e.Err }
