package policy

import (
	"strings"
	"unicode/utf16"

	"github.com/tidwall/gjson"
)

// checkEscapes records an ErrInvalidJSON error and returns false when the
// JSON string v has a \u escape of a UTF-16 surrogate that is not half of
// a surrogate pair. Such an escape encodes no character, and the JSON
// decoder would turn it into U+FFFD, so the policy would hold text the
// author never wrote. Raw bytes that are not UTF-8 are rejected the same
// way, by checkText.
func (p *parser) checkEscapes(v gjson.Result, at *path) bool {
	// The decoder writes U+FFFD for a lone surrogate, and a string without
	// escapes is as long as its text between the quotes, so most strings
	// need no scan.
	if len(v.Raw) == len(v.Str)+2 || !strings.Contains(v.Str, "\uFFFD") {
		return true
	}
	i := loneSurrogate(v.Raw)
	if i < 0 {
		return true
	}
	p.fail(v.Index+i, at, ErrInvalidJSON,
		"invalid escape %s: it encodes half of a UTF-16 surrogate pair, not a character; policy text must be Unicode characters",
		v.Raw[i:i+6])
	return false
}

// loneSurrogate returns the offset in raw, the text of a valid JSON string
// with its quotes, of the first \u escape of a surrogate that is not
// followed or preceded by its other half. It returns -1 when there is none.
func loneSurrogate(raw string) int {
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' {
			continue
		}
		i++ // the escaped byte
		if raw[i] != 'u' {
			continue
		}
		start := i - 1
		r := hexRune(raw[i+1 : i+5])
		i += 4
		switch {
		case !utf16.IsSurrogate(r):
		case r >= 0xDC00: // a low surrogate without a high one before it
			return start
		case i+6 < len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' && isLowSurrogate(hexRune(raw[i+3:i+7])):
			i += 6
		default:
			return start
		}
	}
	return -1
}

func isLowSurrogate(r rune) bool { return 0xDC00 <= r && r <= 0xDFFF }

// hexRune returns the value of the four hexadecimal digits of a \u escape,
// which a valid JSON string guarantees.
func hexRune(digits string) rune {
	var r rune
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		default:
			c -= 'A' - 10
		}
		r = r<<4 | rune(c)
	}
	return r
}
