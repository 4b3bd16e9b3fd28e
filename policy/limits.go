package policy

import "strings"

// Default limits. They are far above what AWS stores (IAM identity policies
// are at most 10,240 characters and bucket policies 20 KB) so that large
// generated documents still parse, while bounding the work and memory one
// document can cost. The largest AWS managed policy is about 210 KB.
const (
	DefaultMaxBytes      = 1 << 20 // 1 MiB
	DefaultMaxDepth      = 32      // a valid policy nests at most 6 levels
	DefaultMaxStatements = 10_000
	DefaultMaxValues     = 10_000

	// DefaultMaxWildcards is over ten times the most wildcards in one
	// pattern of an AWS managed policy: 11, in
	// "arn:aws:apigateway:*::/restapis/??????????".
	DefaultMaxWildcards = 128
)

// Limits bounds the documents a parse accepts. A zero field takes the
// default value and a negative field removes that limit. Exceeding a limit
// gives a *ParseError wrapping ErrTooLarge, ErrTooDeep or ErrTooMany.
//
// To accept a larger document, parse it through a Limits value:
//
//	p, err := policy.Limits{MaxBytes: 4 << 20}.Parse(data)
type Limits struct {
	// MaxBytes is the maximum document length in bytes, whitespace
	// included. Default DefaultMaxBytes.
	MaxBytes int

	// MaxDepth is the maximum nesting of arrays and objects, the top-level
	// object counting as 1. Default DefaultMaxDepth.
	MaxDepth int

	// MaxStatements is the maximum number of statements. Default
	// DefaultMaxStatements.
	MaxStatements int

	// MaxValues is the maximum number of values in one Action, NotAction,
	// Resource or NotResource list, one principal type's list, and one
	// condition key's list, and the maximum number of keys under one
	// condition operator. Default DefaultMaxValues.
	MaxValues int

	// MaxWildcards is the maximum number of '*' and '?' characters in one
	// pattern: a value of Action, NotAction, Resource or NotResource, or a
	// value of a StringLike, StringNotLike or Arn condition operator. A
	// matcher's cost grows with the wildcards of the pattern, so this
	// bounds the cost of matching one request value. Default
	// DefaultMaxWildcards.
	MaxWildcards int
}

// resolved returns l with zero fields replaced by their defaults.
func (l Limits) resolved() Limits {
	l.MaxBytes = orDefault(l.MaxBytes, DefaultMaxBytes)
	l.MaxDepth = orDefault(l.MaxDepth, DefaultMaxDepth)
	l.MaxStatements = orDefault(l.MaxStatements, DefaultMaxStatements)
	l.MaxValues = orDefault(l.MaxValues, DefaultMaxValues)
	l.MaxWildcards = orDefault(l.MaxWildcards, DefaultMaxWildcards)
	return l
}

func orDefault(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// exceeds reports whether n is over limit, where a negative limit means
// no limit.
func exceeds(n, limit int) bool {
	return limit >= 0 && n > limit
}

// limitWildcards records an ErrTooMany error and returns false when the
// pattern s, found at offset, has more than MaxWildcards wildcards.
func (p *parser) limitWildcards(s string, offset int, at *path) bool {
	limit := p.limits.MaxWildcards
	if limit < 0 || len(s) <= limit {
		return true
	}
	n := strings.Count(s, "*") + strings.Count(s, "?")
	if n <= limit {
		return true
	}
	p.fail(offset, at, ErrTooMany,
		"pattern has %d wildcards, more than Limits.MaxWildcards (%d); parse with a larger policy.Limits{MaxWildcards: n}",
		n, limit)
	return false
}
