package fuzz

import (
	"flag"
	"testing"

	"github.com/iameval/iameval/policy"
)

// minimizeFlag makes a failing evaluator target shrink the generated set
// before reporting it. It is off by default because the fuzzing engine
// runs a failing input many times while it minimizes the bytes.
var minimizeFlag = flag.Bool("minimize", false, "shrink the policy set of a failing evaluator fuzz input before printing it")

// FuzzEvaluatorDifferential builds a policy set and a request from the
// input and checks that the evaluator package decides it as the reference
// evaluator does.
func FuzzEvaluatorDifferential(f *testing.F) {
	addGeneratorSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		g := genSetFrom(&byteSource{data: data})
		if got, want := decideBoth(t, g); got != want {
			if *minimizeFlag {
				g = minimize(g, func(c *genSet) bool {
					got, want := decideBoth(t, c)
					return got != want
				})
				got, want = decideBoth(t, g)
			}
			t.Fatal(g.describe("evaluator decides %s, reference decides %s", got, want))
		}
	})
}

// decideBoth returns the decisions of the evaluator package and of the
// reference evaluator on g.
func decideBoth(t *testing.T, g *genSet) (got, want string) {
	b := g.build(t)
	return b.evaluate(t), refDecide(b.ref, b.request)
}

// FuzzEvaluatorInvariants builds a policy set and a request from the input
// and checks properties that hold under any reading of the detailed rules.
// Adding a Deny statement never turns a denial into Allow, adding an Allow
// statement never turns Allow into a denial, and the order of statements,
// policies and organization levels never changes the decision.
func FuzzEvaluatorInvariants(f *testing.F) {
	addGeneratorSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &byteSource{data: data}
		g := genSetFrom(s)
		before := g.build(t).evaluate(t)

		withDeny := g.clone()
		withDeny.addStatement(s, "Deny")
		if after := withDeny.build(t).evaluate(t); before != decisionAllow && after == decisionAllow {
			t.Fatal(withDeny.describe("adding a Deny statement turned %s into Allow; before:\n%s", before, g.scenario()))
		}

		withAllow := g.clone()
		withAllow.addStatement(s, "Allow")
		if after := withAllow.build(t).evaluate(t); before == decisionAllow && after != decisionAllow {
			t.Fatal(withAllow.describe("adding an Allow statement turned Allow into %s; before:\n%s", after, g.scenario()))
		}

		shuffled := g.clone()
		shuffled.shuffle(s)
		if after := shuffled.build(t).evaluate(t); after != before {
			t.Fatal(shuffled.describe("reordering turned %s into %s; before:\n%s", before, after, g.scenario()))
		}
	})
}

// addGeneratorSeeds adds one input per caller of the vocabulary and one
// longer input.
func addGeneratorSeeds(f *testing.F) {
	for i := range len(callers) {
		f.Add([]byte{byte(i), 1, 2, 3, 4, 5, 6, 7, 8, 9})
	}
	long := make([]byte, 256)
	for i := range long {
		long[i] = byte(i * 7)
	}
	f.Add(long)
}

// clone returns a copy of g whose policies can be changed without
// changing g.
func (g *genSet) clone() *genSet {
	c := *g
	copyPolicy := func(p genPolicy) genPolicy {
		p.statements = append([]genStatement(nil), p.statements...)
		return p
	}
	copyOptional := func(p *genPolicy) *genPolicy {
		if p == nil {
			return nil
		}
		q := copyPolicy(*p)
		return &q
	}
	copyLevels := func(in [][]genPolicy) [][]genPolicy {
		var out [][]genPolicy
		for _, level := range in {
			var ps []genPolicy
			for _, p := range level {
				ps = append(ps, copyPolicy(p))
			}
			out = append(out, ps)
		}
		return out
	}

	c.identity = nil
	for _, p := range g.identity {
		c.identity = append(c.identity, copyPolicy(p))
	}
	c.resourcePolicy = copyOptional(g.resourcePolicy)
	c.accessPointPolicy = copyOptional(g.accessPointPolicy)
	c.boundary = copyOptional(g.boundary)
	c.session = copyOptional(g.session)
	c.scps, c.rcps = copyLevels(g.scps), copyLevels(g.rcps)
	return &c
}

// placedPolicy is a policy of a set with the principal elements its place
// takes.
type placedPolicy struct {
	policy *genPolicy
	mode   principalMode
}

func (g *genSet) policies() []placedPolicy {
	var all []placedPolicy
	for i := range g.identity {
		all = append(all, placedPolicy{&g.identity[i], noPrincipal})
	}
	for _, p := range []*genPolicy{g.boundary, g.session} {
		if p != nil {
			all = append(all, placedPolicy{p, noPrincipal})
		}
	}
	for _, p := range []*genPolicy{g.resourcePolicy, g.accessPointPolicy} {
		if p != nil {
			all = append(all, placedPolicy{p, somePrincipal})
		}
	}
	for _, level := range g.scps {
		for i := range level {
			all = append(all, placedPolicy{&level[i], noPrincipal})
		}
	}
	for _, level := range g.rcps {
		for i := range level {
			all = append(all, placedPolicy{&level[i], wildcardPrincipal})
		}
	}
	return all
}

// addStatement appends a statement with the given effect to one policy of
// g, or, when g has none, makes it an identity-based policy of its own.
func (g *genSet) addStatement(s *byteSource, effect string) {
	all := g.policies()
	if len(all) == 0 {
		g.identity = append(g.identity, genPolicy{version: policy.Version2012,
			statements: []genStatement{g.statement(s, noPrincipal, effect)}})
		return
	}
	target := choose(s, all)
	target.policy.statements = append(target.policy.statements, g.statement(s, target.mode, effect))
}

// shuffle reorders the statements of every policy, the identity-based
// policies, and the levels of SCPs and RCPs and the policies in each.
func (g *genSet) shuffle(s *byteSource) {
	for _, p := range g.policies() {
		permute(s, p.policy.statements)
	}
	permute(s, g.identity)
	for _, level := range g.scps {
		permute(s, level)
	}
	for _, level := range g.rcps {
		permute(s, level)
	}
	permute(s, g.scps)
	permute(s, g.rcps)
}

// permute shuffles list in place with choices from s (Fisher-Yates).
func permute[T any](s *byteSource, list []T) {
	for i := len(list) - 1; i > 0; i-- {
		j := s.intn(i + 1)
		list[i], list[j] = list[j], list[i]
	}
}
