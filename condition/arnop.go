package condition

import (
	"strings"

	"github.com/iameval/iameval/arn"
)

// arnParts is the number of parts an ARN pattern is matched in: partition,
// service, region, account and resource, after the "arn" prefix.
const arnParts = 5

// arnValue is a compiled Arn operator value.
type arnValue struct {
	all   bool // the value is "*", which matches every ARN
	parts [arnParts]pattern
}

// compileARN compiles an Arn operator value: "*", or text that starts with
// "arn:" and has at least five colons, which split it like an ARN. Each of
// the partition, service, region, account and resource parts may hold '*'
// and '?', and, when variables is true, policy variables. A colon inside
// "${...}" does not split parts, because variable names such as
// aws:username contain one. ArnEquals and ArnNotEquals take wildcards
// exactly like ArnLike and ArnNotLike.
//
// The arn package's Pattern, made for the Resource element, rejects a
// wildcard in the service and a variable before the resource part, which
// AWS allows in condition values, so each part is compiled as an arn.Glob.
func (c *Condition) compileARN(v string, variables bool) string {
	if v == "*" {
		c.arns = append(c.arns, arnValue{all: true})
		return ""
	}
	rest, ok := strings.CutPrefix(v, "arn:")
	if !ok {
		return `not an ARN pattern: must be "*" or start with "arn:"`
	}
	var a arnValue
	flags := arn.Wildcards
	if variables {
		flags |= arn.Variables
	}
	for i := range arnParts - 1 {
		end := partEnd(rest, variables)
		if end < 0 {
			return "not an ARN pattern: fewer than 6 colon-separated parts"
		}
		a.parts[i] = compilePattern(rest[:end], flags)
		rest = rest[end+1:]
	}
	a.parts[arnParts-1] = compilePattern(rest, flags)
	c.arns = append(c.arns, a)
	return ""
}

// partEnd returns the index of the colon that ends the first part of s, or
// -1. With variables, a colon inside a closed "${...}" does not count.
func partEnd(s string, variables bool) int {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == ':':
			return i
		case variables && strings.HasPrefix(s[i:], "${"):
			if end := strings.IndexByte(s[i+2:], '}'); end >= 0 {
				i += 2 + end
			}
		}
	}
	return -1
}

// matchARN reports whether value matches at least one policy ARN pattern,
// each part matched on its own, so a wildcard cannot absorb a ':' that
// separates two parts. A '*' in the resource part matches ':' and '/'. A
// value that is not an ARN matches nothing, not even "*".
func (c *Condition) matchARN(ctx *Context, value string) bool {
	parts, ok := splitARN(value)
	if !ok {
		return false
	}
	for i := range c.arns {
		if c.arns[i].match(ctx, &parts) {
			return true
		}
	}
	return false
}

func (a *arnValue) match(ctx *Context, parts *[arnParts]string) bool {
	if a.all {
		return true
	}
	for i := range a.parts {
		if !a.parts[i].match(ctx, parts[i]) {
			return false
		}
	}
	return true
}

// splitARN splits a request value into the parts of an ARN, after checking
// with arn.IsARN that it is one. arn.Parse would do both, but it puts the
// text into its error, which would make every request value escape to the
// heap.
func splitARN(s string) ([arnParts]string, bool) {
	var parts [arnParts]string
	if !arn.IsARN(s) {
		return parts, false
	}
	rest := strings.TrimPrefix(s, "arn:")
	for i := range arnParts - 1 {
		end := strings.IndexByte(rest, ':')
		parts[i], rest = rest[:end], rest[end+1:]
	}
	parts[arnParts-1] = rest
	return parts, true
}
