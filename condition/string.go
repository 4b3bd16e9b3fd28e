package condition

import (
	"slices"
	"strings"

	"github.com/iameval/iameval/arn"
)

// compileString compiles a String operator value. In StringLike and
// StringNotLike '*' and '?' are wildcards; in the other String operators
// they are literal characters. The IgnoreCase operators compare under
// Unicode simple case folding, as strings.EqualFold does.
func (c *Condition) compileString(v string, variables bool) string {
	var flags arn.Flags
	switch c.Operator.Base {
	case StringLike, StringNotLike:
		flags = arn.Wildcards
	case StringEqualsIgnoreCase, StringNotEqualsIgnoreCase:
		flags = arn.FoldCase
	}
	if variables {
		flags |= arn.Variables
	}
	if flags&^arn.Variables == 0 && (!variables || !strings.Contains(v, "${")) {
		// Text without wildcards, case folding or variables matches only
		// itself.
		c.literals = append(c.literals, v)
		return ""
	}
	c.patterns = append(c.patterns, compilePattern(v, flags))
	return ""
}

// matchString reports whether value matches at least one policy value. A
// value whose variables cannot be resolved matches nothing.
func (c *Condition) matchString(ctx *Context, value string) bool {
	if slices.Contains(c.literals, value) {
		return true
	}
	for i := range c.patterns {
		if c.patterns[i].match(ctx, value) {
			return true
		}
	}
	return false
}
