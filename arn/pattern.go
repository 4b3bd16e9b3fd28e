package arn

import (
	"strconv"
	"strings"
)

// Pattern is a compiled ARN pattern, as written in Resource, NotResource
// and the values of ArnLike and ArnEquals. A Pattern is immutable and safe
// for concurrent use.
type Pattern struct {
	text string
	all  bool // the pattern is "*"

	partition segment
	service   string
	region    segment
	account   segment
	resource  *Glob

	// vars lists the variables of the region, account and resource parts,
	// in that order; regionVars and accountVars count the first two groups.
	vars        []Variable
	regionVars  int
	accountVars int
}

// segment is one of the partition, region and account parts of a pattern.
// A region or account part that contains a policy variable is compiled to
// glob; the other parts are compared as text or with [Match].
type segment struct {
	text     string
	any      bool // text is "*"
	wildcard bool // text contains '*' or '?'
	glob     *Glob
}

func (s segment) match(value string, vars []string) bool {
	switch {
	case s.glob != nil:
		return s.glob.Match(value, vars)
	case s.any:
		return true
	case s.wildcard:
		return Match(s.text, value)
	}
	return s.text == value
}

func (s segment) variables() []Variable {
	if s.glob == nil {
		return nil
	}
	return s.glob.Variables()
}

// Compile compiles an ARN pattern. The pattern "*" matches every ARN. Any
// other pattern must start with "arn:" and have at least five colons, which
// split it like an ARN into partition, service, region, account and
// resource. The service may not be empty and may not contain '*' or '?'.
//
// If variables is true, "${...}" in the region, account and resource parts
// is a policy variable (see [CompileGlob]), and a ':' inside one does not
// separate parts. AWS managed policies use variables in the account part,
// as in "arn:aws:kms:*:${aws:PrincipalAccount}:key/*". A variable in the
// partition or service is an error. Pass true only for policies with
// Version "2012-10-17".
//
// The error is a [*ParseError] wrapping [ErrBadPrefix], [ErrTooFewSegments],
// [ErrMissingPart], [ErrBadWildcard] or [ErrBadVariable].
func Compile(pattern string, variables bool) (*Pattern, error) {
	if pattern == "*" {
		return &Pattern{text: pattern, all: true}, nil
	}
	a, offset, sentinel := splitPattern(pattern, variables)
	if sentinel != nil {
		msg := `must be "*" or start with "arn:"`
		if sentinel == ErrTooFewSegments {
			msg = colonsMessage(pattern)
		}
		return nil, newParseError(pattern, offset, sentinel, msg)
	}
	if err := checkPatternParts(pattern, a, variables); err != nil {
		return nil, err
	}

	flags := Wildcards
	if variables {
		flags |= Variables
	}
	p := &Pattern{
		text:      pattern,
		partition: newSegment(a.Partition, 0),
		service:   a.Service,
		region:    newSegment(a.Region, flags),
		account:   newSegment(a.Account, flags),
		resource:  CompileGlob(a.Resource, flags),
	}
	p.vars = append(append(append(p.vars, p.region.variables()...), p.account.variables()...), p.resource.Variables()...)
	p.regionVars = len(p.region.variables())
	p.accountVars = len(p.account.variables())
	return p, nil
}

// MustCompile is like [Compile] but panics if the pattern is invalid. It is
// meant for tests and package-level variables with constant text.
func MustCompile(pattern string, variables bool) *Pattern {
	p, err := Compile(pattern, variables)
	if err != nil {
		panic(err)
	}
	return p
}

// newSegment compiles one part of a pattern. With [Variables] in flags, a
// part that contains "${...}" becomes a glob, so that variables and the
// escapes ${*}, ${?} and ${$} take effect.
func newSegment(text string, flags Flags) segment {
	s := segment{text: text, any: text == "*", wildcard: strings.ContainsAny(text, "*?")}
	if flags&Variables != 0 && hasVariable(text) {
		s.glob = CompileGlob(text, flags)
	}
	return s
}

// hasVariable reports whether text contains "${" followed later by "}".
func hasVariable(text string) bool {
	i := strings.Index(text, "${")
	return i >= 0 && strings.IndexByte(text[i:], '}') >= 0
}

// splitPattern is like split, but with variables a ':' between "${" and the
// next "}" does not separate parts, since variable names such as
// aws:PrincipalAccount contain one.
func splitPattern(s string, variables bool) (ARN, int, error) {
	if !variables || !strings.Contains(s, "${") {
		return split(s)
	}
	if !strings.HasPrefix(s, prefix) {
		return ARN{}, 0, ErrBadPrefix
	}
	var colons [4]int
	n := 0
	for i := len(prefix); i < len(s) && n < len(colons); i++ {
		switch {
		case s[i] == '$' && i+1 < len(s) && s[i+1] == '{':
			if end := strings.IndexByte(s[i:], '}'); end >= 0 {
				i += end
			}
		case s[i] == ':':
			colons[n] = i
			n++
		}
	}
	if n < len(colons) {
		return ARN{}, len(s), ErrTooFewSegments
	}
	return ARN{
		Partition: s[len(prefix):colons[0]],
		Service:   s[colons[0]+1 : colons[1]],
		Region:    s[colons[1]+1 : colons[2]],
		Account:   s[colons[2]+1 : colons[3]],
		Resource:  s[colons[3]+1:],
	}, 0, nil
}

// checkPatternParts rejects an empty service, a wildcard in the service, and
// a variable before the resource part.
func checkPatternParts(pattern string, a ARN, variables bool) error {
	if a.Service == "" {
		return newParseError(pattern, a.serviceOffset(), ErrMissingPart, "empty service")
	}
	if i := strings.IndexAny(a.Service, "*?"); i >= 0 {
		return newParseError(pattern, a.serviceOffset()+i, ErrBadWildcard, "wildcard in service "+strconv.Quote(a.Service))
	}
	if !variables {
		return nil
	}
	if hasVariable(a.Partition) {
		return newParseError(pattern, len(prefix), ErrBadVariable, "policy variable in the partition")
	}
	if hasVariable(a.Service) {
		return newParseError(pattern, a.serviceOffset(), ErrBadVariable, "policy variable in the service")
	}
	return nil
}

// String returns the text the pattern was compiled from.
func (p *Pattern) String() string { return p.text }

// IsAll reports whether the pattern is "*", which matches every ARN.
func (p *Pattern) IsAll() bool { return p.all }

// Service returns the service part of the pattern, or "" for "*".
func (p *Pattern) Service() string { return p.service }

// Variables returns the policy variables of the region, account and
// resource parts, in the order
// [Pattern.Match] expects their values. The caller must not modify the
// returned slice.
func (p *Pattern) Variables() []Variable {
	return p.vars
}

// Match reports whether a matches the pattern, with vars[i] standing for
// Variables()[i] (see [Glob.Match]). The partition, service, region and
// account of a are each matched against the same part of the pattern, so a
// wildcard there never matches a ':'. The resource part is matched as a
// whole, so a '*' there matches any run of characters, ':' and '/'
// included. All comparisons are case-sensitive. Match does not allocate.
//
// NOTE: the IAM reference for the Resource element states that a '*' ending
// one of the parts "can expand to match beyond the colon boundaries", while
// the reference for ArnLike states that each part is matched on its own.
// Match follows the second for both, so a Deny whose pattern relies on that
// expansion applies to fewer requests here than it might in AWS.
func (p *Pattern) Match(a ARN, vars []string) bool {
	if p.all {
		return true
	}
	if len(vars) != len(p.vars) {
		return false
	}
	r, acct := p.regionVars, p.regionVars+p.accountVars
	return p.service == a.Service &&
		p.partition.match(a.Partition, nil) &&
		p.region.match(a.Region, vars[:r]) &&
		p.account.match(a.Account, vars[r:acct]) &&
		p.resource.Match(a.Resource, vars[acct:])
}

// MatchString is like [Pattern.Match] for ARN text. It reports false for
// text that [Parse] rejects, whatever the pattern, even "*".
func (p *Pattern) MatchString(s string, vars []string) bool {
	a, _, sentinel := split(s)
	if sentinel != nil {
		return false
	}
	if _, part := missingPart(a); part != "" {
		return false
	}
	return p.Match(a, vars)
}

// MatchesAllOfService reports whether the pattern covers a request for
// service whose resource is "*" rather than an ARN, as for
// s3:ListAllMyBuckets. That holds for the pattern "*" and for a pattern of
// that service whose region, account and resource parts are each "*" or
// empty, such as "arn:aws:s3:::*". The partition is not compared.
func (p *Pattern) MatchesAllOfService(service string) bool {
	if p.all {
		return true
	}
	starOrEmpty := func(s string) bool { return s == "" || s == "*" }
	return p.service == service &&
		starOrEmpty(p.region.text) &&
		starOrEmpty(p.account.text) &&
		starOrEmpty(p.resource.text)
}
