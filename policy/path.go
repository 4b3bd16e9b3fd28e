package policy

import (
	"strconv"
	"strings"
)

// path is the JSON path of the element being parsed. It is a plain value
// so that the walk builds no strings: String runs only when an error is
// reported.
type path struct {
	statement int    // index in the Statement array; -1 outside statements
	single    bool   // Statement is a single object, so no index is written
	element   string // member of the document or of a statement
	group     string // principal type or condition operator
	key       string // condition key
	index     int    // index in an array of values; -1 for a bare value
}

var documentPath = path{statement: -1, index: -1}

// statementPath returns the path of statement i.
func statementPath(i int, single bool) path {
	return path{statement: i, single: single, index: -1}
}

// member returns the path of a member of the object at.
func (at path) member(name string) path {
	switch {
	case at.element == "":
		at.element = name
	case at.group == "":
		at.group = name
	default:
		at.key = name
	}
	return at
}

// item returns the path of element i of the array at.
func (at path) item(i int) path {
	at.index = i
	return at
}

// String returns the path in the dotted form used in error messages, such
// as "Statement[2].Condition.StringLike.s3:prefix[0]".
func (at path) String() string {
	var sb strings.Builder
	if at.statement >= 0 {
		sb.WriteString("Statement")
		if !at.single {
			sb.WriteByte('[')
			sb.WriteString(strconv.Itoa(at.statement))
			sb.WriteByte(']')
		}
	}
	for _, name := range [...]string{at.element, at.group, at.key} {
		if name == "" {
			continue
		}
		if sb.Len() > 0 {
			sb.WriteByte('.')
		}
		sb.WriteString(name)
	}
	if at.index >= 0 {
		sb.WriteByte('[')
		sb.WriteString(strconv.Itoa(at.index))
		sb.WriteByte(']')
	}
	return sb.String()
}
