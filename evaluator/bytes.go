package evaluator

import (
	"unicode/utf8"

	"github.com/iameval/iameval/arn"
)

// Byte tests on the request path. Short names, such as an action or the
// parts of an ARN before its resource, are read one byte at a time through
// a table. Longer text is read eight bytes at a time, packed into one word
// with the first byte lowest.

const highBits = 0x8080808080808080

// load64 packs the first eight bytes of s, which has at least eight. The
// compiler turns it into a single load.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// rangeBytes returns a word with the high bit set in each byte of x that
// lies in [lo, hi], and every other bit clear, when every byte of x is
// below 0x80. Adding 0x80-lo sets a byte's high bit when it is at least
// lo, and adding 0x80-hi-1 when it is past hi. A byte below 0x80 never
// carries into the next.
func rangeBytes(x uint64, lo, hi byte) uint64 {
	const ones = 0x0101010101010101
	return (x + ones*uint64(0x80-lo)) &^ (x + ones*uint64(0x7f-hi)) & highBits
}

// lowerAction writes action in lower case into dst and reports whether
// it is valid as isAction defines it. colon is the offset of the first
// ':' of action. The bytes before it must be ASCII letters, digits and
// '-', and the bytes after it ASCII letters and digits.
func lowerAction(dst []byte, action string, colon int) bool {
	if len(dst) != len(action) || colon < 0 || colon >= len(action) {
		return false
	}
	for i := 0; i < colon; i++ {
		if dst[i] = serviceLower[action[i]]; dst[i] == 0 {
			return false
		}
	}
	dst[colon] = ':'
	for i := colon + 1; i < len(action); i++ {
		if dst[i] = nameLower[action[i]]; dst[i] == 0 {
			return false
		}
	}
	return true
}

// serviceLower and nameLower map each byte allowed in the service prefix
// and in the name of an action to its lower case, and every other byte to
// 0.
var serviceLower, nameLower = func() (service, name [256]byte) {
	for c := range 128 {
		switch {
		case 'A' <= c && c <= 'Z':
			service[c], name[c] = byte(c)+'a'-'A', byte(c)+'a'-'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			service[c], name[c] = byte(c), byte(c)
		case c == '-':
			service[c] = '-'
		}
	}
	return service, name
}()

// isRequestResource is a faster isResource for a, parsed from s. The text
// before the resource part, "PARTITION:SERVICE:REGION:ACCOUNT", contains
// no ':' but the three that separate its parts. So the parts are
// lower-case names when every byte of that text is a lower-case letter, a
// digit, '-' or ':'. That text is then ASCII, so s is UTF-8 when its
// resource part is.
func isRequestResource(a arn.ARN, s string) bool {
	head := s[len("arn:") : len(s)-len(a.Resource)-1]
	return a.Partition != "" && a.Service != "" && isLowerHead(head) && isText(a.Resource)
}

// parseRequestARN parses s as arn.Parse does and checks it as
// isRequestResource does, in one pass over the text before the resource
// part. It reports false when either would fail. headColons fails exactly
// when s lacks the "arn:" prefix or five colons, which arn.Parse rejects,
// or has a byte before the resource that isRequestResource rejects.
func parseRequestARN(s string) (arn.ARN, bool) {
	c, ok := headColons(s)
	if !ok {
		return arn.ARN{}, false
	}
	a := arn.ARN{
		Partition: s[len("arn:"):c[0]],
		Service:   s[c[0]+1 : c[1]],
		Region:    s[c[1]+1 : c[2]],
		Account:   s[c[2]+1 : c[3]],
		Resource:  s[c[3]+1:],
	}
	return a, a.Partition != "" && a.Service != "" && a.Resource != "" && isText(a.Resource)
}

// headColons returns the offsets of the colons that end the partition,
// service, region and account of the ARN s. It reports false unless s
// starts with "arn:" and every byte before the fourth colon is a
// lower-case ASCII letter, a digit, '-' or ':'.
func headColons(s string) (c [4]int, ok bool) {
	if len(s) < len("arn:") || s[:len("arn:")] != "arn:" {
		return c, false
	}
	n := 0
	for i := len("arn:"); i < len(s); i++ {
		switch headBytes[s[i]] {
		case headColon:
			c[n] = i
			if n++; n == len(c) {
				return c, true
			}
		case headInvalid:
			return c, false
		}
	}
	return c, false
}

// The classes of headBytes.
const (
	headInvalid = iota
	headName    // a lower-case ASCII letter, a digit or '-'
	headColon
)

var headBytes = func() (t [256]uint8) {
	for c := range 128 {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-':
			t[c] = headName
		case c == ':':
			t[c] = headColon
		}
	}
	return t
}()

// isText reports whether s is valid UTF-8, testing first, eight bytes at a
// time, whether it is ASCII.
func isText(s string) bool {
	return isASCII(s) || utf8.ValidString(s)
}

// isASCII reports whether every byte of s is below 0x80, testing eight
// bytes at a time. ASCII text is valid UTF-8.
func isASCII(s string) bool {
	if len(s) < 8 {
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				return false
			}
		}
		return true
	}
	var high uint64
	for i := 0; i < len(s); i += 8 {
		high |= load64(s[min(i, len(s)-8):]) & highBits
	}
	return high == 0
}

// isLowerHead reports whether every byte of s is a lower-case ASCII letter,
// a digit, '-' or ':'.
func isLowerHead(s string) bool {
	for i := 0; i < len(s); i++ {
		if headBytes[s[i]] == headInvalid {
			return false
		}
	}
	return true
}

// isDigits reports whether the eight bytes packed in x are all decimal
// digits.
func isDigits(x uint64) bool {
	return x&highBits == 0 && rangeBytes(x, '0', '9') == highBits
}
