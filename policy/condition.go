package policy

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iameval/iameval/condition"
	"github.com/tidwall/gjson"
)

// Condition is one condition test: an operator applied to a context key
// with a list of policy values. The JSON
//
//	"Condition": {"StringLike": {"s3:prefix": ["home/*", "shared/*"]}}
//
// gives one Condition with Operator StringLike, Key "s3:prefix" and two
// values.
type Condition struct {
	// Operator is the parsed operator name.
	Operator condition.Operator

	// Key is the condition key as written. AWS compares key names without
	// regard to case, and the key text is not checked, because services
	// define their own keys.
	Key string

	// Values are the policy values as text. JSON numbers keep their
	// literal text ("1.50" stays "1.50") and booleans become "true" or
	// "false".
	Values []string

	// OperatorPos and KeyPos locate the operator name and the key. All
	// conditions under one operator share OperatorPos.
	OperatorPos, KeyPos Pos

	// ValuePos has one entry per value.
	ValuePos []Pos
}

// conditionBlock reads the Condition element: an object mapping operator
// names to objects that map condition keys to values.
func (p *parser) conditionBlock(v gjson.Result, at *path) ([]Condition, Pos) {
	if !isObject(v) {
		p.fail(v.Index, at, ErrWrongType,
			`Condition must be an object such as {"StringEquals": {"key": "value"}}, not %s`, typeName(v))
		return nil, NoPos
	}

	p.conditionBuf = p.conditionBuf[:0]
	p.members(v, func(name, keys gjson.Result) bool {
		opAt := at.member(name.Str)
		op, err := condition.ParseOperator(name.Str)
		if err != nil {
			p.fail(name.Index, &opAt, fmt.Errorf("%w: %w", ErrUnknownElement, err),
				"%s; operator names are case-sensitive", strings.TrimPrefix(err.Error(), "condition: "))
			return false
		}
		for _, c := range p.conditionBuf {
			if c.Operator == op {
				p.failPair(c.OperatorPos.Offset(), name.Index, &opAt, ErrDuplicateKey,
					"duplicate condition operator %q; put all its keys in one object", name.Str)
				return false
			}
		}
		p.operatorKeys(op, name, keys, &opAt)
		return p.err == nil
	})
	if p.err == nil && len(p.conditionBuf) == 0 {
		p.fail(v.Index, at, ErrBadValue, "empty Condition object; remove it or add a condition")
	}
	if p.err != nil {
		return nil, NoPos
	}
	return p.conditions.copyOf(p.conditionBuf), posAt(v.Index)
}

// operatorKeys reads the keys under one operator and appends a Condition
// per key to p.conditionBuf.
func (p *parser) operatorKeys(op condition.Operator, name, v gjson.Result, at *path) {
	if !isObject(v) {
		p.fail(v.Index, at, ErrWrongType,
			`the value of %s must be an object such as {"key": "value"}, not %s`, name.Str, typeName(v))
		return
	}

	first := len(p.conditionBuf)
	var seen keySet
	p.members(v, func(key, values gjson.Result) bool {
		keyAt := at.member(key.Str)
		n := len(p.conditionBuf) - first
		switch {
		case exceeds(n+1, p.limits.MaxValues):
			p.fail(key.Index, &keyAt, ErrTooMany,
				"more than Limits.MaxValues (%d) keys under one operator; parse with a larger policy.Limits{MaxValues: n}",
				p.limits.MaxValues)
		case key.Str == "":
			p.fail(key.Index, &keyAt, ErrBadValue, "empty condition key; give a key such as \"aws:SourceIp\"")
		}
		if p.err != nil || !p.checkEscapes(key, &keyAt) {
			return false
		}
		if prev := seen.add(key.Str, p.conditionBuf[first:]); prev >= 0 {
			p.duplicateKey(&p.conditionBuf[first+prev], key, &keyAt)
			return false
		}

		c := Condition{Operator: op, Key: key.Str, OperatorPos: posAt(name.Index), KeyPos: posAt(key.Index)}
		var array bool
		c.Values, c.ValuePos, array = p.list(values, &keyAt, valueCondition)
		if p.err == nil {
			p.limitConditionWildcards(&c, &keyAt, array)
		}
		if p.err == nil {
			p.compileCondition(&c, &keyAt, array)
		}
		p.conditionBuf = append(p.conditionBuf, c)
		return p.err == nil
	})
	if p.err == nil && len(p.conditionBuf) == first {
		p.fail(v.Index, at, ErrBadValue, "no condition keys under %s; remove the operator or add a key", name.Str)
	}
}

// compileCondition checks the values of c for its operator with the
// condition package, which parses numbers, dates, CIDR blocks, base64, ARN
// patterns and Null's true and false.
//
// condition.New accepts every value of the String operators, so those are
// not compiled here: compiling costs allocations that a parse does not
// need.
func (p *parser) compileCondition(c *Condition, at *path, array bool) {
	if c.Operator.Base.Family() == condition.FamilyString {
		return
	}
	_, err := condition.New(c.Operator, c.Key, c.Values, p.variables)
	if err == nil {
		return
	}

	var bad *condition.ValueError
	if !errors.As(err, &bad) || bad.Index < 0 || bad.Index >= len(c.ValuePos) {
		p.fail(c.KeyPos.Offset(), at, fmt.Errorf("%w: %w", ErrBadValue, err), "%v", err)
		return
	}
	if array {
		item := at.item(bad.Index)
		at = &item
	}
	p.fail(c.ValuePos[bad.Index].Offset(), at, fmt.Errorf("%w: %w", ErrBadValue, err),
		"invalid %s value %q: %s", c.Operator, bad.Value, bad.Reason)
}

// keySet finds duplicate keys among the conditions of one operator. Key
// names are compared without regard to case, as AWS compares them, so
// aws:PrincipalTag/team and AWS:PRINCIPALTAG/TEAM are the same key. It
// compares linearly while there are few keys and builds a map for many.
type keySet struct {
	index map[string]int // folded key to index in earlier; nil until the object is large
}

const keySetLinearMax = 32

// add returns the index in earlier of a condition with the same key, or
// -1 after recording key as the next condition, earlier[len(earlier)].
func (s *keySet) add(key string, earlier []Condition) int {
	if s.index == nil && len(earlier) < keySetLinearMax {
		for i, c := range earlier {
			if sameKey(c.Key, key) {
				return i
			}
		}
		return -1
	}
	if s.index == nil {
		s.index = make(map[string]int, 2*len(earlier))
		for i, c := range earlier {
			s.index[foldKey(c.Key)] = i
		}
	}
	folded := foldKey(key)
	if prev, ok := s.index[folded]; ok {
		return prev
	}
	s.index[folded] = len(earlier)
	return -1
}

// duplicateKey records an ErrDuplicateKey error for key, which names the
// same condition key as the earlier condition c under one operator.
func (p *parser) duplicateKey(c *Condition, key gjson.Result, at *path) {
	if c.Key == key.Str {
		p.failPair(c.KeyPos.Offset(), key.Index, at, ErrDuplicateKey, "duplicate condition key %q", key.Str)
		return
	}
	p.failPair(c.KeyPos.Offset(), key.Index, at, ErrDuplicateKey,
		"duplicate condition key %q: AWS compares condition keys without regard to case, so it is the key %q again",
		key.Str, c.Key)
}

// limitConditionWildcards applies Limits.MaxWildcards to the values of c
// when its operator reads them as patterns.
func (p *parser) limitConditionWildcards(c *Condition, at *path, array bool) {
	base := c.Operator.Base
	if base != condition.StringLike && base != condition.StringNotLike && base.Family() != condition.FamilyARN {
		return
	}
	for i, s := range c.Values {
		valueAt := *at
		if array {
			valueAt = at.item(i)
		}
		if !p.limitWildcards(s, c.ValuePos[i].Offset(), &valueAt) {
			return
		}
	}
}

// sameKey reports whether a and b name the same condition key. It folds
// case as the condition package does for request context keys: each rune
// is mapped to the lower case of its upper case. That also equates
// look-alikes such as the Kelvin sign and 'k'.
func sameKey(a, b string) bool {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb && foldRune(ra) != foldRune(rb) {
			return false
		}
		a, b = a[na:], b[nb:]
	}
	return a == "" && b == ""
}

// foldKey returns key with every rune folded as sameKey folds it, so that
// two keys are the same exactly when their folded forms are equal.
func foldKey(key string) string { return strings.Map(foldRune, key) }

func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(unicode.ToUpper(r))
}
