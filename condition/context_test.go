package condition_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"

	"github.com/iameval/iameval/condition"
)

// lookupResult is what Context.Get returns, as one comparable value.
type lookupResult struct {
	Values  []string
	Present bool
}

func get(c *condition.Context, key string) lookupResult {
	values, ok := c.Get(key)
	return lookupResult{values, ok}
}

func TestContextGet(t *testing.T) {
	long := "aws:PrincipalTag/" + strings.Repeat("Ab", 300)
	ctx := condition.NewContext(map[string][]string{
		"aws:SourceIp":              {"203.0.113.5"},
		"s3:ExistingObjectTag/Data": {"emergency-room"},
		"aws:TagKeys":               {"env", "team"},
		"aws:PrincipalTag/Équipe":   {"rouge"},
		"k:empty":                   {},
		"k:emptystring":             {""},
		long:                        {"long"},
	})
	tests := []struct {
		name string
		key  string
		want lookupResult
	}{
		{"same spelling", "aws:SourceIp", lookupResult{[]string{"203.0.113.5"}, true}},
		{"upper case", "AWS:SOURCEIP", lookupResult{[]string{"203.0.113.5"}, true}},
		{"lower case", "aws:sourceip", lookupResult{[]string{"203.0.113.5"}, true}},
		{"tag key suffix in other case", "s3:existingobjecttag/DATA", lookupResult{[]string{"emergency-room"}, true}},
		{"several values", "aws:tagkeys", lookupResult{[]string{"env", "team"}, true}},
		{"non-ASCII tag key folded", "AWS:PRINCIPALTAG/ÉQUIPE", lookupResult{[]string{"rouge"}, true}},
		{"non-ASCII tag key lower case", "aws:principaltag/équipe", lookupResult{[]string{"rouge"}, true}},
		{"missing key", "aws:username", lookupResult{nil, false}},
		{"model: key with no values is absent", "k:empty", lookupResult{[]string{}, false}},
		{"model: empty string is a value", "k:emptystring", lookupResult{[]string{""}, true}},
		{"key longer than the stack buffer", strings.ToUpper(long), lookupResult{[]string{"long"}, true}},
		{"tag key is not a prefix match", "s3:ExistingObjectTag/Dat", lookupResult{nil, false}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, get(ctx, tc.key)); diff != "" {
				t.Errorf("Get(%q) mismatch (-want +got):\n%s", tc.key, diff)
			}
		})
	}
}

func TestContextFoldsUnicodeLookAlikes(t *testing.T) {
	// The Kelvin sign and the long s fold to ASCII k and s.
	ctx := condition.NewContext(map[string][]string{"aws:PrincipalTag/ask": {"v"}})
	_, ok := ctx.Get("aws:PrincipalTag/a\u017f\u212a")
	assert.True(t, ok, "Kelvin sign and long s must fold to k and s")
}

func TestContextNilAndZeroValue(t *testing.T) {
	var nilCtx *condition.Context
	assert.Equal(t, lookupResult{nil, false}, get(nilCtx, "k"))

	var zero condition.Context
	assert.Equal(t, lookupResult{nil, false}, get(&zero, "k"))
	zero.Set("K", "v")
	assert.Equal(t, lookupResult{[]string{"v"}, true}, get(&zero, "k"))
}

func TestNewContextMergesKeysDifferingInCase(t *testing.T) {
	ctx := condition.NewContext(map[string][]string{
		"aws:TagKeys": {"b"},
		"AWS:TagKeys": {"a"},
	})
	// "AWS:TagKeys" sorts before "aws:TagKeys", so its values come first.
	assert.Equal(t, lookupResult{[]string{"a", "b"}, true}, get(ctx, "aws:tagkeys"))
}

func TestContextSet(t *testing.T) {
	ctx := condition.NewContext(map[string][]string{"k": {"old"}})
	ctx.Set("K", "new")
	assert.Equal(t, lookupResult{[]string{"new"}, true}, get(ctx, "k"), "Set replaces the values of a key in any case")

	ctx.Set("k")
	assert.Equal(t, lookupResult{nil, false}, get(ctx, "k"), "Set with no values removes the key")
}

func TestContextWith(t *testing.T) {
	base := condition.NewContext(map[string][]string{
		"aws:SourceIp":       {"203.0.113.5"},
		"aws:PrincipalArn":   {"arn:aws:iam::111122223333:user/base"},
		"s3:AccessPointName": {"ap"},
	})
	added := base.With("S3:DataAccessPointArn", "arn:aws:s3:us-west-2:111122223333:accesspoint/ap")
	added = added.With("aws:PrincipalArn", "arn:aws:iam::111122223333:role/Dev")
	added = added.With("s3:accesspointname")

	t.Run("added key is found in any case", func(t *testing.T) {
		assert.Equal(t, lookupResult{[]string{"arn:aws:s3:us-west-2:111122223333:accesspoint/ap"}, true},
			get(added, "s3:dataaccesspointarn"))
	})
	t.Run("added key hides the original", func(t *testing.T) {
		assert.Equal(t, lookupResult{[]string{"arn:aws:iam::111122223333:role/Dev"}, true}, get(added, "AWS:PrincipalArn"))
	})
	t.Run("added key without values makes the key absent", func(t *testing.T) {
		assert.Equal(t, lookupResult{nil, false}, get(added, "s3:AccessPointName"))
	})
	t.Run("original keys are still visible", func(t *testing.T) {
		assert.Equal(t, lookupResult{[]string{"203.0.113.5"}, true}, get(added, "aws:sourceip"))
	})
	t.Run("original is unchanged", func(t *testing.T) {
		assert.Equal(t, lookupResult{[]string{"arn:aws:iam::111122223333:user/base"}, true}, get(base, "aws:PrincipalArn"))
		assert.Equal(t, lookupResult{nil, false}, get(base, "s3:DataAccessPointArn"))
	})
	t.Run("Set on a copy leaves the original alone", func(t *testing.T) {
		copied := base.With("x", "1")
		copied.Set("aws:SourceIp", "192.0.2.1")
		assert.Equal(t, lookupResult{[]string{"192.0.2.1"}, true}, get(copied, "aws:SourceIp"))
		assert.Equal(t, lookupResult{[]string{"1"}, true}, get(copied, "x"), "added key survives Set")
		assert.Equal(t, lookupResult{[]string{"ap"}, true}, get(copied, "s3:AccessPointName"), "original key survives Set")
		assert.Equal(t, lookupResult{[]string{"203.0.113.5"}, true}, get(base, "aws:SourceIp"))
	})
	t.Run("Set replaces an added key", func(t *testing.T) {
		copied := base.With("x", "1")
		copied.Set("X", "2")
		assert.Equal(t, lookupResult{[]string{"2"}, true}, get(copied, "x"))
	})
	t.Run("With on a nil context", func(t *testing.T) {
		var nilCtx *condition.Context
		c := nilCtx.With("k", "v")
		assert.Equal(t, lookupResult{[]string{"v"}, true}, get(c, "K"))
	})
}

func TestContextWithLongChain(t *testing.T) {
	base := condition.NewContext(map[string][]string{"base": {"b"}, "key0": {"original"}})
	ctx := base
	for i := range 40 {
		ctx = ctx.With(fmt.Sprintf("Key%d", i), fmt.Sprint(i))
	}
	ctx = ctx.With("KEY7", "replaced")
	for i := range 40 {
		want := lookupResult{[]string{fmt.Sprint(i)}, true}
		if i == 7 {
			want = lookupResult{[]string{"replaced"}, true}
		}
		assert.Equal(t, want, get(ctx, fmt.Sprintf("key%d", i)), "key%d", i)
	}
	assert.Equal(t, lookupResult{[]string{"b"}, true}, get(ctx, "BASE"))
	assert.Equal(t, lookupResult{[]string{"original"}, true}, get(base, "key0"), "original must not see added keys")
}

func TestContextClone(t *testing.T) {
	base := condition.NewContext(map[string][]string{"a": {"1"}, "b": {"2"}, "d": {"5"}})
	added := base.With("A", "3")
	added = added.With("b")
	cloned := added.Clone()
	cloned.Set("c", "4")

	assert.Equal(t, lookupResult{[]string{"3"}, true}, get(cloned, "a"), "added key replaces the original")
	assert.Equal(t, lookupResult{nil, false}, get(cloned, "b"), "key added without values stays absent")
	assert.Equal(t, lookupResult{[]string{"4"}, true}, get(cloned, "c"))
	assert.Equal(t, lookupResult{[]string{"5"}, true}, get(cloned, "D"), "keys of the original are copied")
	assert.Equal(t, lookupResult{nil, false}, get(base, "c"), "Set on the clone leaves the original alone")

	var nilCtx *condition.Context
	assert.Equal(t, lookupResult{nil, false}, get(nilCtx.Clone(), "a"))
}

func TestContextWithDefault(t *testing.T) {
	base := condition.NewContext(map[string][]string{
		"aws:username":     {"caller"},
		"aws:PrincipalTag": {},
		"aws:SourceIp":     {"203.0.113.5"},
	})
	tests := []struct {
		name string
		ctx  func() *condition.Context
		key  string
		want lookupResult
	}{
		{"default fills an absent key", func() *condition.Context {
			return base.WithDefault("aws:PrincipalArn", "arn:aws:iam::111122223333:user/alice")
		}, "AWS:PrincipalArn", lookupResult{[]string{"arn:aws:iam::111122223333:user/alice"}, true}},
		{"caller value wins over the default", func() *condition.Context {
			return base.WithDefault("AWS:Username", "derived")
		}, "aws:username", lookupResult{[]string{"caller"}, true}},
		{"key without values takes the default", func() *condition.Context {
			return base.WithDefault("aws:principaltag", "derived")
		}, "aws:PrincipalTag", lookupResult{[]string{"derived"}, true}},
		{"With layer without values takes the default", func() *condition.Context {
			return base.WithDefault("aws:username", "derived").With("aws:username")
		}, "aws:username", lookupResult{[]string{"derived"}, true}},
		{"With layer with values wins over a newer default", func() *condition.Context {
			return base.With("aws:sourceip", "192.0.2.1").WithDefault("aws:SourceIp", "derived")
		}, "aws:sourceip", lookupResult{[]string{"192.0.2.1"}, true}},
		{"outermost default wins", func() *condition.Context {
			return base.WithDefault("k", "inner").WithDefault("K", "outer")
		}, "k", lookupResult{[]string{"outer"}, true}},
		{"default without values leaves the key absent", func() *condition.Context {
			return base.WithDefault("k")
		}, "k", lookupResult{nil, false}},
		{"other keys pass through", func() *condition.Context {
			return base.WithDefault("k", "v")
		}, "AWS:SourceIP", lookupResult{[]string{"203.0.113.5"}, true}},
		{"default on a nil context", func() *condition.Context {
			var nilCtx *condition.Context
			return nilCtx.WithDefault("k", "v")
		}, "K", lookupResult{[]string{"v"}, true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := tc.ctx()
			if diff := cmp.Diff(tc.want, get(ctx, tc.key)); diff != "" {
				t.Errorf("Get(%q) mismatch (-want +got):\n%s", tc.key, diff)
			}
			if diff := cmp.Diff(tc.want, get(ctx.Clone(), tc.key)); diff != "" {
				t.Errorf("Clone().Get(%q) mismatch (-want +got):\n%s", tc.key, diff)
			}
		})
	}
}

func TestContextManyKeys(t *testing.T) {
	// A context with more keys than fit its short list keeps them in a map.
	m := map[string][]string{}
	for i := range 20 {
		m[fmt.Sprintf("Key%d", i)] = []string{fmt.Sprint(i)}
	}
	ctx := condition.NewContext(m)
	for i := range 20 {
		assert.Equal(t, lookupResult{[]string{fmt.Sprint(i)}, true}, get(ctx, fmt.Sprintf("KEY%d", i)), "key%d", i)
	}

	var grown condition.Context
	for i := range 20 {
		grown.Set(fmt.Sprintf("key%d", i), fmt.Sprint(i))
	}
	grown.Set("KEY3")
	for i := range 20 {
		want := lookupResult{[]string{fmt.Sprint(i)}, true}
		if i == 3 {
			want = lookupResult{nil, false}
		}
		assert.Equal(t, want, get(&grown, fmt.Sprintf("key%d", i)), "key%d after Set", i)
	}
}

func TestContextLookup(t *testing.T) {
	ctx := condition.NewContext(map[string][]string{"aws:SourceIp": {"203.0.113.5"}, "aws:PrincipalTag/Équipe": {"rouge"}})
	layered := ctx.With("S3:DataAccessPointAccount", "111122223333").WithDefault("aws:username", "alice")
	tests := []struct {
		name string
		key  string
	}{
		{"folded", "aws:sourceip"},
		{"other case", "AWS:SOURCEIP"},
		{"non-ASCII", "aws:principaltag/ÉQUIPE"},
		{"added by With", "s3:dataaccesspointaccount"},
		{"added by WithDefault", "AWS:Username"},
		{"missing", "aws:userid"},
		{"empty", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k := condition.NewKey(tc.key)
			assert.Equal(t, tc.key, k.String())
			want := get(layered, tc.key)
			values, ok := layered.Lookup(k)
			if diff := cmp.Diff(want, lookupResult{values, ok}); diff != "" {
				t.Errorf("Lookup(%q) differs from Get (-Get +Lookup):\n%s", tc.key, diff)
			}
		})
	}
	var zero condition.Key
	_, ok := layered.Lookup(zero)
	assert.False(t, ok, "the zero Key names the empty key, which is absent")
}

// TestContextWithKey checks that layers added with a Key behave as the
// layers added with the key's name.
func TestContextWithKey(t *testing.T) {
	base := condition.NewContext(map[string][]string{"aws:SourceIp": {"203.0.113.5"}, "aws:username": {"bob"}})
	byName := base.With("S3:DataAccessPointAccount", "111122223333").
		WithDefault("aws:PrincipalAccount", "111122223333").
		With("AWS:UserName", "alice").
		With("aws:SourceIp")
	byKey := base.WithKey(condition.NewKey("S3:DataAccessPointAccount"), "111122223333").
		WithDefault("aws:PrincipalAccount", "111122223333").
		WithKey(condition.NewKey("AWS:UserName"), "alice").
		WithKey(condition.NewKey("aws:SourceIp"))
	for _, key := range []string{"s3:DataAccessPointAccount", "aws:username", "aws:PrincipalAccount", "aws:SourceIp", "aws:userid"} {
		if diff := cmp.Diff(get(byName, key), get(byKey, key)); diff != "" {
			t.Errorf("Get(%q) (-With +WithKey):\n%s", key, diff)
		}
	}
	assert.Equal(t, lookupResult{[]string{"alice"}, true}, get(byKey, "aws:username"), "the layer hides the base value")
	assert.Equal(t, lookupResult{nil, false}, get(byKey, "aws:sourceip"), "a layer without values hides the key")
}

func TestFoldKey(t *testing.T) {
	tests := []struct {
		name, key, want string
	}{
		{"folded already", "aws:username", "aws:username"},
		{"upper case", "AWS:UserName", "aws:username"},
		{"long s", "ſ3:DataAccessPointArn", "s3:dataaccesspointarn"},
		{"Kelvin sign", "aws:PrincipalTag/\u212a", "aws:principaltag/k"},
		{"invalid byte kept", "a\xffB", "a\xffb"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, condition.FoldKey(tc.key))
			assert.True(t, condition.MustNew(condition.MustParseOperator("Null"), tc.key, []string{"true"}, false).Tests(condition.NewKey(tc.want)),
				"a condition on %q tests the key %q", tc.key, tc.want)
		})
	}
}
