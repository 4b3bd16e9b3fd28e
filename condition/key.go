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

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isInvalidRune(r rune, size int) bool {
	return r == utf8.RuneError && size == 1
}
