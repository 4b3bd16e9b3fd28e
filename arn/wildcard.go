package arn

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Match reports whether value matches pattern as a whole. In pattern, '*'
// matches any run of characters, including the empty run, and '?' matches
// exactly one character. Every other character, including '$', '{', '/' and
// ':', matches only itself, and there is no escape syntax. Comparison is
// case-sensitive.
//
// A character is one UTF-8 encoded rune, so '?' matches "é" (two bytes) and
// '*' never stops inside an encoded rune. A byte that is not part of a valid
// encoding counts as one character of its own, so invalid UTF-8 in either
// argument is matched byte by byte and never causes a panic.
//
// Match scans iteratively, without recursion or allocation. It places the
// text before the first '*' at the start of value and the text after the
// last '*' at the end. Every piece in between goes to its leftmost possible
// position, which never loses a match when '*' and '?' are the only
// wildcards. The cost is therefore at most O(len(pattern) × len(value))
// character comparisons. It is linear in len(value) when the pieces between
// stars are short, whatever the number of stars.
func Match(pattern, value string) bool {
	ok, _ := match(pattern, value, false)
	return ok
}

// MatchFold is like [Match] but compares characters case-insensitively,
// under Unicode simple case folding as [strings.EqualFold] does. IAM
// compares action names this way, so "s3:get*" matches "S3:GetObject".
// The cost bound of [Match] applies.
func MatchFold(pattern, value string) bool {
	ok, _ := match(pattern, value, true)
	return ok
}

// match reports whether value matches pattern. It also returns the number
// of steps it took (character comparisons plus bytes skipped while searching),
// which tests use to check the cost bound without timing anything.
func match(pattern, value string, fold bool) (bool, int) {
	star := strings.IndexByte(pattern, '*')
	if star < 0 {
		n, ok, work := matchPrefix(pattern, value, fold)
		return ok && n == len(value), work
	}

	// The text before the first star is anchored at the start of value.
	n, ok, work := matchPrefix(pattern[:star], value, fold)
	if !ok {
		return false, work
	}
	value = value[n:]
	pattern = pattern[star+1:]

	// The text after the last star is anchored at the end of value.
	last := strings.LastIndexByte(pattern, '*')
	n, ok, steps := matchSuffix(pattern[last+1:], value, fold)
	work += steps
	if !ok {
		return false, work
	}
	value = value[:len(value)-n]
	if last < 0 {
		return true, work
	}

	// Each piece between two stars goes to its leftmost occurrence. A later
	// occurrence would leave less room for the pieces that follow it.
	middle := pattern[:last]
	for middle != "" {
		piece := middle
		middle = ""
		if i := strings.IndexByte(piece, '*'); i >= 0 {
			piece, middle = piece[:i], piece[i+1:]
		}
		if piece == "" {
			continue
		}
		end, ok, steps := findPiece(piece, value, fold)
		work += steps
		if !ok {
			return false, work
		}
		value = value[end:]
	}
	return true, work
}

// matchPrefix matches piece, which contains no '*', against the start of
// value. It returns the number of bytes of value the piece consumed.
func matchPrefix(piece, value string, fold bool) (int, bool, int) {
	j, work := 0, 0
	for piece != "" {
		if piece[0] == '?' {
			work++
			if j == len(value) {
				return 0, false, work
			}
			j += charLen(value[j:])
			piece = piece[1:]
			continue
		}
		lit := piece
		if k := strings.IndexByte(piece, '?'); k >= 0 {
			lit = piece[:k]
		}
		piece = piece[len(lit):]
		work += len(lit)
		n, ok := prefixLiteral(lit, value[j:], fold)
		if !ok {
			return 0, false, work
		}
		j += n
	}
	return j, true, work
}

// matchSuffix matches piece, which contains no '*', against the end of
// value, walking both backwards. It returns the number of bytes of value the
// piece consumed.
func matchSuffix(piece, value string, fold bool) (int, bool, int) {
	j, work := len(value), 0
	for piece != "" {
		if piece[len(piece)-1] == '?' {
			work++
			if j == 0 {
				return 0, false, work
			}
			_, n := utf8.DecodeLastRuneInString(value[:j])
			j -= n
			piece = piece[:len(piece)-1]
			continue
		}
		lit := piece[strings.LastIndexByte(piece, '?')+1:]
		piece = piece[:len(piece)-len(lit)]
		work += len(lit)
		n, ok := suffixLiteral(lit, value[:j], fold)
		if !ok {
			return 0, false, work
		}
		j -= n
	}
	return len(value) - j, true, work
}

// prefixLiteral matches the literal text lit against the start of value and
// returns the number of bytes of value it consumed.
func prefixLiteral(lit, value string, fold bool) (int, bool) {
	// Equal bytes are equal characters unless lit ends in a truncated
	// encoding that the bytes after it in value would complete.
	if !fold && endsWithWholeChar(lit) {
		return len(lit), strings.HasPrefix(value, lit)
	}
	i, j := 0, 0
	for i < len(lit) {
		if j == len(value) {
			return 0, false
		}
		if lit[i] < utf8.RuneSelf && value[j] < utf8.RuneSelf {
			if !sameASCII(lit[i], value[j], fold) {
				return 0, false
			}
			i++
			j++
			continue
		}
		pr, ps := utf8.DecodeRuneInString(lit[i:])
		vr, vs := utf8.DecodeRuneInString(value[j:])
		if !sameChar(lit[i:i+ps], value[j:j+vs], pr, vr, fold) {
			return 0, false
		}
		i += ps
		j += vs
	}
	return j, true
}

// suffixLiteral matches the literal text lit against the end of value and
// returns the number of bytes of value it consumed.
func suffixLiteral(lit, value string, fold bool) (int, bool) {
	// Equal bytes are equal characters unless lit starts with a
	// continuation byte that the bytes before it in value would complete.
	if !fold && utf8.RuneStart(lit[0]) {
		return len(lit), strings.HasSuffix(value, lit)
	}
	i, j := len(lit), len(value)
	for i > 0 {
		if j == 0 {
			return 0, false
		}
		if lit[i-1] < utf8.RuneSelf && value[j-1] < utf8.RuneSelf {
			if !sameASCII(lit[i-1], value[j-1], fold) {
				return 0, false
			}
			i--
			j--
			continue
		}
		pr, ps := utf8.DecodeLastRuneInString(lit[:i])
		vr, vs := utf8.DecodeLastRuneInString(value[:j])
		if !sameChar(lit[i-ps:i], value[j-vs:j], pr, vr, fold) {
			return 0, false
		}
		i -= ps
		j -= vs
	}
	return len(value) - j, true
}

// findPiece finds the leftmost position in value where piece, which contains
// no '*' and is not empty, matches. It returns the offset just past that match.
func findPiece(piece, value string, fold bool) (int, bool, int) {
	if !fold && isPlainLiteral(piece) {
		// strings.Index runs in O(len(piece) + len(value)).
		if k := strings.Index(value, piece); k >= 0 {
			return k + len(piece), true, k + len(piece)
		}
		return 0, false, len(value)
	}
	work := 0
	start := 0
	for start < len(value) {
		// An ASCII byte always starts a character, so a case-sensitive
		// search can jump straight to the next occurrence of it.
		if first := piece[0]; !fold && first != '?' && first < utf8.RuneSelf {
			k := strings.IndexByte(value[start:], first)
			if k < 0 {
				return 0, false, work + len(value) - start
			}
			work += k
			start += k
		}
		n, ok, steps := matchPrefix(piece, value[start:], fold)
		work += steps
		if ok {
			return start + n, true, work
		}
		start += charLen(value[start:])
	}
	return 0, false, work
}

// isPlainLiteral reports whether every byte match of piece in a value is
// also a character match: piece has no '?', does not start with a UTF-8
// continuation byte and does not end in a truncated encoding.
func isPlainLiteral(piece string) bool {
	return utf8.RuneStart(piece[0]) && endsWithWholeChar(piece) && strings.IndexByte(piece, '?') < 0
}

// endsWithWholeChar reports whether s is empty or its last character is an
// ASCII byte or a complete UTF-8 encoding.
func endsWithWholeChar(s string) bool {
	if s == "" || s[len(s)-1] < utf8.RuneSelf {
		return true
	}
	r, n := utf8.DecodeLastRuneInString(s)
	return !isInvalid(r, n)
}

// sameChar reports whether the pattern character p (rune pr) matches the
// value character v (rune vr). Invalid bytes match only the same byte.
func sameChar(p, v string, pr, vr rune, fold bool) bool {
	if p == v {
		return true
	}
	if !fold || isInvalid(pr, len(p)) || isInvalid(vr, len(v)) {
		return false
	}
	return equalFold(pr, vr)
}

// equalFold reports whether a and b are equal under Unicode simple case
// folding.
func equalFold(a, b rune) bool {
	if a == b {
		return true
	}
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}

func isInvalid(r rune, size int) bool {
	return r == utf8.RuneError && size == 1
}

// charLen returns the length in bytes of the first character of s, which
// must not be empty.
func charLen(s string) int {
	if s[0] < utf8.RuneSelf {
		return 1
	}
	_, n := utf8.DecodeRuneInString(s)
	return n
}

func sameASCII(p, v byte, fold bool) bool {
	return p == v || fold && lowerASCII(p) == lowerASCII(v)
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
