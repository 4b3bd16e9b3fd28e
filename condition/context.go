package condition

import (
	"maps"
	"slices"
)

// maxStackKey is the longest key, in bytes, that Get folds in a buffer on
// the stack. Folding can grow a key by half (a two-byte character whose
// folded form takes three), so the buffer is one and a half times larger.
const maxStackKey = 256

// maxEntries is the number of keys a context keeps in a list, compared one
// by one, before it switches to a map. A request context usually holds a
// handful of keys, and comparing a few strings costs less than hashing one.
const maxEntries = 8

// Context is the request context that conditions are evaluated against:
// condition keys, each with a list of string values. Keys are
// case-insensitive and stored in folded (lower-case) form. A key with no
// values is absent, exactly like a key that was never set. Values are kept
// as given, and the operator decides how they compare.
//
// The zero value is an empty context ready to use. Get never allocates, for
// a key in any case. A Context may be read from several goroutines at once,
// but Set must not run concurrently with any other method.
//
// # Adding keys per request
//
// With returns a new Context that adds one key to an existing one, without
// copying or changing it. The new Context points to the one it was made
// from, so a chain of With calls costs a few words per key. An added key
// hides a key of the same name further down the chain. This lets an
// evaluator derive keys such as s3:DataAccessPointArn for one request from
// a context shared by many, without allocating:
//
//	withARN := base.With("s3:DataAccessPointArn", apARN)
//	withAccount := withARN.With("s3:DataAccessPointAccount", account)
//	outcome := block.Eval(withAccount)
//
// WithDefault adds a key the other way round: its values count only when
// the rest of the chain has none for the key. So a caller's own value for
// a key such as aws:username wins over one derived from the principal, and
// no lookup is needed to find out whether the caller set it.
//
// The chain stays on the stack, so nothing is allocated, when it does not
// leave the function and each With or WithDefault result has a variable of
// its own. Reusing one variable, as in ctx = ctx.With(...), is correct but
// makes escape analysis move each link to the heap, because the variable
// then points to a value that points back to it.
//
// The original must not be changed with Set while contexts made from it are
// in use. Set on a Context made by With or WithDefault is safe: it first
// copies the chain into keys of its own.
type Context struct {
	// A base context holds its keys, folded, in entries while there are at
	// most maxEntries of them, and in keys once there are more.
	entries []entry
	keys    map[string][]string

	// A layer, made by With or WithDefault, holds one key on top of parent.
	parent *Context
	key    string // the added key as given
	values []string
	kind   layerKind
	folded bool // key is in folded form, so it compares byte for byte
}

// entry is one key of a base context.
type entry struct {
	key    string // folded
	values []string
}

// layerKind distinguishes a base context from the two kinds of layer.
type layerKind uint8

const (
	baseContext  layerKind = iota // holds entries or keys
	overrideKey                   // made by With: hides the key below it
	defaultValue                  // made by WithDefault: used when nothing else has values
)

// NewContext returns a context holding the keys and values of m. Keys are
// folded, so m may spell them in any case. When two keys of m differ only in
// case, their values are merged, the key that sorts first coming first.
// The value slices of m are kept, not copied: do not change them while the
// Context is in use.
func NewContext(m map[string][]string) *Context {
	c := &Context{}
	if len(m) > maxEntries {
		c.keys = make(map[string][]string, len(m))
	}
	for _, key := range slices.Sorted(maps.Keys(m)) {
		folded := foldKey(key)
		if prev, ok := c.find(folded); ok {
			c.put(folded, slices.Concat(prev, m[key]))
			continue
		}
		c.put(folded, m[key])
	}
	return c
}

// Set replaces the values of key, in any case, with values. Set with no
// values removes the key. Set keeps the values slice without copying it.
func (c *Context) Set(key string, values ...string) {
	if c.kind != baseContext {
		*c = *c.Clone()
	}
	folded := foldKey(key)
	if len(values) == 0 {
		c.remove(folded)
		return
	}
	c.put(folded, values)
}

// With returns a Context that has the keys of c and, in addition, key (in
// any case) with the given values, hiding any values c has for it. With no
// values, the key is absent in the result. c itself is not changed, and c
// may be nil. The result points to c and keeps the key string and the
// values slice without copying them.
//
// With is small enough to be inlined, so escape analysis can keep the
// result on the caller's stack (see Context for the conditions). Otherwise
// it costs one allocation.
func (c *Context) With(key string, values ...string) *Context {
	// With reads nothing from c: copying even its map pointer would make
	// escape analysis send c's contents, and the values, to the heap.
	return &Context{parent: c, key: key, values: values, kind: overrideKey, folded: isFolded(key)}
}

// WithDefault returns a Context that has the keys of c and, when c has no
// values for key (in any case), key with the given values. A key that c
// holds with no values, or hides with a With layer without values, takes
// the default values too. When several WithDefault layers name the same
// key, the outermost one wins. c itself is not changed, and c may be nil.
// Like With, WithDefault keeps its arguments without copying them and is
// small enough to be inlined.
func (c *Context) WithDefault(key string, values ...string) *Context {
	return &Context{parent: c, key: key, values: values, kind: defaultValue, folded: isFolded(key)}
}

// Clone returns a Context with keys of its own, holding every key of c,
// including those added by With and WithDefault. The value slices are
// shared, not copied.
func (c *Context) Clone() *Context {
	var layers []*Context
	root := c
	for ; root != nil && root.kind != baseContext; root = root.parent {
		layers = append(layers, root)
	}

	out := &Context{}
	if root != nil {
		out.entries = slices.Clone(root.entries)
		out.keys = maps.Clone(root.keys)
	}

	var keys []cloneKey
	for _, l := range slices.Backward(layers) {
		keys = append(keys, cloneKey{foldKey(l.key), l.values, l.kind == defaultValue})
	}
	for _, k := range keys {
		switch {
		case k.isDefault:
		case len(k.values) == 0:
			out.remove(k.folded)
		default:
			out.put(k.folded, k.values)
		}
	}

	// Defaults fill the keys that are still absent, the outermost first,
	// and a newer default without values keeps an older one out.
	filled := map[string]bool{}
	for _, k := range slices.Backward(keys) {
		if !k.isDefault || filled[k.folded] {
			continue
		}
		filled[k.folded] = true
		if values, _ := out.find(k.folded); len(values) == 0 && len(k.values) > 0 {
			out.put(k.folded, k.values)
		}
	}
	return out
}

// cloneKey is the key of a layer, as Clone applies it.
type cloneKey struct {
	folded    string
	values    []string
	isDefault bool
}

// Get returns the values of key, in any case, and whether the key is
// present, that is has at least one value. Get does not allocate.
func (c *Context) Get(key string) ([]string, bool) {
	switch {
	case isFolded(key):
		return c.lookup(key)
	case len(key) <= maxStackKey:
		var buf [maxStackKey * 3 / 2]byte
		return c.lookupSlow(appendFolded(buf[:0], key), key)
	}
	return c.lookupSlow(nil, key)
}

// lookup returns the values of a key given in folded form, as a compiled
// Condition holds it, and whether the key is present.
//
// The layers are walked newest first. The first With layer naming the key
// decides when it has values. When it has none, the key is absent unless
// a WithDefault layer names it, and the newest of those gives the values.
// Without such a With layer, the base context decides in the same way.
func (c *Context) lookup(folded string) ([]string, bool) {
	// Most keys are named by no layer, or first by a With layer with
	// values, so a walk that keeps no state settles them.
	l := c
	for ; l != nil && l.kind != baseContext; l = l.parent {
		if l.key == folded || !l.folded && foldEqual(l.key, folded) {
			break
		}
	}
	switch {
	case l == nil:
		return nil, false
	case l.kind == baseContext:
		values, _ := l.find(folded)
		return values, len(values) > 0
	case l.kind == overrideKey && len(l.values) > 0:
		return l.values, true
	}
	return l.resolve(folded)
}

// resolve is lookup from l, a layer naming the key that does not settle
// it alone: a WithDefault layer, or a With layer without values.
func (l *Context) resolve(folded string) ([]string, bool) {
	var values, fallback []string
	var hidden, defaults bool
	for ; l != nil && l.kind != baseContext; l = l.parent {
		switch {
		case l.key != folded && (l.folded || !foldEqual(l.key, folded)):
		case l.kind == defaultValue:
			if !defaults {
				fallback, defaults = l.values, true
			}
		case hidden:
		case len(l.values) > 0:
			return l.values, true
		default:
			values, hidden = l.values, true
		}
	}
	if !hidden && l != nil {
		values, _ = l.find(folded)
	}
	if len(values) == 0 && len(fallback) > 0 {
		return fallback, true
	}
	return values, len(values) > 0
}

// lookupSlow is lookup for a key that is not in folded form. Get passes
// it folded into a byte slice on its stack, or nil when key is too long
// for that, in which case every key is compared with foldEqual. Comparing
// with a converted byte slice, and indexing a map with one, does not
// allocate.
func (c *Context) lookupSlow(folded []byte, key string) ([]string, bool) {
	var values, fallback []string
	var hidden, defaults bool
	l := c
	for ; l != nil && l.kind != baseContext; l = l.parent {
		switch {
		case !names(l.key, !l.folded, folded, key):
		case l.kind == defaultValue:
			if !defaults {
				fallback, defaults = l.values, true
			}
		case hidden:
		case len(l.values) > 0:
			return l.values, true
		default:
			values, hidden = l.values, true
		}
	}
	switch {
	case hidden || l == nil:
	case folded != nil:
		values = l.findBytes(folded)
	default:
		values = l.scan(key)
	}
	if len(values) == 0 && len(fallback) > 0 {
		return fallback, true
	}
	return values, len(values) > 0
}

// names reports whether layerKey, which may need folding, is key, given
// also in folded form, or nil when it was too long to fold.
func names(layerKey string, mayFold bool, folded []byte, key string) bool {
	if folded == nil {
		return foldEqual(layerKey, key)
	}
	return layerKey == string(folded) || mayFold && foldEqual(layerKey, key)
}

// find returns the values of a folded key in a base context, and whether
// the context holds the key at all, even with no values.
func (c *Context) find(folded string) ([]string, bool) {
	for i := range c.entries {
		if c.entries[i].key == folded {
			return c.entries[i].values, true
		}
	}
	if c.keys == nil {
		return nil, false
	}
	values, ok := c.keys[folded]
	return values, ok
}

// findBytes is find for a key folded into a byte slice.
func (c *Context) findBytes(folded []byte) []string {
	for i := range c.entries {
		if c.entries[i].key == string(folded) {
			return c.entries[i].values
		}
	}
	return c.keys[string(folded)]
}

// scan finds a key too long to fold on the stack by comparing it with every
// key, which is slower but does not allocate either.
func (c *Context) scan(key string) []string {
	for i := range c.entries {
		if foldEqual(key, c.entries[i].key) {
			return c.entries[i].values
		}
	}
	for folded, values := range c.keys {
		if foldEqual(key, folded) {
			return values
		}
	}
	return nil
}

// put sets the values of a folded key in a base context, moving its
// entries to a map when they grow past maxEntries.
func (c *Context) put(folded string, values []string) {
	if c.keys != nil {
		c.keys[folded] = values
		return
	}
	for i := range c.entries {
		if c.entries[i].key == folded {
			c.entries[i].values = values
			return
		}
	}
	if len(c.entries) < maxEntries {
		c.entries = append(c.entries, entry{key: folded, values: values})
		return
	}
	c.keys = make(map[string][]string, 2*maxEntries)
	for _, e := range c.entries {
		c.keys[e.key] = e.values
	}
	c.keys[folded] = values
	c.entries = nil
}

// remove deletes a folded key from a base context.
func (c *Context) remove(folded string) {
	delete(c.keys, folded)
	c.entries = slices.DeleteFunc(c.entries, func(e entry) bool { return e.key == folded })
}
