package evaluator

import (
	"slices"
	"strings"
)

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
//   - other: statements with NotAction or with an action that may match
//     any service (see serviceOf), such as "*". They are visited for every
//     request.
//
// A statement with a wildcard for a service is only in that service's
// group, even if it also lists an action of the service by name, so it is
// not visited twice. Within a large group statements are also keyed by the
// literal text their Resource patterns start with.
//
// merged holds, for each action named in exact, the union of the three
// groups that action visits, so that one group holds them all. It is nil
// when the unions would take much more memory than the policy itself. The
// Evaluator gathers the groups of all its policies in groupTables, which
// a request reads.
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
	// request action, or contains "*" or "SERVICE:*" for the group's
	// actions, so it needs no action check.
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
		idx.other = appendGroup(idx.other, markedIf(id, !s.notAction && s.actions.coversAll()))
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
		idx.service[service] = appendGroup(idx.service[service], markedIf(id, s.actions.coversService(service)))
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

// markedIf returns the group entry of statement id. The entry is ^id,
// which skips the action check, when matchesAll reports that the
// statement matches every action its group is visited for.
func markedIf(id int32, matchesAll bool) int32 {
	if matchesAll {
		return ^id
	}
	return id
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

// policyGroup is the group of one indexed policy, identified by its
// ordinal, that holds the statements for an action or a service.
type policyGroup struct {
	policy int32
	group  *group
}

// actionEntry lists the groups that the indexed policies of an evaluator
// hold for one action named by some statement: each policy's merged group
// for the action, or its exact group when its unions were not merged.
type actionEntry struct {
	groups []policyGroup // by policy ordinal

	// services is true when some indexed policy also needs its service
	// group for the action, because it has no merged group for it. Then
	// serviceGroups lists the groups of the action's service, which saves
	// a second lookup.
	services      bool
	serviceGroups []policyGroup
}

// groupTables finds, for the action of a request, the groups of every
// indexed policy of an evaluator in one map lookup, or two for an action
// no policy names, instead of two per policy.
type groupTables struct {
	actions  map[string]*actionEntry
	services map[string][]policyGroup // by service prefix, then policy ordinal
}

// buildGroupTables gives each indexed policy of policies its ordinal and
// gathers their groups.
func buildGroupTables(policies []*compiledPolicy) groupTables {
	var indexed []*compiledPolicy
	for _, p := range policies {
		if p != nil && p.index != nil {
			p.ordinal = int32(len(indexed))
			indexed = append(indexed, p)
		}
	}
	t := groupTables{actions: map[string]*actionEntry{}, services: map[string][]policyGroup{}}
	for _, p := range indexed {
		for action := range p.index.actionGroups() {
			if t.actions[action] == nil {
				t.actions[action] = t.actionEntry(action, indexed)
			}
		}
		for service, g := range p.index.service {
			t.services[service] = append(t.services[service], policyGroup{p.ordinal, g})
		}
	}
	for action, entry := range t.actions {
		if entry.services {
			service, _ := serviceOf(action)
			entry.serviceGroups = t.services[service]
		}
	}
	return t
}

func (t *groupTables) actionEntry(action string, indexed []*compiledPolicy) *actionEntry {
	entry := &actionEntry{}
	for _, p := range indexed {
		g := p.index.actionGroups()[action]
		if g != nil {
			entry.groups = append(entry.groups, policyGroup{p.ordinal, g})
		}
		entry.services = entry.services || g == nil || p.index.merged == nil
	}
	return entry
}

// actionGroups returns the groups of the index by action: merged when
// the unions were merged, and exact otherwise.
func (idx *statementIndex) actionGroups() map[string]*group {
	if idx.merged != nil {
		return idx.merged
	}
	return idx.exact
}

// lookup returns the groups of the request's action and service, lower
// the action in lower case and serviceLen the length of its service
// prefix. services is nil when no policy needs it.
func (t *groupTables) lookup(lower []byte, serviceLen int) (actions, services []policyGroup) {
	if entry := t.actions[string(lower)]; entry != nil {
		return entry.groups, entry.serviceGroups
	}
	return nil, t.services[string(lower[:serviceLen])]
}

// groupOf returns the group of the policy with the given ordinal in
// groups, or nil.
func groupOf(groups []policyGroup, ordinal int32) *group {
	for _, pg := range groups {
		if pg.policy >= ordinal {
			if pg.policy == ordinal {
				return pg.group
			}
			return nil
		}
	}
	return nil
}
