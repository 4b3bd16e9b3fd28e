package condition

import (
	"maps"
	"slices"
)

// maxStackKey is the longest key, in bytes, that Get folds in a buffer on
// the stack. Folding can grow a key by half (a two-byte character whose
// folded form takes three), so the buffer is one and a half times larger.
const maxStackKey = 256

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
// evaluator derive keys such as aws:PrincipalArn or s3:DataAccessPointArn
// for one request from a context shared by many, without allocating:
//
//	withARN := base.With("s3:DataAccessPointArn", apARN)
//	withAccount := withARN.With("s3:DataAccessPointAccount", account)
//	outcome := block.Eval(withAccount)
//
// The chain stays on the stack, so nothing is allocated, when it does not
// leave the function and each With result has a variable of its own.
// Reusing one variable, as in ctx = ctx.With(...), is correct but makes
// escape analysis move each link to the heap, because the variable then
// points to a value that points back to it.
//
// The original must not be changed with Set while contexts made from it are
// in use. Set on a Context made by With is safe: it first copies the chain
// into a key map of its own.
type Context struct {
	keys map[string][]string // folded key -> values, unused if added is set

	// A Context made by With holds one added key on top of parent.
	parent *Context
	key    string // the added key as given, compared in folded form
	values []string
	added  bool // key and values are set
}

// NewContext returns a context holding the keys and values of m. Keys are
// folded, so m may spell them in any case. When two keys of m differ only in
// case, their values are merged, the key that sorts first coming first.
// The value slices of m are kept, not copied: do not change them while the
// Context is in use.
func NewContext(m map[string][]string) *Context {
	c := &Context{keys: make(map[string][]string, len(m))}
	for _, key := range slices.Sorted(maps.Keys(m)) {
		folded := foldKey(key)
		if prev, ok := c.keys[folded]; ok {
			c.keys[folded] = slices.Concat(prev, m[key])
			continue
		}
		c.keys[folded] = m[key]
	}
	return c
}

// Set replaces the values of key, in any case, with values. Set with no
// values removes the key. Set keeps the values slice without copying it.
func (c *Context) Set(key string, values ...string) {
	if c.added {
		*c = *c.Clone()
	}
	if c.keys == nil {
		c.keys = make(map[string][]string)
	}
	folded := foldKey(key)
	if len(values) == 0 {
		delete(c.keys, folded)
		return
	}
	c.keys[folded] = values
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
	return &Context{parent: c, key: key, values: values, added: true}
}

// Clone returns a Context with a key map of its own, holding every key of
// c, including those added by With. The value slices are shared, not
// copied.
func (c *Context) Clone() *Context {
	var layers []*Context
	root := c
	for ; root != nil && root.added; root = root.parent {
		layers = append(layers, root)
	}
	out := &Context{keys: make(map[string][]string)}
	if root != nil {
		maps.Copy(out.keys, root.keys)
	}
	for _, l := range slices.Backward(layers) {
		if len(l.values) == 0 {
			delete(out.keys, foldKey(l.key))
			continue
		}
		out.keys[foldKey(l.key)] = l.values
	}
	return out
}

// Get returns the values of key, in any case, and whether the key is
// present, that is has at least one value. Get does not allocate.
func (c *Context) Get(key string) ([]string, bool) {
	values, found, root := c.findAdded(key)
	if found || root == nil {
		return values, len(values) > 0
	}
	switch {
	case isFolded(key):
		values = root.keys[key]
	case len(key) <= maxStackKey:
		var buf [maxStackKey * 3 / 2]byte
		// Indexing a map with a converted byte slice does not allocate.
		values = root.keys[string(appendFolded(buf[:0], key))]
	default:
		values = root.scan(key)
	}
	return values, len(values) > 0
}

// lookup returns the values of a key given in folded form, as a compiled
// Condition holds it, and whether the key is present.
func (c *Context) lookup(folded string) ([]string, bool) {
	values, found, root := c.findAdded(folded)
	if !found && root != nil {
		values = root.keys[folded]
	}
	return values, len(values) > 0
}

// findAdded walks the keys added by With, newest first. It returns the
// values of the first one matching key and true, or else the Context at the
// bottom of the chain, which holds the key map (nil for a chain started
// from a nil Context).
func (c *Context) findAdded(key string) (values []string, found bool, root *Context) {
	l := c
	for ; l != nil && l.added; l = l.parent {
		if l.matches(key) {
			return l.values, true, nil
		}
	}
	return nil, false, l
}

// matches reports whether the key added to l equals key in any case. A key
// added in the same spelling, such as a lower-case constant, compares as
// fast as two strings can.
func (l *Context) matches(key string) bool {
	return l.key == key || foldEqual(l.key, key)
}

// scan finds a key too long to fold on the stack by comparing it with every
// key of the map, which is slower but does not allocate either.
func (c *Context) scan(key string) []string {
	for folded, values := range c.keys {
		if foldEqual(key, folded) {
			return values
		}
	}
	return nil
}
