package evaluator

import (
	"fmt"
	"unicode/utf8"

	"github.com/iameval/iameval/arn"
)

// Byte classes of the names in a request. AWS names its actions and ARN
// parts with a few ASCII characters, and policies compare them ignoring
// case or byte by byte. Take a space, a NUL or a letter that only Unicode
// case folding maps to ASCII: a request containing one would match a
// wildcard in an Allow but miss the exact name in a Deny. So such requests
// are rejected.
const (
	serviceByte byte = 1 << iota // letters, digits and '-': the service of an action
	nameByte                     // letters and digits: the name of an action
	lowerByte                    // lower-case letters, digits and '-': a part of an ARN before its resource
	headerByte                   // lowerByte and ':': the parts of an ARN before its resource, with their colons
)

// nameClasses maps each byte to the classes it belongs to.
var nameClasses = func() (t [256]byte) {
	for c := range 128 {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			t[c] = serviceByte | nameByte | lowerByte | headerByte
		case 'A' <= c && c <= 'Z':
			t[c] = serviceByte | nameByte
		case c == '-':
			t[c] = serviceByte | lowerByte | headerByte
		case c == ':':
			t[c] = headerByte
		}
	}
	return t
}()

// isAction reports whether s is a plain action name: "service:Name", the
// service of ASCII letters, digits and '-', the name of ASCII letters and
// digits. It rules out wildcards, spaces, control characters, a second
// colon and every byte outside ASCII.
func isAction(s string) bool {
	i := 0
	for i < len(s) && nameClasses[s[i]]&serviceByte != 0 {
		i++
	}
	if i == 0 || i >= len(s)-1 || s[i] != ':' {
		return false
	}
	return allIn(s[i+1:], nameByte)
}

// isResource reports whether a, parsed from the text s, can name the
// resource of a request. The partition and service must be lower-case
// ASCII letters, digits and '-', and so must the region and account
// unless they are empty. The resource part must be valid UTF-8. AWS writes
// the parts before the resource in lower case, and policies compare them
// byte for byte.
func isResource(a arn.ARN, s string) bool {
	// The parts before the resource sit between "arn:" and the colon
	// before a.Resource, and arn.Parse has checked that the partition and
	// service are not empty.
	end := len(s) - len(a.Resource) - 1
	if end < len("arn:") {
		return false
	}
	return allIn(s[len("arn:"):end], headerByte) && utf8.ValidString(a.Resource)
}

// isLowerName reports whether s is one or more lower-case ASCII letters,
// digits and '-'.
func isLowerName(s string) bool {
	return s != "" && allIn(s, lowerByte)
}

// allIn reports whether every byte of s belongs to class, one of the byte
// classes above. A loop over the table is faster than testing eight bytes
// at a time for names as short as these.
func allIn(s string, class byte) bool {
	for i := 0; i < len(s); i++ {
		if nameClasses[s[i]]&class == 0 {
			return false
		}
	}
	return true
}

// errNilEvaluator is the error of a request given to a nil *Evaluator,
// which holds no policies and so decides nothing.
var errNilEvaluator = fmt.Errorf("evaluator: %w: nil *Evaluator (build one with New)", ErrInvalidRequest)
