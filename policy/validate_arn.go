package policy

import (
	"fmt"
	"slices"
	"strings"
)

// arnParts are the six colon-separated parts of an ARN pattern.
type arnParts struct {
	partition, service, region, account, resource string
}

// splitPattern splits a Resource pattern at its first five colons. When
// variables are on, a colon inside ${...} does not split. It reports
// false for text that is not an ARN pattern.
func splitPattern(s string, variables bool) (arnParts, bool) {
	rest, ok := strings.CutPrefix(s, "arn:")
	if !ok {
		return arnParts{}, false
	}
	p := &parser{variables: variables}
	var parts [4]string
	for i := range parts {
		end := p.partEnd(rest)
		if end < 0 {
			return arnParts{}, false
		}
		parts[i], rest = rest[:end], rest[end+1:]
	}
	return arnParts{parts[0], parts[1], parts[2], parts[3], rest}, true
}

// allWildcard reports whether region, account and resource are each "*"
// or empty, the patterns that match the resource "*" of an action that
// names no resource type.
func (a arnParts) allWildcard() bool {
	for _, part := range [...]string{a.region, a.account, a.resource} {
		if part != "" && part != "*" {
			return false
		}
	}
	return true
}

// arnTemplate is an ARN template of a resource type, such as
// "arn:${Partition}:s3:::${BucketName}/${ObjectName}", ready to be
// intersected with Resource patterns.
type arnTemplate struct {
	text                             string
	service, region, account         string
	regionGlob, accountGlob, resGlob []globToken
}

// parseTemplate reads a template as the table stores it, without the
// leading "arn:${Partition}:".
func parseTemplate(s string) arnTemplate {
	parts := strings.SplitN(s, ":", 4)
	for len(parts) < 4 {
		parts = append(parts, "")
	}
	t := arnTemplate{
		text:    "arn:${Partition}:" + s,
		service: parts[0],
		region:  parts[1],
		account: parts[2],
	}
	t.regionGlob = templateGlob(t.region, ':', true)
	t.accountGlob = templateGlob(t.account, ':', true)
	t.resGlob = templateGlob(parts[3], 0, false)
	return t
}

// matches reports whether some ARN matches both the template and the
// pattern.
func (t *arnTemplate) matches(p arnParts, variables bool) bool {
	return p.service == t.service &&
		intersect(patternGlob(p.region, variables), t.regionGlob) &&
		intersect(patternGlob(p.account, variables), t.accountGlob) &&
		intersect(patternGlob(p.resource, variables), t.resGlob)
}

// charClass is a set of characters a glob token accepts.
type charClass uint8

const (
	classLiteral charClass = iota // exactly the token's byte
	classAny                      // any byte
	classExcept                   // any byte but the token's byte
)

// globToken is one step of a glob: one character of a class, or, with
// star set, any number of them.
type globToken struct {
	class charClass
	char  byte
	star  bool
}

func (t globToken) accepts(c byte) bool {
	switch t.class {
	case classLiteral:
		return c == t.char
	case classExcept:
		return c != t.char
	}
	return true
}

// overlaps reports whether some byte satisfies both tokens.
func (t globToken) overlaps(u globToken) bool {
	switch {
	case t.class == classLiteral:
		return u.accepts(t.char)
	case u.class == classLiteral:
		return t.accepts(u.char)
	}
	return true // two classes of "all but one byte" always share a byte
}

// slashFreeNames are placeholders whose values never hold '/', even at
// the end of an ARN: S3 bucket names and access point names and aliases
// are DNS-style names of letters, digits, dots and hyphens.
var slashFreeNames = []string{"BucketName", "AccessPointName", "AccessPointAlias"}

// templateGlob turns a template part into glob tokens. A ${Name}
// placeholder stands for a run of characters, which cannot hold the
// character that follows the placeholder, so that in
// "${BucketName}/${ObjectName}" the bucket name holds no '/', while the
// log group name of "${LogGroupName}:log-stream:..." may. At the end of
// a part it cannot hold stop, if there is one. In the Region and account
// parts, which have a stop of ':', a placeholder may also be empty. AWS-owned
// resources such as the SSM document
// arn:aws:ssm:us-east-1::document/AWS-RunShellScript have no account. In
// the resource part a placeholder holds at least one character. A '*'
// stands for any run of characters.
func templateGlob(s string, stop byte, hasStop bool) []globToken {
	var out []globToken
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], "${") && strings.IndexByte(s[i:], '}') > 0:
			start := i
			i += strings.IndexByte(s[i:], '}')
			name := s[start+2 : i]
			t := globToken{class: classAny, star: true}
			switch {
			case slices.Contains(slashFreeNames, name):
				t = globToken{class: classExcept, char: '/', star: true}
			case i+1 < len(s):
				t = globToken{class: classExcept, char: s[i+1], star: true}
			case hasStop:
				t = globToken{class: classExcept, char: stop, star: true}
			}
			if hasStop {
				out = append(out, t) // the part may be empty
			} else {
				single := t
				single.star = false
				out = append(out, single, t)
			}
		case s[i] == '*':
			out = append(out, globToken{class: classAny, star: true})
		default:
			out = append(out, globToken{class: classLiteral, char: s[i]})
		}
	}
	return out
}

// patternGlob turns a part of a Resource pattern into glob tokens: '*'
// and '?' are wildcards, ${*}, ${?} and ${$} are the literal characters,
// and any other policy variable may stand for any text.
func patternGlob(s string, variables bool) []globToken {
	var out []globToken
	for i := 0; i < len(s); i++ {
		if variables && strings.HasPrefix(s[i:], "${") {
			if end := strings.IndexByte(s[i:], '}'); end > 0 {
				body := s[i+2 : i+end]
				i += end
				if body == "*" || body == "?" || body == "$" {
					out = append(out, globToken{class: classLiteral, char: body[0]})
				} else {
					out = append(out, globToken{class: classAny, star: true})
				}
				continue
			}
		}
		switch s[i] {
		case '*':
			out = append(out, globToken{class: classAny, star: true})
		case '?':
			out = append(out, globToken{class: classAny})
		default:
			out = append(out, globToken{class: classLiteral, char: s[i]})
		}
	}
	return out
}

// intersect reports whether some text matches both globs. It explores the
// pairs of positions in the two globs that a common text can reach, so
// its cost is O(len(a) × len(b)).
func intersect(a, b []globToken) bool {
	width := len(b) + 1
	seen := make([]bool, (len(a)+1)*width)
	stack := []int{0}
	for len(stack) > 0 {
		state := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[state] {
			continue
		}
		seen[state] = true
		i, j := state/width, state%width
		if i == len(a) && j == len(b) {
			return true
		}
		if i < len(a) && a[i].star {
			stack = append(stack, (i+1)*width+j)
		}
		if j < len(b) && b[j].star {
			stack = append(stack, i*width+j+1)
		}
		if i < len(a) && j < len(b) && a[i].overlaps(b[j]) {
			ni, nj := i, j
			if !a[i].star {
				ni++
			}
			if !b[j].star {
				nj++
			}
			stack = append(stack, ni*width+nj)
		}
	}
	return false
}

// resourceTypes reports each Action value for which no Resource of the
// statement can name a resource of the types the matched actions act on.
// Such an action is granted or denied on nothing.
func (v *validator) resourceTypes(st *Statement, at path) {
	if st.Action == nil || st.Resource == nil || slices.Contains(st.Resource, "*") {
		return
	}
	var patterns []arnParts
	for _, r := range st.Resource {
		if parts, ok := splitPattern(r, v.vars); ok {
			patterns = append(patterns, parts)
		}
	}
	if len(patterns) < len(st.Resource) {
		return
	}

	fit := typeFit{patterns: patterns, variables: v.vars, cache: make(map[*iamService][]int8)}
	for i, action := range st.Action {
		prefix, name, ok := strings.Cut(action, ":")
		if !ok {
			continue
		}
		s := v.ix.service(prefix)
		if s == nil {
			continue
		}
		actions := s.matchActions(name)
		if len(actions) == 0 || slices.ContainsFunc(actions, func(a *iamAction) bool { return fit.action(s, a) }) {
			continue
		}
		v.report(CodeResourceTypeMismatch, v.listPath(at.member("Action"), st.ActionPos, i), posOf(st.ActionPos, i),
			"%s; no Resource of this statement has that form, so the statement %s nothing for it",
			describeTypes(s, actions, action), verbFor(st.Effect))
	}
}

// typeFit decides which resource types the Resource patterns of one
// statement can name. It caches the result per resource type, so that a
// statement with many actions and resources costs one intersection per
// pair of pattern and resource type.
type typeFit struct {
	patterns  []arnParts
	variables bool
	cache     map[*iamService][]int8 // per resource type: 0 unknown, 1 fits, -1 does not
}

// action reports whether one of the patterns can name a resource the
// action acts on.
func (f *typeFit) action(s *iamService, a *iamAction) bool {
	if !a.requiresType() && slices.ContainsFunc(f.patterns, func(p arnParts) bool {
		return p.service == s.prefix && p.allWildcard()
	}) {
		return true
	}
	return slices.ContainsFunc(a.types, func(ref resourceRef) bool { return f.resourceType(s, int(ref.index)) })
}

// resourceType reports whether one of the patterns can name a resource
// of the service's resource type i.
func (f *typeFit) resourceType(s *iamService, i int) bool {
	known := f.cache[s]
	if known == nil {
		known = make([]int8, len(s.resourceTypes))
		f.cache[s] = known
	}
	if known[i] == 0 {
		known[i] = -1
		rt := &s.resourceTypes[i]
		for _, p := range f.patterns {
			if slices.ContainsFunc(rt.templates, func(t arnTemplate) bool { return t.matches(p, f.variables) }) {
				known[i] = 1
				break
			}
		}
	}
	return known[i] > 0
}

// describeTypes describes the resources the actions act on, for a
// message.
func describeTypes(s *iamService, actions []*iamAction, written string) string {
	var forms []string
	for _, a := range actions {
		for _, ref := range a.types {
			for _, t := range s.resourceTypes[ref.index].templates {
				if !slices.Contains(forms, t.text) {
					forms = append(forms, t.text)
				}
			}
		}
	}
	if len(forms) == 0 {
		return fmt.Sprintf("%q names no resource type, so it needs Resource \"*\"", written)
	}
	const maxForms = 3
	list := strings.Join(forms[:min(len(forms), maxForms)], ", ")
	if len(forms) > maxForms {
		list += fmt.Sprintf(" and %d more", len(forms)-maxForms)
	}
	return fmt.Sprintf("%q acts on resources such as %s", written, list)
}

func verbFor(e Effect) string {
	if e == Deny {
		return "denies"
	}
	return "allows"
}
