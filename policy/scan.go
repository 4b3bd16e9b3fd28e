package policy

import (
	"encoding/json"
	"errors"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"
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
// an array, so the count sizes the statement list before the walk. It also
// records in p.ends where the arrays and objects of the first levels end.
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
			if depth <= indexedDepth {
				p.ends.open(i)
			}
		case '}', ']':
			if depth <= indexedDepth {
				p.ends.close(i)
			}
			depth--
		}
	}
}

// structural marks the bytes checkDepth stops at.
var structural = [256]bool{'"': true, '{': true, '[': true, '}': true, ']': true}

// indexedDepth is the deepest level whose arrays and objects checkDepth
// records in parser.ends: the document, the Statement array, each
// statement, the values of its members, and two levels inside those,
// which contain the lists of a Principal and the operators and keys of a
// Condition.
const indexedDepth = 6

// ends records where the arrays and objects of the first levels of a
// document end, so that the walk steps over the value of a member without
// scanning it again. gjson's ForEach finds the end of each value it
// returns by scanning it, so a walk with nested ForEach calls reads the
// text of a value once per level above it.
type ends struct {
	opens, closes []int // offsets of each '{' or '[' and of its match, in document order
	pending       []int // indexes into opens of the brackets not yet closed
	next          int   // index after the bracket the last lookup found
}

func (e *ends) open(offset int) {
	e.pending = append(e.pending, len(e.opens))
	e.opens = append(e.opens, offset)
	e.closes = append(e.closes, -1)
}

func (e *ends) close(offset int) {
	if n := len(e.pending); n > 0 {
		e.closes[e.pending[n-1]] = offset
		e.pending = e.pending[:n-1]
	}
}

// find returns the offset of the bracket that closes the one at open, or
// -1 when it was not recorded. The walk looks brackets up in document
// order, so the one after the last found is tried first.
func (e *ends) find(open int) int {
	i := e.next
	if i >= len(e.opens) || e.opens[i] != open {
		var found bool
		if i, found = slices.BinarySearch(e.opens, open); !found {
			return -1
		}
	}
	e.next = i + 1
	return e.closes[i]
}

// stringEnd returns the offset of the quote that closes the JSON string
// whose contents start at from, or -1 when the string is not closed.
func stringEnd(src string, from int) int {
	end, _ := scanString(src, from)
	return end
}

// scanString returns the offset of the quote that closes the JSON string
// whose contents start at from, or -1 when the string is not closed, and
// whether the string contains a backslash, which means it has escapes.
//
// Most strings of a policy are short, so their first bytes are searched
// eight at a time for a quote or a backslash, which skips the escaped byte
// after it. Past them, strings.IndexByte finds each quote, and the
// backslashes before it tell whether it is escaped.
func scanString(src string, from int) (int, bool) {
	const quotes, backslashes = 0x2222222222222222, 0x5c5c5c5c5c5c5c5c
	escapes := false
	i := from
	for limit := from + 32; i < limit && len(src)-i >= 8; {
		x := load64(src[i : i+8])
		m := zeroBytes(x^quotes) | zeroBytes(x^backslashes)
		if m == 0 {
			i += 8
			continue
		}
		j := i + bits.TrailingZeros64(m)/8
		if src[j] == '"' {
			return j, escapes
		}
		escapes = true
		i = j + 2 // the backslash and the byte it escapes
	}
	for i < len(src) {
		j := strings.IndexByte(src[i:], '"')
		if j < 0 {
			return -1, escapes
		}
		q := i + j
		escapes = escapes || strings.IndexByte(src[i:q], '\\') >= 0
		backslashes := 0
		for k := q - 1; k >= from && src[k] == '\\'; k-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return q, escapes
		}
		i = q + 1
	}
	return -1, escapes
}

// load64 packs the first eight bytes of s, which has at least eight, into
// one word, first byte lowest. The compiler turns it into a single load.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// zeroBytes returns a word with the high bit set in each zero byte of x,
// and every other bit clear. Adding 0x7f to the low seven bits of a byte
// sets its high bit unless they are all zero, without a carry into the
// next byte.
func zeroBytes(x uint64) uint64 {
	const low7 = 0x7f7f7f7f7f7f7f7f
	return ^((x&low7 + low7) | x | low7)
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

// keyAt returns the member name of an object of the validated document
// that starts at offset i, as gjson's ForEach would return it, and the
// offset just past it.
func (p *parser) keyAt(i int) (gjson.Result, int) {
	src := p.src
	end, escapes := scanString(src, i+1)
	raw := src[i : end+1]
	str := raw[1 : len(raw)-1]
	if escapes {
		str = gjson.Parse(raw).Str
	}
	return gjson.Result{Type: gjson.String, Raw: raw, Str: str, Index: i}, end + 1
}

// valueAt returns the JSON value of the validated document that starts at
// offset i, as gjson's ForEach would return it, and the offset just past
// it.
func (p *parser) valueAt(i int) (gjson.Result, int) {
	src := p.src
	switch src[i] {
	case '"':
		end, escapes := scanString(src, i+1)
		raw := src[i : end+1]
		str := raw[1 : len(raw)-1]
		if escapes {
			str = gjson.Parse(raw).Str
		}
		return gjson.Result{Type: gjson.String, Raw: raw, Str: str, Index: i}, end + 1
	case '{', '[':
		end := p.ends.find(i)
		if end < 0 {
			end = containerEnd(src, i)
		}
		return gjson.Result{Type: gjson.JSON, Raw: src[i : end+1], Index: i}, end + 1
	case 't':
		return gjson.Result{Type: gjson.True, Raw: src[i : i+4], Index: i}, i + 4
	case 'f':
		return gjson.Result{Type: gjson.False, Raw: src[i : i+5], Index: i}, i + 5
	case 'n':
		return gjson.Result{Type: gjson.Null, Raw: src[i : i+4], Index: i}, i + 4
	}
	end := i + 1
	for end < len(src) && isNumberByte(src[end]) {
		end++
	}
	n, _ := strconv.ParseFloat(src[i:end], 64)
	return gjson.Result{Type: gjson.Number, Raw: src[i:end], Num: n, Index: i}, end
}

func isNumberByte(c byte) bool {
	return '0' <= c && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'
}

// containerEnd returns the offset of the bracket that closes the one at
// offset i of the validated document src, counting brackets outside
// strings.
func containerEnd(src string, i int) int {
	depth := 0
	for ; i < len(src); i++ {
		switch src[i] {
		case '"':
			i = stringEnd(src, i+1)
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return len(src) - 1
}

// members calls fn with each key and value of the object v, a value of
// the validated document, in document order, until fn returns false. It
// passes what gjson's ForEach passes, without scanning the values of
// recorded arrays and objects.
func (p *parser) members(v gjson.Result, fn func(key, value gjson.Result) bool) {
	src := p.src
	for i := v.Index + 1; ; {
		i = skipSeparators(src, i)
		if src[i] == '}' {
			return
		}
		key, next := p.keyAt(i)
		value, next := p.valueAt(skipSeparators(src, next))
		if !fn(key, value) {
			return
		}
		i = next
	}
}

// skipSeparators returns the offset of the first byte of src at or after
// i that is neither JSON whitespace nor ',' or ':'.
func skipSeparators(src string, i int) int {
	for {
		switch src[i] {
		case ' ', '\t', '\n', '\r', ',', ':':
			i++
		default:
			return i
		}
	}
}
