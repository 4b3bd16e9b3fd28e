package policy

import (
	"slices"
	"strings"
)

// redundantValues reports actions and resources that another value of the
// same list covers.
func (v *validator) redundantValues(st *Statement, at path) {
	name, actions := actionElement(st)
	v.redundantList(actions, st.ActionPos, at.member(name), true, CodeRedundantAction)
	name, resources := resourceElement(st)
	v.redundantList(resources, st.ResourcePos, at.member(name), false, CodeRedundantResource)
}

func (v *validator) redundantList(values []string, positions []Pos, at path, fold bool, code Code) {
	set := newCoverSet(values, fold)
	first := make(map[string]int, len(values))
	for i, s := range values {
		key := set.norm(s)
		if j, seen := first[key]; seen {
			v.report(code, v.listPath(at, positions, i), posOf(positions, i),
				"%q is the same as %q, listed earlier; remove it", s, values[j])
			continue
		}
		first[key] = i
		if t, ok := set.coveredBy(s, key); ok {
			v.report(code, v.listPath(at, positions, i), posOf(positions, i), "%q covers %q; remove %q", t, s, s)
		}
	}
}

// coverSet reports whether a list of Action or Resource values covers a
// value. Lists can hold thousands of values, so it looks literal values up
// in a map. It files the values with wildcards under the literal text
// before their first wildcard, because only a pattern whose literal start
// begins the value can cover it.
type coverSet struct {
	fold     bool
	literals map[string]bool
	patterns map[string][]coverPattern // by normalized literal start
	starts   []int                     // the lengths of the literal starts, sorted
}

type coverPattern struct {
	text, key string // as written, and normalized
}

func newCoverSet(values []string, fold bool) *coverSet {
	c := &coverSet{fold: fold, literals: make(map[string]bool, len(values)), patterns: make(map[string][]coverPattern)}
	for _, s := range values {
		key := c.norm(s)
		lit := strings.IndexAny(key, "*?")
		if lit < 0 {
			c.literals[key] = true
			continue
		}
		c.patterns[key[:lit]] = append(c.patterns[key[:lit]], coverPattern{s, key})
		if !slices.Contains(c.starts, lit) {
			c.starts = append(c.starts, lit)
		}
	}
	slices.Sort(c.starts)
	return c
}

func (c *coverSet) norm(s string) string {
	if c.fold {
		return strings.ToLower(s)
	}
	return s
}

// covers reports whether some value of the set covers s.
func (c *coverSet) covers(s string) bool {
	if c.literals[c.norm(s)] {
		return true
	}
	_, ok := c.coveredBy(s, "")
	return ok
}

// coveredBy returns a pattern of the set, other than the one normalized
// to self, that covers s.
func (c *coverSet) coveredBy(s, self string) (string, bool) {
	key := c.norm(s)
	end := len(key)
	if lit := strings.IndexAny(key, "*?"); lit >= 0 {
		end = lit
	}
	for _, n := range c.starts {
		if n > end {
			break
		}
		for _, p := range c.patterns[key[:n]] {
			if p.key != self && globCovers(p.key, key, false) {
				return p.text, true
			}
		}
	}
	return "", false
}

// globCovers reports whether every text that specific matches, general
// matches too. Both may hold '*' and '?'. A wildcard of specific can only
// be covered by a '*' of general, or a '?' by a '?', which makes the test
// sound but not complete: it may miss a cover.
func globCovers(general, specific string, fold bool) bool {
	lit := strings.IndexAny(general, "*?")
	if lit < 0 {
		return !strings.ContainsAny(specific, "*?") &&
			(general == specific || fold && strings.EqualFold(general, specific))
	}
	if len(specific) < lit || !sameText(general[:lit], specific[:lit], fold) {
		return false
	}
	general, specific = general[lit:], specific[lit:]

	n, m := len(general), len(specific)
	// next[j] holds the result for general[i+1:] and specific[j:].
	next := make([]bool, m+1)
	cur := make([]bool, m+1)
	next[m] = true
	for i := n - 1; i >= 0; i-- {
		g := general[i]
		cur[m] = g == '*' && next[m]
		for j := m - 1; j >= 0; j-- {
			s := specific[j]
			switch {
			case g == '*':
				cur[j] = next[j] || cur[j+1]
			case g == '?':
				cur[j] = s != '*' && next[j+1]
			default:
				cur[j] = s != '*' && s != '?' && sameByte(g, s, fold) && next[j+1]
			}
		}
		next, cur = cur, next
	}
	return next[0]
}

// sameText compares two literal texts that hold no wildcards.
func sameText(a, b string, fold bool) bool {
	if strings.ContainsAny(b, "*?") {
		return false
	}
	return a == b || fold && strings.EqualFold(a, b)
}

func sameByte(a, b byte, fold bool) bool {
	return a == b || fold && lowerASCII(a) == lowerASCII(b)
}

// redundantStatements reports statements that another statement with the
// same effect covers.
func (v *validator) redundantStatements() {
	sts := v.p.Statements
	sets := make([]statementSets, len(sts))
	for i := range sts {
		sets[i] = newStatementSets(&sts[i])
	}
	for i := range sts {
		for j := range sts {
			if i == j || !sets[j].covers(&sets[i]) {
				continue
			}
			if j > i && sets[i].covers(&sets[j]) {
				continue // equal statements: report only the later one
			}
			v.report(CodeRedundantStatement, v.at(i), sts[i].Pos,
				"%s matches every request this statement matches, with the same effect; remove this statement", v.at(j))
			break
		}
	}
}

// statementSets holds a statement with cover sets of its actions and
// resources.
type statementSets struct {
	st                 *Statement
	actions, resources *coverSet
}

func newStatementSets(st *Statement) statementSets {
	return statementSets{st, newCoverSet(st.Action, true), newCoverSet(st.Resource, false)}
}

// covers reports whether every request that s matches, t matches too, and
// both have the same effect.
func (t *statementSets) covers(s *statementSets) bool {
	a, b := t.st, s.st
	return a.Effect == b.Effect && conditionsCover(a.Conditions, b.Conditions) &&
		principalCovers(a.Principal, b.Principal) && a.NotPrincipal.equal(b.NotPrincipal) &&
		listCovers(t.actions, a.Action, a.NotAction, b.Action, b.NotAction) &&
		listCovers(t.resources, a.Resource, a.NotResource, b.Resource, b.NotResource)
}

func principalCovers(t, s *Principal) bool {
	if t == nil || s == nil {
		return t == s
	}
	return t.equal(s) || onlyAnyone(t)
}

// listCovers compares two Action or Resource elements: a positive list
// covers another whose every value it covers, and a negative list only an
// equal negative list.
func listCovers(set *coverSet, t, notT, s, notS []string) bool {
	if t == nil || s == nil {
		return t == nil && s == nil && sameSet(notT, notS, set.fold)
	}
	for _, x := range s {
		if !set.covers(x) {
			return false
		}
	}
	return true
}

func sameSet(a, b []string, fold bool) bool {
	eq := func(x, y string) bool { return x == y || fold && strings.EqualFold(x, y) }
	for _, x := range a {
		if !slices.ContainsFunc(b, func(y string) bool { return eq(x, y) }) {
			return false
		}
	}
	for _, y := range b {
		if !slices.ContainsFunc(a, func(x string) bool { return eq(x, y) }) {
			return false
		}
	}
	return true
}

// conditionsCover reports whether conditions t hold whenever conditions s
// hold: t is empty, or t and s are the same conditions.
func conditionsCover(t, s []Condition) bool {
	if len(t) == 0 {
		return true
	}
	if len(t) != len(s) {
		return false
	}
	for _, c := range t {
		if !slices.ContainsFunc(s, func(d Condition) bool {
			return c.Operator == d.Operator && strings.EqualFold(c.Key, d.Key) && sameSet(c.Values, d.Values, false)
		}) {
			return false
		}
	}
	return true
}
