package evaluator

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/iameval/iameval/arn"
	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/policy"
)

// compiledPolicy is a policy ready for evaluation: every pattern, principal
// and condition parsed, and the statements indexed by action and resource.
type compiledPolicy struct {
	id    PolicyID
	src   *policy.Policy
	stmts []statement
	index *statementIndex // nil for a small policy, whose statements are all visited
}

// statement is a compiled policy statement.
type statement struct {
	src    *policy.Statement
	effect policy.Effect

	notAction bool
	actions   actionSet

	notResource bool
	resources   []resourcePattern

	// principals is nil for identity-based kinds. notPrincipal is true
	// when the element was NotPrincipal. anyone is true when the element
	// is a Principal naming everyone, which grants fully without a look at
	// the caller.
	principals   *principalSet
	notPrincipal bool
	anyone       bool

	conditions condition.Block
}

// matchKind is the way a pattern can be matched without the general glob.
type matchKind uint8

const (
	matchGlob   matchKind = iota // anything else: the general matcher
	matchExact                   // no wildcard: the value equals the text
	matchPrefix                  // text, then one final '*': the value starts with the text
	matchAll                     // "*" alone
)

// classify returns the kind of a pattern and, for matchExact and
// matchPrefix, the literal text the value must equal or start with. A
// pattern with '$', which may start a policy variable, or with a byte
// outside ASCII, is left to the general matcher.
func classify(text string) (matchKind, string) {
	if text == "*" {
		return matchAll, ""
	}
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c >= 0x80 || c == '$' || c == '?':
			return matchGlob, ""
		case c == '*' && i == len(text)-1:
			return matchPrefix, text[:i]
		case c == '*':
			return matchGlob, ""
		}
	}
	return matchExact, text
}

// resourcePattern is one value of Resource or NotResource.
type resourcePattern struct {
	*arn.Pattern
	kind matchKind

	// literal is the text a matching ARN equals (matchExact) or starts
	// with (matchPrefix, matchGlob): for matchGlob, the pattern cut before
	// its first wildcard or '$', so that most ARNs it does not match are
	// turned away without resolving variables.
	literal string
}

func newResourcePattern(p *arn.Pattern) resourcePattern {
	kind, literal := classify(p.String())
	if kind == matchPrefix && strings.Count(literal, ":") < 5 {
		// The '*' is in one of the first five parts, where it cannot cross
		// a ':'.
		kind = matchGlob
	}
	if kind == matchGlob {
		literal = literalPrefix(p.String())
	}
	return resourcePattern{Pattern: p, kind: kind, literal: literal}
}

// literalPrefix returns pattern cut before its first '*', '?' or '$'. Each
// part of an ARN pattern is matched against the same part of an ARN, and
// the parts are joined by the same colons, so every ARN text a pattern
// matches starts with that prefix, whatever the variables stand for.
func literalPrefix(pattern string) string {
	if cut := strings.IndexAny(pattern, "*?$"); cut >= 0 {
		return pattern[:cut]
	}
	return pattern
}

// match reports whether the resource ARN, as text and parsed, matches the
// pattern, with vars the values of its variables.
func (p *resourcePattern) match(text string, a arn.ARN, vars []string) bool {
	switch p.kind {
	case matchExact:
		return text == p.literal
	case matchPrefix:
		return strings.HasPrefix(text, p.literal)
	case matchAll:
		return true
	}
	return p.Pattern.Match(a, vars)
}

// indexing sets when New indexes statements. The defaults come from
// smallPolicy and smallGroup; tests lower them to run every scenario
// through the index.
type indexing struct {
	policy int // a policy with more statements than this is indexed
	group  int // a group with more statements than this gets a prefix index
}

var defaultIndexing = indexing{policy: smallPolicy, group: smallGroup}

// compilePolicy compiles p for the place id. keys collects the condition
// keys the policy refers to, in lower case.
func compilePolicy(p *policy.Policy, id PolicyID, keys map[string]bool, ix indexing) (*compiledPolicy, error) {
	if err := checkPlace(p, id); err != nil {
		return nil, err
	}
	if err := checkGrammar(p, id); err != nil {
		return nil, err
	}
	variables := p.Version == policy.Version2012
	cp := &compiledPolicy{id: id, src: p, stmts: make([]statement, len(p.Statements))}
	for i := range p.Statements {
		if err := cp.stmts[i].compile(&p.Statements[i], variables, keys); err != nil {
			return nil, &PolicyError{
				Policy:   id.String(),
				Path:     "Statement[" + strconv.Itoa(i) + "]",
				Position: p.Position(p.Statements[i].Pos),
				Err:      fmt.Errorf("%w: %w", ErrInvalidPolicy, err),
				msg:      err.Error(),
			}
		}
	}
	if len(cp.stmts) > ix.policy {
		cp.index = buildIndex(cp.stmts, ix.group)
	}
	return cp, nil
}

func (s *statement) compile(src *policy.Statement, variables bool, keys map[string]bool) error {
	if src.Effect != policy.Allow && src.Effect != policy.Deny {
		return fmt.Errorf("effect %s is neither Allow nor Deny", src.Effect)
	}
	s.src, s.effect = src, src.Effect
	s.notAction = src.NotAction != nil
	s.actions = newActionSet(pick(src.Action, src.NotAction))

	s.notResource = src.NotResource != nil
	for _, r := range pick(src.Resource, src.NotResource) {
		pat, err := arn.Compile(r, variables)
		if err != nil {
			return err
		}
		for _, v := range pat.Variables() {
			keys[v.Key] = true
		}
		s.resources = append(s.resources, newResourcePattern(pat))
	}

	switch {
	case src.Principal != nil:
		s.principals = compilePrincipal(src.Principal)
		s.anyone = s.principals.anyone
	case src.NotPrincipal != nil:
		s.principals, s.notPrincipal = compilePrincipal(src.NotPrincipal), true
	}
	return s.compileConditions(src.Conditions, variables, keys)
}

func (s *statement) compileConditions(conds []policy.Condition, variables bool, keys map[string]bool) error {
	for _, c := range conds {
		compiled, err := condition.New(c.Operator, c.Key, c.Values, variables)
		if err != nil {
			return err
		}
		s.conditions = append(s.conditions, compiled)
		keys[strings.ToLower(c.Key)] = true
		if !variables {
			continue
		}
		for _, v := range c.Values {
			if strings.Contains(v, "${") {
				for _, variable := range arn.CompileGlob(v, arn.Variables).Variables() {
					keys[variable.Key] = true
				}
			}
		}
	}
	return nil
}

// pick returns whichever of a and b is set.
func pick(a, b []string) []string {
	if a != nil {
		return a
	}
	return b
}

// smallPolicy is the number of statements up to which a policy is not
// indexed. Measured with callgrind on the 5-statement benchmark policy,
// one index lookup costs fewer instructions than matching the action of
// every statement, so every policy is indexed.
const smallPolicy = 0

// statementIndex finds the statements of a policy that can apply to a
// request, so that a policy with thousands of statements costs little
// more than a small one. Every statement sits in exactly one group for a
// given request action:
//
//   - exact[action]: statements whose Action lists that action by name,
//   - service[prefix]: statements with a wildcard action of that service,
//     such as "s3:Get*" or "s3:*",
//   - other: statements with NotAction or with a wildcard in the service
//     part, such as "*" or "*:Get*". They are visited for every request.
//
// A statement with a wildcard for a service is only in that service's
// group, even if it also lists an action of the service by name, so it is
// not visited twice. Within a large group statements are also keyed by the
// literal text their Resource patterns start with.
//
// merged holds, for each action named in exact, the union of the three
// groups that action visits, so that one lookup finds them all. It is nil
// when the unions would take much more memory than the policy itself.
type statementIndex struct {
	exact   map[string]*group
	service map[string]*group
	other   *group
	merged  map[string]*group
}

// group is a list of statements, with the literal-prefix index when it is
// long.
type group struct {
	// ids are statement indexes in ascending order of statement. An index
	// i stored as ^i (negative) marks a statement whose Action names the
	// request action, so it needs no action check.
	ids []int32

	// byPrefix maps the literal text that every Resource pattern of a
	// statement starts with (up to the first wildcard or variable) to the
	// statements with that text. A request resource can only match the
	// statements whose text it starts with, so lookups take the request
	// resource cut at each length in lengths (ascending). Statements with
	// NotResource or a pattern starting with a wildcard have the empty text.
	byPrefix map[string][]int32
	lengths  []int
}

func buildIndex(stmts []statement, smallGroup int) *statementIndex {
	idx := &statementIndex{exact: map[string]*group{}, service: map[string]*group{}}
	for i := range stmts {
		idx.add(int32(i), &stmts[i])
	}
	idx.merge(len(stmts))
	looked := []map[string]*group{idx.merged, idx.service}
	if idx.merged == nil {
		looked[0] = idx.exact
	} else {
		idx.exact = nil // merged replaces it
	}
	for _, groups := range looked {
		for _, g := range groups {
			g.buildPrefixes(stmts, smallGroup)
		}
	}
	if idx.other != nil {
		idx.other.buildPrefixes(stmts, smallGroup)
	}
	return idx
}

// merge builds idx.merged, unless the unions would hold more than about
// sixteen entries per statement.
func (idx *statementIndex) merge(statements int) {
	total := 0
	for action, g := range idx.exact {
		service, _, _ := strings.Cut(action, ":")
		total += len(g.ids) + idx.service[service].size() + idx.other.size()
	}
	if total > 16*statements+1024 {
		return
	}
	idx.merged = make(map[string]*group, len(idx.exact))
	for action, g := range idx.exact {
		service, _, _ := strings.Cut(action, ":")
		var ids []int32
		for _, part := range []*group{g, idx.service[service], idx.other} {
			if part != nil {
				ids = append(ids, part.ids...)
			}
		}
		slices.SortFunc(ids, func(a, b int32) int { return int(statementOf(a) - statementOf(b)) })
		idx.merged[action] = &group{ids: ids}
	}
}

func (g *group) size() int {
	if g == nil {
		return 0
	}
	return len(g.ids)
}

// statementOf returns the statement index of a group entry.
func statementOf(id int32) int32 {
	if id < 0 {
		return ^id
	}
	return id
}

func (idx *statementIndex) add(id int32, s *statement) {
	if s.notAction || s.actions.anyService > 0 {
		idx.other = appendGroup(idx.other, id)
		return
	}
	wildServices := map[string]bool{}
	for _, a := range s.actions.patterns {
		if a.kind != matchExact {
			service, _ := serviceOf(a.text)
			wildServices[service] = true
		}
	}
	for service := range wildServices {
		idx.service[service] = appendGroup(idx.service[service], id)
	}
	for _, a := range s.actions.patterns {
		service, _ := serviceOf(a.text)
		if a.kind == matchExact && !wildServices[service] {
			g := idx.exact[a.text]
			if g == nil || g.ids[len(g.ids)-1] != ^id {
				idx.exact[a.text] = appendGroup(g, ^id)
			}
		}
	}
}

func appendGroup(g *group, id int32) *group {
	if g == nil {
		g = &group{}
	}
	g.ids = append(g.ids, id)
	return g
}

// smallGroup is the number of statements up to which a group is scanned
// without its prefix index.
const smallGroup = 8

func (g *group) buildPrefixes(stmts []statement, smallGroup int) {
	if len(g.ids) <= smallGroup {
		return
	}
	g.byPrefix = map[string][]int32{}
	for _, id := range g.ids {
		p := stmts[statementOf(id)].resourcePrefix()
		if _, seen := g.byPrefix[p]; !seen {
			g.lengths = append(g.lengths, len(p))
		}
		g.byPrefix[p] = append(g.byPrefix[p], id)
	}
	slices.Sort(g.lengths)
	g.lengths = slices.Compact(g.lengths)
}

// resourcePrefix returns the literal text that every resource the
// statement's Resource element matches starts with: the longest common
// prefix of its patterns, each cut before its first '*', '?' or '$' (which
// may start a variable). It is "" for NotResource.
func (s *statement) resourcePrefix() string {
	if s.notResource {
		return ""
	}
	prefix := ""
	for i, pat := range s.resources {
		text := literalPrefix(pat.String())
		if i == 0 {
			prefix = text
			continue
		}
		prefix = commonPrefix(prefix, text)
	}
	return prefix
}

func commonPrefix(a, b string) string {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return a[:i]
		}
	}
	return a[:n]
}
