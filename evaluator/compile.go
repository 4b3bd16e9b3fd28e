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

	// ordinal numbers the indexed policies of an evaluator, for its
	// groupTables.
	ordinal int32
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

	// conditions lists every condition of the statement, for Explain.
	// fixed is the outcome, on each request path, of the conditions
	// decided when the evaluator was built (see foldAccessPointKeys), and
	// live lists the others, which Evaluate checks per request.
	conditions condition.Block
	fixed      [pathCount]condition.Outcome
	live       condition.Block
}

// requestPath is the way a request reaches its resource.
type requestPath uint8

const (
	pathDirect      requestPath = iota // to the resource itself
	pathAccessPoint                    // through the evaluator's S3 access point
	pathCount
)

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

	// keys are the context keys of the pattern's variables, in the order
	// of its Variables.
	keys []condition.Key

	// tail is the part of a matchGlob pattern after literal, when literal
	// contains the whole partition, service, region and account (see
	// newTail), and nil otherwise.
	tail *arn.Glob
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
	pat := resourcePattern{Pattern: p, kind: kind, literal: literal}
	for _, v := range p.Variables() {
		pat.keys = append(pat.keys, condition.NewKey(v.Key))
	}
	if kind == matchGlob {
		pat.tail = newTail(p, literal)
	}
	return pat
}

// newTail compiles the text of p after literal, its literal prefix, when
// that prefix is ASCII and contains the first five parts with their
// colons. An ARN starting with the prefix then has exactly those parts, so
// p matches it when the rest of its text matches the tail. The tail has
// the variables of p, in the same order. For any other pattern newTail
// returns nil, and the pattern is matched part by part.
func newTail(p *arn.Pattern, literal string) *arn.Glob {
	if strings.Count(literal, ":") < 5 || !isASCII(literal) {
		return nil
	}
	rest := p.String()[len(literal):]
	flags := arn.Wildcards
	switch {
	case len(p.Variables()) > 0:
		flags |= arn.Variables
	case strings.Contains(rest, "${"):
		// Without variables, this is an escape such as ${*} or the text
		// of a policy version without variables, so it is left to the
		// part-by-part match.
		return nil
	}
	tail := arn.CompileGlob(rest, flags)
	if !slices.Equal(tail.Variables(), p.Variables()) {
		return nil
	}
	return tail
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

// matchGlob reports whether the resource ARN, as text and parsed, matches
// the matchGlob pattern p, with vars the values of its variables. The
// caller has checked that text starts with p.literal.
func (p *resourcePattern) matchGlob(text string, a arn.ARN, vars []string) bool {
	if p.tail != nil {
		return p.tail.Match(text[len(p.literal):], vars)
	}
	return p.Pattern.Match(a, vars)
}

// keyUse records how the policies of a set refer to a condition key.
type keyUse uint8

const (
	usedByCondition keyUse = 1 << iota // a Condition element tests the key
	usedByVariable                     // a policy variable reads the key
)

// indexing sets when New indexes statements. The defaults come from
// smallPolicy and smallGroup; tests lower them to run every scenario
// through the index.
type indexing struct {
	policy int // a policy with more statements than this is indexed
	group  int // a group with more statements than this gets a prefix index
}

var defaultIndexing = indexing{policy: smallPolicy, group: smallGroup}

// compilePolicy compiles p for the place id. keys collects the condition
// keys the policy refers to, folded by condition.FoldKey, and how.
func compilePolicy(p *policy.Policy, id PolicyID, keys map[string]keyUse, ix indexing) (*compiledPolicy, error) {
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

func (s *statement) compile(src *policy.Statement, variables bool, keys map[string]keyUse) error {
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
			keys[condition.FoldKey(v.Key)] |= usedByVariable
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
	if err := s.compileConditions(src.Conditions, variables, keys); err != nil {
		return err
	}
	s.live = s.conditions
	s.fixed = [pathCount]condition.Outcome{condition.True, condition.True}
	return nil
}

func (s *statement) compileConditions(conds []policy.Condition, variables bool, keys map[string]keyUse) error {
	for _, c := range conds {
		compiled, err := condition.New(c.Operator, c.Key, c.Values, variables)
		if err != nil {
			return err
		}
		s.conditions = append(s.conditions, compiled)
		keys[condition.FoldKey(c.Key)] |= usedByCondition
		if !variables {
			continue
		}
		for _, v := range c.Values {
			if strings.Contains(v, "${") {
				for _, variable := range arn.CompileGlob(v, arn.Variables).Variables() {
					keys[condition.FoldKey(variable.Key)] |= usedByVariable
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
