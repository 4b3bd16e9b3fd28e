package fuzz

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"math/big"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// This file is the reference evaluator's Condition element: each operator
// written out on its own, with three-valued results, and no use of the
// condition package beyond the operator type found in the policy AST.

// tri is a three-valued truth value: a condition test can be true, false,
// or undecided, when AWS does not document the case or the request value
// cannot be read.
type tri uint8

const (
	no tri = iota
	yes
	unknown
)

func (t tri) String() string {
	return [...]string{"false", "true", "indeterminate"}[t]
}

func triOf(b bool) tri {
	if b {
		return yes
	}
	return no
}

// and is Kleene conjunction: false wins, then undecided.
func (t tri) and(u tri) tri {
	switch {
	case t == no || u == no:
		return no
	case t == unknown || u == unknown:
		return unknown
	}
	return yes
}

// or is Kleene disjunction: true wins, then undecided.
func (t tri) or(u tri) tri {
	switch {
	case t == yes || u == yes:
		return yes
	case t == unknown || u == unknown:
		return unknown
	}
	return no
}

func (t tri) not() tri {
	switch t {
	case yes:
		return no
	case no:
		return yes
	}
	return unknown
}

// refOperator is a condition operator name taken apart.
type refOperator struct {
	qualifier string // "", "ForAnyValue" or "ForAllValues"
	base      string // "StringEquals", "Null", ...
	ifExists  bool
}

// refBases lists every base operator with its family.
var refBases = map[string]string{
	"StringEquals": "String", "StringNotEquals": "String",
	"StringEqualsIgnoreCase": "String", "StringNotEqualsIgnoreCase": "String",
	"StringLike": "String", "StringNotLike": "String",
	"NumericEquals": "Numeric", "NumericNotEquals": "Numeric",
	"NumericLessThan": "Numeric", "NumericLessThanEquals": "Numeric",
	"NumericGreaterThan": "Numeric", "NumericGreaterThanEquals": "Numeric",
	"DateEquals": "Date", "DateNotEquals": "Date",
	"DateLessThan": "Date", "DateLessThanEquals": "Date",
	"DateGreaterThan": "Date", "DateGreaterThanEquals": "Date",
	"Bool":         "Bool",
	"BinaryEquals": "Binary",
	"IpAddress":    "IpAddress", "NotIpAddress": "IpAddress",
	"ArnEquals": "Arn", "ArnLike": "Arn", "ArnNotEquals": "Arn", "ArnNotLike": "Arn",
	"Null": "Null",
}

// refNegated lists the operators that hold for a request value matching
// none of the policy values.
var refNegated = map[string]bool{
	"StringNotEquals": true, "StringNotEqualsIgnoreCase": true, "StringNotLike": true,
	"NumericNotEquals": true, "DateNotEquals": true, "NotIpAddress": true,
	"ArnNotEquals": true, "ArnNotLike": true,
}

// parseRefOperator reads an operator name: an optional "ForAnyValue:" or
// "ForAllValues:" prefix, a base operator in its exact spelling, and an
// optional "IfExists" suffix. Null takes neither prefix nor suffix.
func parseRefOperator(name string) (refOperator, bool) {
	var op refOperator
	for _, q := range []string{"ForAnyValue", "ForAllValues"} {
		if rest, ok := strings.CutPrefix(name, q+":"); ok {
			op.qualifier, name = q, rest
			break
		}
	}
	if rest, ok := strings.CutSuffix(name, "IfExists"); ok {
		op.ifExists, name = true, rest
	}
	op.base = name
	if _, ok := refBases[op.base]; !ok {
		return refOperator{}, false
	}
	if op.base == "Null" && (op.qualifier != "" || op.ifExists) {
		return refOperator{}, false
	}
	return op, true
}

// refCondition is one (operator, key, values) test of a Condition element.
type refCondition struct {
	op        refOperator
	key       string
	values    []string
	variables bool // the policy has Version 2012-10-17
}

// eval evaluates the test against the request context.
func (c refCondition) eval(lookup lookupFunc) tri {
	if c.undocumentedValue() {
		return unknown
	}
	values, present := lookup(c.key)
	if c.op.base == "Null" {
		result := no
		for _, v := range c.values {
			wantAbsent := strings.EqualFold(v, "true")
			result = result.or(triOf(wantAbsent != present))
		}
		return result
	}

	if !present {
		switch {
		case c.op.ifExists, c.op.qualifier == "ForAllValues":
			return yes
		case c.op.qualifier == "ForAnyValue":
			return no
		}
		return triOf(refNegated[c.op.base])
	}
	switch c.op.qualifier {
	case "ForAnyValue":
		result := no
		for _, v := range values {
			result = result.or(c.evalValue(v, lookup))
		}
		return result
	case "ForAllValues":
		result := yes
		for _, v := range values {
			result = result.and(c.evalValue(v, lookup))
		}
		return result
	}
	if len(values) != 1 {
		// AWS does not document a plain operator on a key with several
		// values.
		return unknown
	}
	return c.evalValue(values[0], lookup)
}

// undocumentedValue reports whether a policy value has a meaning AWS does
// not document, which makes the whole test undecided: a date of exactly four
// digits (a year, or seconds since the epoch), or a Bool value holding a
// policy variable.
func (c refCondition) undocumentedValue() bool {
	for _, v := range c.values {
		switch refBases[c.op.base] {
		case "Date":
			if fourDigits.MatchString(v) {
				return true
			}
		case "Bool":
			if c.variables && strings.Contains(v, "${") {
				return true
			}
		}
	}
	return false
}

// evalValue reports whether one request value satisfies the operator: for
// a positive operator it matches at least one policy value, for a negated
// one it matches none.
func (c refCondition) evalValue(value string, lookup lookupFunc) tri {
	matched := no
	for _, pv := range c.values {
		matched = matched.or(c.matchOne(pv, value, lookup))
	}
	if refNegated[c.op.base] {
		return matched.not()
	}
	return matched
}

// matchOne compares one policy value with one request value under the
// positive form of the operator.
func (c refCondition) matchOne(policyValue, value string, lookup lookupFunc) tri {
	switch refBases[c.op.base] {
	case "String":
		opts := globOptions{variables: c.variables}
		switch c.op.base {
		case "StringLike", "StringNotLike":
			opts.wildcards = true
		case "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase":
			opts.fold = true
		}
		ok, _ := refGlob(policyValue, value, opts, lookup)
		return triOf(ok)
	case "Arn":
		ok, _ := refARNMatch(policyValue, value, c.variables, lookup)
		return triOf(ok)
	case "Numeric":
		return compareNumbers(c.op.base, policyValue, value)
	case "Date":
		return compareDates(c.op.base, policyValue, value)
	case "Bool":
		want, ok1 := parseRefBool(policyValue)
		got, ok2 := parseRefBool(value)
		return triOf(ok1 && ok2 && want == got)
	case "Binary":
		want, ok1 := decodeRefBase64(policyValue)
		got, ok2 := decodeRefBase64(value)
		return triOf(ok1 && ok2 && bytes.Equal(want, got))
	case "IpAddress":
		return triOf(ipInBlock(policyValue, value))
	}
	panic("reference: no family for operator " + c.op.base)
}

// numberSyntax is a decimal number with optional sign, fraction and
// exponent, as a JSON number or plain text may write it.
var numberSyntax = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

// parseRefNumber parses a number exactly. It panics on a number outside
// the range it supports (see hugeExponent).
func parseRefNumber(s string) (*big.Rat, bool) {
	if !numberSyntax.MatchString(s) {
		return nil, false
	}
	if hugeExponent(s) {
		panic(fmt.Sprintf("reference: exponent of %q out of the range it supports", s))
	}
	r, ok := new(big.Rat).SetString(s)
	return r, ok
}

// hugeExponent reports whether s is a number with an exponent beyond
// ±10000. Such numbers are far outside anything the generator builds, and
// big.Rat would need time and memory exponential in the exponent's digits.
func hugeExponent(s string) bool {
	i := strings.IndexAny(s, "eE")
	if i < 0 || !numberSyntax.MatchString(s) {
		return false
	}
	exp, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
	return err != nil || exp > 10000 || exp < -10000
}

func compareNumbers(base, policyValue, value string) tri {
	want, ok1 := parseRefNumber(policyValue)
	got, ok2 := parseRefNumber(value)
	if !ok1 || !ok2 {
		return no
	}
	return triOf(ordered(base, got.Cmp(want)))
}

// ordered reports whether cmp, the request value compared with the policy
// value, satisfies the positive form of the Numeric or Date operator base.
func ordered(base string, cmp int) bool {
	switch strings.TrimPrefix(strings.TrimPrefix(base, "Numeric"), "Date") {
	case "Equals", "NotEquals":
		return cmp == 0
	case "LessThan":
		return cmp < 0
	case "LessThanEquals":
		return cmp <= 0
	case "GreaterThan":
		return cmp > 0
	case "GreaterThanEquals":
		return cmp >= 0
	}
	panic("reference: not an ordered operator: " + base)
}

var (
	fourDigits = regexp.MustCompile(`^[0-9]{4}$`)
	allDigits  = regexp.MustCompile(`^[0-9]+$`)

	// isoDate is the W3C profile of ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD,
	// then optionally Thh:mm, :ss and .s (one or more digits), with a
	// required zone designator Z or ±hh:mm after a time.
	isoDate = regexp.MustCompile(`^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})` +
		`(?:T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]+))?)?(Z|[+-][0-9]{2}:[0-9]{2}))?)?)?$`)
)

// parseRefDate returns a date as seconds since the Unix epoch. Digits only
// are epoch seconds, except exactly four digits, which are also a year:
// that reading is undecided.
func parseRefDate(s string) (*big.Rat, tri) {
	if fourDigits.MatchString(s) {
		return nil, unknown
	}
	if allDigits.MatchString(s) {
		r, _ := new(big.Rat).SetString(s)
		return r, yes
	}
	m := isoDate.FindStringSubmatch(s)
	if m == nil {
		return nil, no
	}
	num := func(i, def int) int {
		if m[i] == "" {
			return def
		}
		n, _ := strconv.Atoi(m[i])
		return n
	}

	year, month, day := num(1, 0), num(2, 1), num(3, 1)
	hour, minute, second := num(4, 0), num(5, 0), num(6, 0)
	if month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 {
		return nil, no
	}
	t := time.Date(year, time.Month(month), day, hour, minute, second, 0, time.UTC)
	if t.Day() != day {
		return nil, no // no such day in that month
	}
	seconds := new(big.Rat).SetInt64(t.Unix())
	if m[7] != "" {
		fraction, _ := new(big.Rat).SetString("0." + m[7])
		seconds.Add(seconds, fraction)
	}
	if zone := m[8]; zone != "" && zone != "Z" {
		zh, _ := strconv.Atoi(zone[1:3])
		zm, _ := strconv.Atoi(zone[4:6])
		if zh > 23 || zm > 59 {
			return nil, no
		}
		offset := int64(zh*3600 + zm*60)
		if zone[0] == '-' {
			offset = -offset
		}
		seconds.Sub(seconds, new(big.Rat).SetInt64(offset))
	}
	return seconds, yes
}

func compareDates(base, policyValue, value string) tri {
	want, ok := parseRefDate(policyValue)
	if ok != yes {
		return no // cannot happen for a value policy.Parse accepted
	}
	got, ok := parseRefDate(value)
	if ok != yes {
		return unknown // a request value that is not a date cannot be decided
	}
	return triOf(ordered(base, got.Cmp(want)))
}

func parseRefBool(s string) (value, ok bool) {
	switch {
	case strings.EqualFold(s, "true"):
		return true, true
	case strings.EqualFold(s, "false"):
		return false, true
	}
	return false, false
}

// decodeRefBase64 decodes standard base64 whose padding, the one or two
// '=' at the end, is optional.
func decodeRefBase64(s string) ([]byte, bool) {
	for range 2 {
		s = strings.TrimSuffix(s, "=")
	}
	if strings.ContainsAny(s, "\r\n") {
		return nil, false // encoding/base64 skips line breaks, base64 values have none
	}
	b, err := base64.RawStdEncoding.DecodeString(s)
	return b, err == nil
}

// ipInBlock reports whether the request address value lies in the policy
// block, a CIDR or a single address. Host bits of the block are ignored,
// and an IPv4 address never lies in an IPv6 block or the reverse.
func ipInBlock(block, value string) bool {
	var prefix netip.Prefix
	if strings.Contains(block, "/") {
		p, err := netip.ParsePrefix(block)
		if err != nil {
			return false
		}
		prefix = p.Masked()
	} else {
		a, err := netip.ParseAddr(block)
		if err != nil || a.Zone() != "" {
			return false
		}
		prefix = netip.PrefixFrom(a, a.BitLen())
	}
	addr, err := netip.ParseAddr(value)
	if err != nil || addr.Zone() != "" {
		return false
	}
	return prefix.Contains(addr)
}
