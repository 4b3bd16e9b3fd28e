package condition

import (
	"strings"

	"github.com/iameval/iameval/arn"
)

// maxStackVariables is the number of policy variables in one value that
// are resolved without allocating. A value with more still works.
const maxStackVariables = 8

// pattern is a compiled String operator value with its policy variables.
type pattern struct {
	glob *arn.Glob
	vars []variable // in the order of glob.Variables()
}

// variable is a policy variable ready to be resolved from a Context.
type variable struct {
	key        string // folded key name
	fallback   string // default text, used when the key is absent
	hasDefault bool
}

func compilePattern(text string, flags arn.Flags) pattern {
	g := arn.CompileGlob(text, flags)
	return pattern{glob: g, vars: variablesOf(g.Variables())}
}

// variablesOf prepares the variables of a glob or ARN pattern for lookup.
// It folds each name itself, so the key matches Context keys exactly.
func variablesOf(vars []arn.Variable) []variable {
	var out []variable
	for _, v := range vars {
		out = append(out, variable{key: foldKey(v.Name), fallback: v.Default, hasDefault: v.HasDefault})
	}
	return out
}

// match reports whether value matches the pattern once its variables are
// replaced by their values in ctx. If a variable cannot be resolved the
// pattern matches nothing.
func (p *pattern) match(ctx *Context, value string) bool {
	switch {
	case len(p.vars) == 0:
		return p.glob.Match(value, nil)
	case len(p.vars) == 1:
		// One variable is the common case, which needs no array.
		v, ok := p.vars[0].resolve(ctx)
		return ok && p.glob.Match(value, []string{v})
	case len(p.vars) > maxStackVariables:
		bound, ok := bindMany(ctx, p.vars)
		return ok && p.glob.Match(value, bound)
	}
	bound, ok := bind(ctx, p.vars)
	return ok && p.glob.Match(value, bound[:len(p.vars)])
}

// bind resolves at most maxStackVariables variables into an array returned
// by value, so the request's strings never reach the heap and the Context
// holding them can stay on the caller's stack.
func bind(ctx *Context, vars []variable) (bound [maxStackVariables]string, ok bool) {
	for i := range vars {
		if bound[i], ok = vars[i].resolve(ctx); !ok {
			return bound, false
		}
	}
	return bound, true
}

// bindMany is bind for a value with more variables than fit the array. It
// allocates, and copies each value so that no string of ctx is stored in
// heap memory, which would make every Context escape.
func bindMany(ctx *Context, vars []variable) ([]string, bool) {
	bound := make([]string, len(vars))
	for i := range vars {
		v, ok := vars[i].resolve(ctx)
		if !ok {
			return nil, false
		}
		bound[i] = strings.Clone(v)
	}
	return bound, true
}

// resolve returns the value of the variable in ctx: the single value of its
// key, or its default when the key is absent. It does not resolve when the
// key is absent without a default, or when the key has several values,
// because a variable is replaced by one value.
func (v *variable) resolve(ctx *Context) (string, bool) {
	values, _ := ctx.lookup(v.key)
	switch {
	case len(values) == 1:
		return values[0], true
	case len(values) == 0 && v.hasDefault:
		return v.fallback, true
	}
	return "", false
}

// containsVariable reports whether s has a "${" closed by a later "}",
// which a policy with Version 2012-10-17 reads as a policy variable.
func containsVariable(s string) bool {
	i := strings.Index(s, "${")
	return i >= 0 && strings.IndexByte(s[i+2:], '}') >= 0
}
