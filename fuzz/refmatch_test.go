package fuzz

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/iameval/iameval/arn"
)

// This file is the reference evaluator's text matching: wildcards,
// policy variables and ARN patterns, written as plainly as possible on top
// of regexp so that it can be checked against the rules by reading it.
// It does not use the arn package's Match, Glob or Pattern.

// globOptions are the ways refGlob can read a pattern text.
type globOptions struct {
	wildcards bool // '*' matches any run of characters and '?' exactly one
	variables bool // "${...}" is a policy variable (Version 2012-10-17 only)
	fold      bool // compare under Unicode simple case folding
}

// lookupFunc returns the values of a request context key, given in any
// case, and whether the key is present.
type lookupFunc func(key string) ([]string, bool)

// refMatch reports whether value matches pattern, where '*' matches any
// run of characters, '?' exactly one character, and nothing else is
// special.
func refMatch(pattern, value string, fold bool) bool {
	ok, _ := refGlob(pattern, value, globOptions{wildcards: true, fold: fold}, nil)
	return ok
}

// refGlob reports whether value matches the pattern text under opts. A
// character is one UTF-8 encoded rune, or one byte that is not part of a
// valid encoding. With variables, ${name} stands for the only value of the
// context key name (case-insensitive), ${name, 'default'} (exactly a comma,
// one space and single quotes) takes default when the key is absent, and
// ${*}, ${?}, ${$} stand for a literal '*', '?', '$'. A substituted value
// is literal text. resolved is false when a variable has no value: its key
// is absent without a default, or has several values. The pattern then
// matches nothing.
func refGlob(pattern, value string, opts globOptions, lookup lookupFunc) (matched, resolved bool) {
	pieces, resolved := globPieces(pattern, opts, lookup)
	if !resolved {
		return false, false
	}
	texts := []string{value}
	for _, p := range pieces {
		texts = append(texts, p.text)
	}
	invalid := invalidByteBase(texts...)

	var expr strings.Builder
	expr.WriteString(`^(?s)`)
	if opts.fold {
		expr.WriteString(`(?i)`)
	}
	for _, p := range pieces {
		switch p.kind {
		case pieceStar:
			expr.WriteString(`.*`)
		case pieceQuestion:
			expr.WriteString(`.`)
		default:
			expr.WriteString(regexp.QuoteMeta(replaceInvalid(p.text, invalid)))
		}
	}
	expr.WriteString(`$`)
	re := regexp.MustCompile(expr.String())
	return re.MatchString(replaceInvalid(value, invalid)), true
}

type pieceKind uint8

const (
	pieceText pieceKind = iota
	pieceStar
	pieceQuestion
)

// piece is a run of literal text or one wildcard of a pattern, with the
// policy variables already substituted.
type piece struct {
	kind pieceKind
	text string
}

// globPieces splits pattern into pieces, substituting its variables.
// resolved is false when a variable has no value.
func globPieces(pattern string, opts globOptions, lookup lookupFunc) (pieces []piece, resolved bool) {
	for i := 0; i < len(pattern); {
		if opts.variables && strings.HasPrefix(pattern[i:], "${") {
			end := strings.IndexByte(pattern[i+2:], '}')
			if end >= 0 {
				text, ok := substitute(pattern[i+2:i+2+end], lookup)
				if !ok {
					return nil, false
				}
				pieces = append(pieces, piece{pieceText, text})
				i += 2 + end + 1
				continue
			}
			// A "${" that is never closed is literal text.
		}
		_, n := utf8.DecodeRuneInString(pattern[i:])
		c := pattern[i : i+n]
		switch {
		case opts.wildcards && c == "*":
			pieces = append(pieces, piece{kind: pieceStar})
		case opts.wildcards && c == "?":
			pieces = append(pieces, piece{kind: pieceQuestion})
		default:
			pieces = append(pieces, piece{pieceText, c})
		}
		i += n
	}
	return pieces, true
}

// substitute returns the text a policy variable stands for, given the text
// between "${" and "}".
func substitute(body string, lookup lookupFunc) (string, bool) {
	switch body {
	case "*", "?", "$":
		return body, true
	}
	name, def, hasDefault := splitDefault(body)
	var values []string
	present := false
	if lookup != nil {
		values, present = lookup(name)
	}
	switch {
	case present && len(values) == 1:
		return values[0], true
	case !present && hasDefault:
		return def, true
	}
	return "", false
}

// splitDefault splits "name, 'default'" into its parts. Any other spelling
// is a name without default.
func splitDefault(body string) (name, def string, ok bool) {
	name, rest, found := strings.Cut(body, ", '")
	if !found || name == "" || !strings.HasSuffix(rest, "'") {
		return body, "", false
	}
	def = strings.TrimSuffix(rest, "'")
	if strings.Contains(def, "'") || strings.Contains(def, "${") {
		return body, "", false
	}
	return name, def, true
}

// invalidByteBase returns the first rune of a block of 256 runes that
// occurs in none of texts. regexp cannot express a byte that is not valid
// UTF-8, so each such byte b is replaced by the rune base+b on both sides
// of a match, which keeps it a character of its own equal only to itself.
func invalidByteBase(texts ...string) rune {
	for base := rune(0xF0000); ; base += 0x100 {
		used := false
		for _, t := range texts {
			for _, r := range t {
				if r >= base && r < base+0x100 {
					used = true
				}
			}
		}
		if !used {
			return base
		}
	}
}

// replaceInvalid replaces each byte of s that is not valid UTF-8 by the
// rune base plus its value.
func replaceInvalid(s string, base rune) string {
	var b strings.Builder
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(base + rune(s[0]))
		} else {
			b.WriteString(s[:n])
		}
		s = s[n:]
	}
	return b.String()
}

// splitPattern splits an ARN pattern at its first five colons, outside
// "${...}" when variables are on, into the "arn" prefix, partition,
// service, region, account and resource. It reports false when the text has
// fewer than five such colons.
func splitPattern(text string, variables bool) ([6]string, bool) {
	var parts [6]string
	n, start := 0, 0
	for i := 0; i < len(text) && n < 5; i++ {
		if variables && strings.HasPrefix(text[i:], "${") {
			if end := strings.IndexByte(text[i+2:], '}'); end >= 0 {
				i += 2 + end
				continue
			}
		}
		if text[i] == ':' {
			parts[n] = text[start:i]
			n++
			start = i + 1
		}
	}
	if n < 5 {
		return parts, false
	}
	parts[5] = text[start:]
	return parts, true
}

// refARNMatch reports whether the ARN value matches the ARN pattern. "*"
// matches every ARN. Any other pattern must start with "arn:", and each of
// its partition, service, region, account and resource parts is a glob
// matched against the same part of value. So no wildcard spans a colon
// between parts, while the resource part may hold colons of its own. A
// value that is not an ARN matches nothing. resolved is false when a
// variable of the pattern has no value.
func refARNMatch(pattern, value string, variables bool, lookup lookupFunc) (matched, resolved bool) {
	a, err := arn.Parse(value)
	if err != nil {
		return false, true
	}
	if pattern == "*" {
		return true, true
	}
	parts, ok := splitPattern(pattern, variables)
	if !ok || parts[0] != "arn" {
		return false, true
	}
	values := [6]string{"arn", a.Partition, a.Service, a.Region, a.Account, a.Resource}
	opts := globOptions{wildcards: true, variables: variables}
	matched = true
	for i := 1; i < 6; i++ {
		ok, resolved := refGlob(parts[i], values[i], opts, lookup)
		if !resolved {
			return false, false
		}
		matched = matched && ok
	}
	return matched, true
}

// refMatchesAllOfService reports whether a Resource pattern may cover a
// request whose resource is "*" because its action has no resource type.
// That is the pattern "*", and a pattern of the action's service whose
// region, account and resource parts are each "*" or empty. The caller
// decides what the second kind means (see refGate.resourceMatches).
func refMatchesAllOfService(pattern, service string) bool {
	if pattern == "*" {
		return true
	}
	parts, ok := splitPattern(pattern, false)
	if !ok || parts[0] != "arn" || parts[2] != strings.ToLower(service) {
		return false
	}
	for _, p := range parts[3:] {
		if p != "" && p != "*" {
			return false
		}
	}
	return true
}
