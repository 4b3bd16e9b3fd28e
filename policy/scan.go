package policy

import (
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf8"
)

const byteOrderMark = "\uFEFF"

// checkText rejects what must not reach the JSON parser: a byte order
// mark, text that is not UTF-8, and nesting deeper than MaxDepth. The
// depth check runs before gjson validates the document because gjson's
// validator recurses once per nesting level.
func (p *parser) checkText() {
	src := p.src
	if strings.HasPrefix(src, byteOrderMark) {
		p.failDocument(0, ErrInvalidJSON,
			"document starts with a UTF-8 byte order mark, which AWS does not accept; remove the first 3 bytes")
		return
	}
	if !utf8.ValidString(src) {
		off := invalidUTF8Offset(src)
		p.failDocument(off, ErrInvalidJSON,
			"invalid UTF-8 byte 0x%02x; policy documents must be UTF-8 text", src[off])
		return
	}
	p.checkDepth()
}

// failDocument records an error about the document text as a whole.
func (p *parser) failDocument(offset int, kind error, format string, args ...any) {
	at := documentPath
	p.fail(offset, &at, kind, format, args...)
}

func invalidUTF8Offset(s string) int {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(s)
}

// checkDepth finds the first bracket that opens more than MaxDepth levels.
// It skips string contents, so brackets inside strings do not count, and
// otherwise ignores JSON syntax, which the validator checks afterwards.
//
// On the way it counts the objects directly inside an array that is a
// member of the top-level object. In a valid policy only Statement is such
// an array, so the count sizes the statement list before the walk.
func (p *parser) checkDepth() {
	limit := p.limits.MaxDepth
	src := p.src
	depth := 0
	var second byte // the bracket that opened the current level-2 value
	for i := 0; i < len(src); i++ {
		for i < len(src) && !structural[src[i]] {
			i++
		}
		if i == len(src) {
			return
		}
		switch c := src[i]; c {
		case '"':
			end := stringEnd(src, i+1)
			if end < 0 {
				return
			}
			i = end
		case '{', '[':
			depth++
			switch {
			case limit >= 0 && depth > limit:
				p.failDocument(i, ErrTooDeep,
					"arrays and objects nest more than Limits.MaxDepth (%d) levels; "+
						"parse with a larger policy.Limits{MaxDepth: n}", limit)
				return
			case depth == 2:
				second = c
			case depth == 3 && c == '{' && second == '[':
				p.statementHint++
			}
		case '}', ']':
			depth--
		}
	}
}

// structural marks the bytes checkDepth stops at.
var structural = [256]bool{'"': true, '{': true, '[': true, '}': true, ']': true}

// stringEnd returns the offset of the quote that closes the JSON string
// whose contents start at from, or -1 when the string is not closed.
func stringEnd(src string, from int) int {
	for i := from; i < len(src); {
		j := strings.IndexByte(src[i:], '"')
		if j < 0 {
			return -1
		}
		q := i + j
		backslashes := 0
		for k := q - 1; k >= from && src[k] == '\\'; k-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return q
		}
		i = q + 1
	}
	return -1
}

// syntaxError records an ErrInvalidJSON error for a document gjson found
// invalid. gjson does not say where the problem is, so the position and
// reason come from encoding/json, whose SyntaxError counts the bytes read
// up to and including the offending one.
func (p *parser) syntaxError() {
	var raw json.RawMessage
	err := json.Unmarshal([]byte(p.src), &raw)

	var syntax *json.SyntaxError
	if !errors.As(err, &syntax) {
		// NOTE: gjson rejected the document but encoding/json found no
		// syntax error, so there is no position to report. No input is
		// known to get here: TestValidatorsAgree compares the two on
		// mutated corpus documents.
		p.failDocument(0, ErrInvalidJSON, "invalid JSON")
		return
	}

	off := int(syntax.Offset)
	if !strings.HasPrefix(syntax.Error(), "unexpected end") {
		off--
	}
	off = min(max(off, 0), len(p.src))

	// encoding/json names a non-ASCII character by its first byte alone,
	// so describe the whole character instead.
	if off < len(p.src) && p.src[off] >= utf8.RuneSelf {
		r, _ := utf8.DecodeRuneInString(p.src[off:])
		p.failDocument(off, ErrInvalidJSON,
			"invalid JSON: unexpected character %U %+q outside a string", r, r)
		return
	}
	p.failDocument(off, ErrInvalidJSON, "invalid JSON: %s", syntax.Error())
}
