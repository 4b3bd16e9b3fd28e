package fuzz

// minimize removes policies, statements, conditions and context keys from
// g one at a time for as long as failing still reports true, and returns
// the smallest set found. It makes a fuzz failure readable.
func minimize(g *genSet, failing func(*genSet) bool) *genSet {
	for changed := true; changed; {
		changed = false
		for _, smaller := range g.shrinkings() {
			if failing(smaller) {
				g, changed = smaller, true
				break
			}
		}
	}
	return g
}

// shrinkings returns every set that lacks one part of g.
func (g *genSet) shrinkings() []*genSet {
	var out []*genSet
	for i := range g.identity {
		c := g.clone()
		c.identity = append(c.identity[:i:i], c.identity[i+1:]...)
		out = append(out, c)
	}
	for _, field := range []func(*genSet) **genPolicy{
		func(c *genSet) **genPolicy { return &c.resourcePolicy },
		func(c *genSet) **genPolicy { return &c.accessPointPolicy },
		func(c *genSet) **genPolicy { return &c.boundary },
		func(c *genSet) **genPolicy { return &c.session },
	} {
		if *field(g) != nil {
			c := g.clone()
			*field(c) = nil
			out = append(out, c)
		}
	}
	for _, levels := range []func(*genSet) *[][]genPolicy{
		func(c *genSet) *[][]genPolicy { return &c.scps },
		func(c *genSet) *[][]genPolicy { return &c.rcps },
	} {
		for i := range *levels(g) {
			c := g.clone()
			l := levels(c)
			*l = append((*l)[:i:i], (*l)[i+1:]...)
			out = append(out, c)
		}
	}
	for pi, p := range g.policies() {
		for si := range p.policy.statements {
			if len(p.policy.statements) > 1 {
				c := g.clone()
				q := c.policies()[pi].policy
				q.statements = append(q.statements[:si:si], q.statements[si+1:]...)
				out = append(out, c)
			}
			for ci := range p.policy.statements[si].conditions {
				c := g.clone()
				st := &c.policies()[pi].policy.statements[si]
				st.conditions = append(st.conditions[:ci:ci], st.conditions[ci+1:]...)
				out = append(out, c)
			}
		}
	}
	for key := range g.context {
		c := g.clone()
		c.context = map[string][]string{}
		for k, v := range g.context {
			if k != key {
				c.context[k] = v
			}
		}
		out = append(out, c)
	}
	return out
}
