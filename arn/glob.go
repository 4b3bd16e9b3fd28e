package arn

import (
	"strings"
)

// Flags select how [CompileGlob] reads a pattern text.
type Flags uint8

const (
	// Wildcards makes '*' and '?' wildcards, as in StringLike, ArnLike and
	// Resource. Without it they match themselves, as in StringEquals.
	Wildcards Flags = 1 << iota

	// Variables makes "${...}" a policy variable. IAM recognizes variables
	// only in policies with Version "2012-10-17". Without this flag "${"
	// is ordinary text, and a '*' or '?' between the braces stays a
	// wildcard if Wildcards is set.
	Variables

	// FoldCase compares characters case-insensitively, as
	// StringEqualsIgnoreCase does.
	FoldCase
)

// Variable is a policy variable found in a pattern text, such as
// ${aws:username} or ${aws:PrincipalTag/team, 'none'}.
type Variable struct {
	Name       string // the key name as written between "${" and "}" or ", '"
	Key        string // Name in lower case, because context keys ignore case
	Default    string // the text between the single quotes of a default
	HasDefault bool   // whether the variable was written with a default
}

// Glob is a compiled pattern text that may contain wildcards and policy
// variables. A Glob is immutable and safe for concurrent use.
type Glob struct {
	text   string
	flags  Flags
	tokens []token
	vars   []Variable

	// shape lets Match skip the general token scan for the most common
	// patterns. literal is the text that shapeLiteral and shapePrefix
	// compare.
	shape   globShape
	literal string
}

type globShape uint8

const (
	shapeGeneral  globShape = iota // any mix of tokens
	shapeLiteral                   // literal text only, or nothing
	shapePrefix                    // literal text, then one '*'
	shapeAll                       // one '*' only
	shapeVariable                  // one variable only
)

type tokenKind uint8

const (
	literalToken  tokenKind = iota // text matches itself
	starToken                      // '*' wildcard
	questionToken                  // '?' wildcard
	variableToken                  // the value bound to vars[index]
)

type token struct {
	kind  tokenKind
	text  string
	index int
}

// CompileGlob compiles text under flags. It accepts every text, because
// each spelling has a meaning:
//
//   - With [Wildcards], '*' matches any run of characters and '?' exactly
//     one character, as in [Match].
//   - With [Variables], ${name} is a variable, and ${name, 'text'} is a
//     variable with the default text. A default needs exactly a comma, one
//     space and single quotes, and may not contain a quote or "${". Any
//     other spelling makes the whole text between "${" and "}" the name, so
//     that variable resolves only if a key of that exact name exists, which
//     in practice never happens. ${*}, ${?} and ${$} stand for a literal
//     '*', '?' and '$'. A "${" without a later "}" is literal text.
//   - Everything else matches itself.
func CompileGlob(text string, flags Flags) *Glob {
	g := &Glob{text: text, flags: flags}
	c := globCompiler{glob: g}
	c.run()
	g.shape, g.literal = shapeOf(g.tokens)
	return g
}

// String returns the text the Glob was compiled from.
func (g *Glob) String() string { return g.text }

// Flags returns the flags the Glob was compiled with.
func (g *Glob) Flags() Flags { return g.flags }

// Variables returns the variables of the pattern, one per distinct spelling,
// in order of first use. [Glob.Match] expects their values in the same
// order. The caller must not modify the returned slice.
func (g *Glob) Variables() []Variable { return g.vars }

// Match reports whether value matches the pattern as a whole, with
// vars[i] standing for Variables()[i]. The caller resolves each variable
// from the request, or takes its default. A substituted value is always
// literal text: a '*' or '?' in it matches only itself. Match reports false
// if len(vars) differs from len(Variables()).
//
// Characters are those of [Match]. Literal text and each value are split
// into characters separately, which differs from splitting the substituted
// text only where one of them is not valid UTF-8. Match does not allocate.
// Its cost is at most O(m × len(value)), where m is the length of the
// pattern with the values substituted.
func (g *Glob) Match(value string, vars []string) bool {
	if len(vars) != len(g.vars) {
		return false
	}
	fold := g.flags&FoldCase != 0
	switch g.shape {
	case shapeAll:
		return true
	case shapeLiteral:
		if !fold {
			return g.literal == value
		}
		n, ok := prefixLiteral(g.literal, value, true)
		return ok && n == len(value)
	case shapePrefix:
		_, ok := prefixLiteral(g.literal, value, fold)
		return ok
	case shapeVariable:
		if !fold {
			// Equal bytes split into the same characters.
			return vars[0] == value
		}
	}
	return matchTokens(g.tokens, vars, value, fold)
}

// shapeOf classifies tokens, returning the literal text of the shapes that
// have one.
func shapeOf(tokens []token) (globShape, string) {
	switch {
	case len(tokens) == 0:
		return shapeLiteral, ""
	case len(tokens) == 1 && tokens[0].kind == literalToken:
		return shapeLiteral, tokens[0].text
	case len(tokens) == 1 && tokens[0].kind == starToken:
		return shapeAll, ""
	case len(tokens) == 1 && tokens[0].kind == variableToken:
		return shapeVariable, ""
	case len(tokens) == 2 && tokens[0].kind == literalToken && tokens[1].kind == starToken:
		return shapePrefix, tokens[0].text
	}
	return shapeGeneral, ""
}

// globCompiler turns a pattern text into tokens.
type globCompiler struct {
	glob    *Glob
	literal strings.Builder // literal text not yet emitted as a token
}

func (c *globCompiler) run() {
	text, flags := c.glob.text, c.glob.flags
	for i := 0; i < len(text); {
		ch := text[i]
		switch {
		case ch == '*' && flags&Wildcards != 0:
			c.emit(token{kind: starToken})
			i++
		case ch == '?' && flags&Wildcards != 0:
			c.emit(token{kind: questionToken})
			i++
		case strings.HasPrefix(text[i:], "${") && flags&Variables != 0:
			end := strings.IndexByte(text[i+2:], '}')
			if end < 0 {
				c.literal.WriteString("${")
				i += 2
				continue
			}
			c.variable(text[i+2 : i+2+end])
			i += 2 + end + 1
		default:
			c.literal.WriteByte(ch)
			i++
		}
	}
	c.flush()
}

// variable handles the text between "${" and "}".
func (c *globCompiler) variable(body string) {
	switch body {
	case "*", "?", "$":
		c.literal.WriteString(body)
		return
	}
	v := parseVariable(body)
	for i, old := range c.glob.vars {
		if old == v {
			c.emit(token{kind: variableToken, index: i})
			return
		}
	}
	c.glob.vars = append(c.glob.vars, v)
	c.emit(token{kind: variableToken, index: len(c.glob.vars) - 1})
}

// parseVariable reads "name" or "name, 'default'".
func parseVariable(body string) Variable {
	const sep = ", '"
	name, def, ok := strings.Cut(body, sep)
	if ok && name != "" && strings.HasSuffix(def, "'") {
		def = def[:len(def)-1]
		if !strings.Contains(def, "'") && !strings.Contains(def, "${") {
			return Variable{Name: name, Key: strings.ToLower(name), Default: def, HasDefault: true}
		}
	}
	return Variable{Name: body, Key: strings.ToLower(body)}
}

func (c *globCompiler) emit(t token) {
	c.flush()
	tokens := c.glob.tokens
	if t.kind == starToken && len(tokens) > 0 && tokens[len(tokens)-1].kind == starToken {
		return // "**" matches what "*" matches
	}
	c.glob.tokens = append(tokens, t)
}

func (c *globCompiler) flush() {
	if c.literal.Len() == 0 {
		return
	}
	c.glob.tokens = append(c.glob.tokens, token{kind: literalToken, text: c.literal.String()})
	c.literal.Reset()
}
