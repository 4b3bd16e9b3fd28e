package arn

import (
	"strings"
	"unicode/utf8"
)

// matchTokens is the token form of match in wildcard.go: the first piece is
// anchored at the start of value, the last at the end, and each piece in
// between goes to its leftmost occurrence. A variable token matches the
// text bound to it literally.
func matchTokens(tokens []token, vars []string, value string, fold bool) bool {
	star := indexStar(tokens)
	if star < 0 {
		n, ok := prefixTokens(tokens, vars, value, fold)
		return ok && n == len(value)
	}

	n, ok := prefixTokens(tokens[:star], vars, value, fold)
	if !ok {
		return false
	}
	value = value[n:]
	tokens = tokens[star+1:]

	last := lastIndexStar(tokens)
	n, ok = suffixTokens(tokens[last+1:], vars, value, fold)
	if !ok {
		return false
	}
	value = value[:len(value)-n]
	if last < 0 {
		return true
	}

	middle := tokens[:last]
	for len(middle) > 0 {
		piece := middle
		middle = nil
		if i := indexStar(piece); i >= 0 {
			piece, middle = piece[:i], piece[i+1:]
		}
		end, ok := findTokens(piece, vars, value, fold)
		if !ok {
			return false
		}
		value = value[end:]
	}
	return true
}

// prefixTokens matches a piece without stars against the start of value and
// returns the number of bytes it consumed.
func prefixTokens(piece []token, vars []string, value string, fold bool) (int, bool) {
	j := 0
	for _, t := range piece {
		if t.kind == questionToken {
			if j == len(value) {
				return 0, false
			}
			j += charLen(value[j:])
			continue
		}
		lit := tokenText(t, vars)
		if lit == "" {
			continue
		}
		n, ok := prefixLiteral(lit, value[j:], fold)
		if !ok {
			return 0, false
		}
		j += n
	}
	return j, true
}

// suffixTokens matches a piece without stars against the end of value and
// returns the number of bytes it consumed.
func suffixTokens(piece []token, vars []string, value string, fold bool) (int, bool) {
	j := len(value)
	for i := len(piece) - 1; i >= 0; i-- {
		t := piece[i]
		if t.kind == questionToken {
			if j == 0 {
				return 0, false
			}
			_, n := utf8.DecodeLastRuneInString(value[:j])
			j -= n
			continue
		}
		lit := tokenText(t, vars)
		if lit == "" {
			continue
		}
		n, ok := suffixLiteral(lit, value[:j], fold)
		if !ok {
			return 0, false
		}
		j -= n
	}
	return len(value) - j, true
}

// findTokens finds the leftmost match of a piece without stars in value and
// returns the offset just past it.
func findTokens(piece []token, vars []string, value string, fold bool) (int, bool) {
	if len(piece) == 1 && !fold && piece[0].kind != questionToken {
		lit := tokenText(piece[0], vars)
		if lit == "" {
			return 0, true
		}
		if isPlainLiteral(lit) {
			k := strings.Index(value, lit)
			return k + len(lit), k >= 0
		}
	}
	for start := 0; ; start += charLen(value[start:]) {
		if n, ok := prefixTokens(piece, vars, value[start:], fold); ok {
			return start + n, true
		}
		if start == len(value) {
			return 0, false
		}
	}
}

// tokenText returns the literal text a literal or variable token stands for.
func tokenText(t token, vars []string) string {
	if t.kind == variableToken {
		return vars[t.index]
	}
	return t.text
}

func indexStar(tokens []token) int {
	for i, t := range tokens {
		if t.kind == starToken {
			return i
		}
	}
	return -1
}

func lastIndexStar(tokens []token) int {
	for i := len(tokens) - 1; i >= 0; i-- {
		if tokens[i].kind == starToken {
			return i
		}
	}
	return -1
}
