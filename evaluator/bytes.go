package evaluator

import (
	"encoding/binary"
	"unicode/utf8"

	"github.com/iameval/iameval/arn"
)

// Helpers that test and convert eight ASCII bytes at a time, packed into
// one word with the first byte lowest. Each relies on the bytes being
// below 0x80, so that adding a constant below 0x80 to a byte never carries
// into the next one.

const (
	highBits = 0x8080808080808080
	low7Bits = 0x7f7f7f7f7f7f7f7f
)

// load64 packs the first eight bytes of s, which has at least eight. The
// compiler turns it into a single load.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// zeroBytes returns a word with the high bit set in each zero byte of x,
// and every other bit clear. Adding 0x7f to the low seven bits of a byte
// sets its high bit unless they are all zero.
func zeroBytes(x uint64) uint64 {
	return ^((x&low7Bits + low7Bits) | x | low7Bits)
}

// rangeBytes returns a word with the high bit set in each byte of the
// ASCII word x that lies in [lo, hi], and every other bit clear. Adding
// 0x80-lo sets a byte's high bit when it is at least lo, and adding
// 0x80-hi-1 when it is past hi.
func rangeBytes(x uint64, lo, hi byte) uint64 {
	const ones = 0x0101010101010101
	return (x + ones*uint64(0x80-lo)) &^ (x + ones*uint64(0x7f-hi)) & highBits
}

// lowerAction writes action, of at least eight bytes, in lower case into
// dst and reports whether it is valid as isAction defines it: the bytes
// before colon, the offset of its first ':', are ASCII letters, digits
// and '-', and the bytes after it ASCII letters and digits. It tests
// eight bytes at a time, the last block overlapping the one before it
// when the length is not a multiple of eight. Lowering a byte twice
// changes nothing.
func lowerAction(dst []byte, action string, colon int) bool {
	const dashes = 0x2d2d2d2d2d2d2d2d
	for i := 0; ; i += 8 {
		i = min(i, len(action)-8)
		x := load64(action[i : i+8])
		before, at := colonMasks(colon - i)
		alnum := rangeBytes(x, '0', '9') | rangeBytes(x, 'A', 'Z') | rangeBytes(x, 'a', 'z')
		if x&highBits != 0 || alnum|zeroBytes(x^dashes)&before|at != highBits {
			return false
		}
		// An upper-case letter's high bit, shifted right twice, is 0x20.
		binary.LittleEndian.PutUint64(dst[i:i+8], x|rangeBytes(x, 'A', 'Z')>>2)
		if i+8 == len(action) {
			return true
		}
	}
}

// colonMasks returns, for a block of eight bytes whose byte k is the colon
// of an action (k may lie outside the block), the high bits of the bytes
// before the colon and the high bit of the colon itself.
func colonMasks(k int) (before, at uint64) {
	switch {
	case k < 0:
		return 0, 0
	case k >= 8:
		return highBits, 0
	}
	return highBits & (1<<(8*k) - 1), 0x80 << (8 * k)
}

// isRequestResource is isResource for a parsed from s, faster: the text
// before the resource part, "PARTITION:SERVICE:REGION:ACCOUNT", holds no
// ':' but the three that separate its parts, so the parts are lower-case
// names when every byte of it is a lower-case letter, a digit, '-' or ':'.
// That text is then ASCII, so s is UTF-8 when its resource part is.
func isRequestResource(a arn.ARN, s string) bool {
	head := s[len("arn:") : len(s)-len(a.Resource)-1]
	return a.Partition != "" && a.Service != "" && isLowerHead(head) &&
		(isASCII(a.Resource) || utf8.ValidString(a.Resource))
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
	const dashes, colons = 0x2d2d2d2d2d2d2d2d, 0x3a3a3a3a3a3a3a3a
	if len(s) < 8 {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c != ':' && c != '-' && (c < '0' || c > '9') && (c < 'a' || c > 'z') {
				return false
			}
		}
		return true
	}
	for i := 0; ; i += 8 {
		i = min(i, len(s)-8)
		x := load64(s[i : i+8])
		ok := rangeBytes(x, 'a', 'z') | rangeBytes(x, '0', '9') | zeroBytes(x^dashes) | zeroBytes(x^colons)
		if x&highBits != 0 || ok != highBits {
			return false
		}
		if i+8 == len(s) {
			return true
		}
	}
}

// isDigits reports whether the eight bytes of x are all decimal digits.
func isDigits(x uint64) bool {
	return x&highBits == 0 && rangeBytes(x, '0', '9') == highBits
}

// lowerASCII returns c in lower case when it is an ASCII letter, and c
// otherwise.
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
