package arn_test

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// refMatch is a slow reference for arn.Match and arn.MatchFold built on
// regexp. It accepts only valid UTF-8 and reports ok == false otherwise,
// because regexp rejects invalid UTF-8 in an expression.
func refMatch(pattern, value string, fold bool) (matched, ok bool) {
	if !utf8.ValidString(pattern) || !utf8.ValidString(value) {
		return false, false
	}
	var b strings.Builder
	b.WriteString(`^(?s)`)
	if fold {
		b.WriteString(`(?i)`)
	}
	for _, r := range pattern {
		switch r {
		case '*':
			b.WriteString(`.*`)
		case '?':
			b.WriteString(`.`)
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString(`$`)
	return regexp.MustCompile(b.String()).MatchString(value), true
}

// refChars splits s into characters the way the matcher defines them: one
// UTF-8 encoded rune, or one byte that is not part of a valid encoding.
func refChars(s string) []string {
	var chars []string
	for len(s) > 0 {
		_, n := utf8.DecodeRuneInString(s)
		chars = append(chars, s[:n])
		s = s[n:]
	}
	return chars
}

// refMatchChars is a second, case-sensitive reference that also covers
// invalid UTF-8: a dynamic program over the characters of both strings.
func refMatchChars(pattern, value string) bool {
	p, v := refChars(pattern), refChars(value)
	// ok[i][j]: p[i:] matches v[j:].
	ok := make([][]bool, len(p)+1)
	for i := range ok {
		ok[i] = make([]bool, len(v)+1)
	}
	ok[len(p)][len(v)] = true
	for i := len(p) - 1; i >= 0; i-- {
		for j := len(v); j >= 0; j-- {
			switch {
			case p[i] == "*":
				ok[i][j] = ok[i+1][j] || (j < len(v) && ok[i][j+1])
			case j == len(v):
				ok[i][j] = false
			case p[i] == "?":
				ok[i][j] = ok[i+1][j+1]
			default:
				ok[i][j] = p[i] == v[j] && ok[i+1][j+1]
			}
		}
	}
	return ok[0][0]
}

// refGlobMatch is a slow reference for Glob.Match with Wildcards and
// Variables: it substitutes vars into text, quoting every character that
// comes from a variable or an escape, and matches the result as a regexp.
// Every "${" in text must be closed and name a key of vars.
func refGlobMatch(text string, vars map[string]string, value string) bool {
	var b strings.Builder
	b.WriteString(`^(?s)`)
	for i := 0; i < len(text); {
		if strings.HasPrefix(text[i:], "${") {
			end := strings.IndexByte(text[i+2:], '}')
			body := text[i+2 : i+2+end]
			val, ok := vars[body]
			if body == "*" || body == "?" || body == "$" {
				val, ok = body, true
			}
			if !ok {
				panic("reference: no value for variable " + body)
			}
			b.WriteString(regexp.QuoteMeta(val))
			i += 2 + end + 1
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '*':
			b.WriteString(`.*`)
		case '?':
			b.WriteString(`.`)
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
		i += n
	}
	b.WriteString(`$`)
	return regexp.MustCompile(b.String()).MatchString(value)
}
