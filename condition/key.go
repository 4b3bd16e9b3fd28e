package condition

import (
	"unicode"
	"unicode/utf8"
)

// Condition key names are case-insensitive, including a tag key after the
// slash: aws:PrincipalTag/Team and AWS:principaltag/team name the same key.
// A key is stored in its folded form, in which every character is replaced
// by the lower case of its upper case. For ASCII that is plain lower case,
// and it also maps characters such as the Kelvin sign or the long s to the
// same letter as their ASCII look-alikes, as Unicode case folding does.

// foldRune returns the folded form of r.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(unicode.ToUpper(r))
}

// isFolded reports whether key is already in folded form, so it can be used
// for a map lookup as it is.
func isFolded(key string) bool {
	if len(key) >= 8 && isLowerASCII(key) {
		return true
	}
	for i := 0; i < len(key); {
		c := key[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(key[i:])
		if !isInvalidRune(r, n) && foldRune(r) != r {
			return false
		}
		i += n
	}
	return true
}

// appendFolded appends the folded form of key to dst. A byte that is not
// valid UTF-8 is copied unchanged.
func appendFolded(dst []byte, key string) []byte {
	for i := 0; i < len(key); {
		c := key[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(key[i:])
		if isInvalidRune(r, n) {
			dst = append(dst, c)
		} else {
			dst = utf8.AppendRune(dst, foldRune(r))
		}
		i += n
	}
	return dst
}

// foldKey returns the folded form of key, allocating only when it differs.
func foldKey(key string) string {
	if isFolded(key) {
		return key
	}
	return string(appendFolded(make([]byte, 0, len(key)+8), key))
}

// foldEqual reports whether a and b have the same folded form.
func foldEqual(a, b string) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		ca, cb := a[i], b[j]
		if ca == cb && ca < utf8.RuneSelf {
			i++
			j++
			continue
		}
		if ca < utf8.RuneSelf && cb < utf8.RuneSelf {
			if lowerASCII(ca) != lowerASCII(cb) {
				return false
			}
			i++
			j++
			continue
		}
		ra, na := utf8.DecodeRuneInString(a[i:])
		rb, nb := utf8.DecodeRuneInString(b[j:])
		if isInvalidRune(ra, na) || isInvalidRune(rb, nb) {
			// Invalid bytes are not folded: they match only themselves.
			if ca != cb {
				return false
			}
			i++
			j++
			continue
		}
		if foldRune(ra) != foldRune(rb) {
			return false
		}
		i += na
		j += nb
	}
	return i == len(a) && j == len(b)
}

const highBits = 0x8080808080808080

// isLowerASCII reports whether key, of at least eight bytes, is ASCII
// without upper-case letters. It tests eight bytes at a time, the last
// block overlapping the one before it when the length is not a multiple
// of eight, and keys of at most 32 bytes without a loop.
func isLowerASCII(key string) bool {
	n := len(key)
	var bad uint64
	switch {
	case n <= 16:
		a, b := load64(key[:8]), load64(key[n-8:])
		bad = (a|b)&highBits | upperBytes(a) | upperBytes(b)
	case n <= 32:
		a, b := load64(key[:8]), load64(key[8:16])
		c, d := load64(key[n-16:n-8]), load64(key[n-8:])
		bad = (a|b|c|d)&highBits | upperBytes(a) | upperBytes(b) | upperBytes(c) | upperBytes(d)
	default:
		for i := 0; i < n; i += 8 {
			x := load64(key[min(i, n-8):])
			bad |= x&highBits | upperBytes(x)
		}
	}
	return bad == 0
}

// load64 packs the first eight bytes of s, which has at least eight, into
// one word, first byte lowest. The compiler turns it into a single load.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// upperBytes returns a word with the high bit set in each byte of x that
// is an upper-case ASCII letter, when every byte of x is ASCII. Adding
// 0x3f to a byte sets its high bit when it is at least 'A', and adding
// 0x25 when it is past 'Z'. A byte below 0x80 carries into no other. For a
// word holding other bytes the result is meaningless, so callers also test
// the high bits of x.
func upperBytes(x uint64) uint64 {
	return (x + 0x3f3f3f3f3f3f3f3f) &^ (x + 0x2525252525252525) & highBits
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isInvalidRune(r rune, size int) bool {
	return r == utf8.RuneError && size == 1
}

// Key is a condition key name ready for lookups. NewKey folds the name
// once, so that Context.Lookup compares it as it is, which makes Lookup
// the faster way to read a key that a program reads for every request.
// The zero Key names the empty key.
type Key struct {
	name   string
	folded string
}

// FoldKey returns name in the folded form in which a Context stores and
// compares keys, so that two names fold to the same text exactly when
// they name the same key. It allocates only when name is not folded.
func FoldKey(name string) string { return foldKey(name) }

// NewKey returns the Key of name, a condition key name in any case.
func NewKey(name string) Key {
	return Key{name: name, folded: foldKey(name)}
}

// String returns the name given to NewKey.
func (k Key) String() string { return k.name }

// Lookup is like Get for a key made by NewKey, without folding it for each
// call. It does not allocate.
func (c *Context) Lookup(k Key) ([]string, bool) {
	return c.lookup(k.folded)
}

// WithKey is like With for a key made by NewKey, without checking for each
// call whether its name is folded.
func (c *Context) WithKey(k Key, values ...string) *Context {
	return &Context{parent: c, key: k.folded, values: values, kind: overrideKey, folded: true}
}
