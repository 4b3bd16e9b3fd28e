package policy

import (
	"fmt"

	"github.com/tidwall/gjson"
)

// Parse parses a policy document with the default Limits. See the package
// documentation for the grammar. Every error is a *ParseError that wraps
// one of the Err variables of this package. Parse copies data, so the
// caller may reuse it afterwards.
func Parse(data []byte) (*Policy, error) {
	return Limits{}.Parse(data)
}

// ParseString is like Parse but takes the document as a string, which it
// does not copy.
func ParseString(s string) (*Policy, error) {
	return Limits{}.ParseString(s)
}

// MustParse is like ParseString but panics if the document is invalid. It
// is meant for tests and package-level variables holding fixed policies.
func MustParse(s string) *Policy {
	p, err := ParseString(s)
	if err != nil {
		panic(err)
	}
	return p
}

// Parse parses a policy document like the package-level Parse, but with
// the limits l.
func (l Limits) Parse(data []byte) (*Policy, error) {
	l = l.resolved()
	if exceeds(len(data), l.MaxBytes) {
		return nil, tooLarge(len(data), l.MaxBytes)
	}
	return parse(string(data), l)
}

// ParseString is like Limits.Parse but takes the document as a string.
func (l Limits) ParseString(s string) (*Policy, error) {
	l = l.resolved()
	if exceeds(len(s), l.MaxBytes) {
		return nil, tooLarge(len(s), l.MaxBytes)
	}
	return parse(s, l)
}

// UnmarshalJSON parses data with the default Limits and replaces *p with
// the result, so that a Policy can be a field of a struct decoded by
// encoding/json. Positions then count from the start of the policy value,
// not of the enclosing document. As encoding/json does for other types,
// the JSON literal null leaves *p unchanged.
func (p *Policy) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	q, err := Parse(data)
	if err != nil {
		return err
	}
	*p = *q
	p.markParsed()
	return nil
}

func tooLarge(size, limit int) *ParseError {
	return &ParseError{
		Position: Position{Offset: limit},
		Err:      ErrTooLarge,
		msg: fmt.Sprintf("document is %d bytes, more than Limits.MaxBytes (%d); "+
			"parse it with a larger policy.Limits{MaxBytes: n}", size, limit),
	}
}

// parse checks the text of src, validates it with gjson, then walks it
// and builds the Policy. The walk reads the document, the statements and
// their members itself, stepping over arrays and objects with the ends
// that checkDepth recorded (see ends). Every string in the result is a
// substring of src unless its JSON text contains escapes, so the walk
// allocates little beyond the slices of the AST.
func parse(src string, limits Limits) (*Policy, error) {
	p := &parser{
		src:        src,
		limits:     limits,
		strings:    arena[string]{first: 32, max: 1024},
		positions:  arena[Pos]{first: 32, max: 1024},
		conditions: arena[Condition]{first: 4, max: 256},
		principals: arena[Principal]{first: 2, max: 64},

		stringBuf:    make([]string, 0, 16),
		posBuf:       make([]Pos, 0, 16),
		conditionBuf: make([]Condition, 0, 4),
	}
	// A policy has one recorded bracket per 40 to 140 bytes of text: the
	// AWS managed policies about one per 130, the large benchmark policy,
	// with a Principal and a Condition in each statement, one per 43.
	// The buffers live only while the document is parsed.
	n := len(src)/40 + 8
	p.ends = ends{opens: make([]int, 0, n), closes: make([]int, 0, n), pending: make([]int, 0, indexedDepth)}
	if p.checkText(); p.err != nil {
		return nil, p.err
	}
	if !gjson.Valid(src) {
		p.syntaxError()
		return nil, p.err
	}

	pol := p.document(gjson.Parse(src))
	if p.err != nil {
		return nil, p.err
	}
	pol.markParsed()
	return pol, nil
}

// parser is the state of one parse. Its arenas hand out the slices of the
// AST from a few large allocations instead of one allocation per list.
type parser struct {
	src    string
	limits Limits
	err    *ParseError

	// variables is true when the document's Version is 2012-10-17, the
	// only version in which ${...} is a policy variable.
	variables bool

	// statementHint is the number of statements checkDepth counted.
	statementHint int

	// ends locates the arrays and objects checkDepth recorded.
	ends ends

	strings    arena[string]
	positions  arena[Pos]
	conditions arena[Condition]
	principals arena[Principal]

	// Scratch lists, reused for every list and Condition element before
	// the result is copied into an arena.
	stringBuf    []string
	posBuf       []Pos
	conditionBuf []Condition
}

// fail records the first error of the parse. Later calls are ignored, so
// the error always describes the first problem the walk found.
func (p *parser) fail(offset int, at *path, kind error, format string, args ...any) {
	if p.err != nil {
		return
	}
	p.err = &ParseError{
		Path:     at.String(),
		Position: positionOf(p.src, offset),
		Err:      kind,
		msg:      fmt.Sprintf(format, args...),
	}
}

// failPair records an error about two members of one object, such as a
// duplicate key, locating both.
func (p *parser) failPair(first, second int, at *path, kind error, format string, args ...any) {
	if p.err != nil {
		return
	}
	p.fail(second, at, kind, format, args...)
	p.err.Previous = positionOf(p.src, first)
	p.err.msg += " (first at " + p.err.Previous.String() + ")"
}

// arena hands out slices carved from larger blocks. A slice it returns has
// its capacity cut to its length, so appending to it never writes into a
// neighbour. Blocks start at first elements and double up to max, so a
// small document costs little and a large one few allocations.
type arena[T any] struct {
	free       []T
	first, max int
	next       int // size of the next block
}

func (a *arena[T]) grow(n int) {
	if a.next == 0 {
		a.next = max(a.first, 1)
	}
	a.free = make([]T, max(n, a.next))
	a.next = min(2*a.next, max(a.max, 1))
}

// copyOf returns an arena-backed copy of items, or nil when items is
// empty.
func (a *arena[T]) copyOf(items []T) []T {
	n := len(items)
	if n == 0 {
		return nil
	}
	if n > len(a.free) {
		a.grow(n)
	}
	out := a.free[:n:n]
	a.free = a.free[n:]
	copy(out, items)
	return out
}

// alloc returns a pointer to a new zero T.
func (a *arena[T]) alloc() *T {
	if len(a.free) == 0 {
		a.grow(1)
	}
	v := &a.free[0]
	a.free = a.free[1:]
	return v
}
