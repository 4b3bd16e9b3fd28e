package policy

import (
	"net/netip"
	"slices"
	"strings"

	"github.com/iameval/iameval/condition"
)

// alwaysPresentKeys are the condition keys AWS puts in the context of
// every request, so IfExists on them changes nothing.
var alwaysPresentKeys = []string{
	"aws:CurrentTime", "aws:EpochTime", "aws:SecureTransport",
	"aws:PrincipalAccount", "aws:PrincipalType", "aws:userid",
}

// accountKeys are condition keys whose values are account IDs.
var accountKeys = []string{
	"aws:SourceAccount", "aws:PrincipalAccount", "aws:ResourceAccount",
	"aws:VpceAccount", "s3:DataAccessPointAccount", "s3:ResourceAccount",
}

// privateRanges are the IP ranges that never appear as aws:SourceIp:
// RFC 1918 and RFC 4193 private ranges, loopback and link-local.
var privateRanges = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
	netip.MustParsePrefix("127.0.0.0/8"),
	netip.MustParsePrefix("169.254.0.0/16"),
	netip.MustParsePrefix("fc00::/7"),
	netip.MustParsePrefix("fe80::/10"),
	netip.MustParsePrefix("::1/128"),
}

func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(k string) bool { return strings.EqualFold(k, s) })
}

// conditionPath returns the path of a condition's key.
func (v *validator) conditionPath(at path, c *Condition) path {
	return at.member("Condition").member(c.Operator.String()).member(c.Key)
}

// conditions checks each condition of a statement.
func (v *validator) conditions(st *Statement, at path) {
	for i := range st.Conditions {
		c := &st.Conditions[i]
		cat := v.conditionPath(at, c)
		v.duplicateKey(st.Conditions[:i], c, cat)
		if info := v.conditionKey(st, c, cat); info != nil {
			v.keyUse(c, info, cat)
		}
		firstOfOperator := !slices.ContainsFunc(st.Conditions[:i], func(d Condition) bool { return d.Operator == c.Operator })
		v.redundantIfExists(c, at.member("Condition").member(c.Operator.String()), cat, firstOfOperator)
		v.conditionValues(c, cat)
	}
}

// duplicateKey reports a key that an earlier condition under the same
// operator spells in different case. AWS compares key names without regard
// to case, so the two are one key written twice. Parse rejects such keys,
// so only a Policy built in code has them.
func (v *validator) duplicateKey(earlier []Condition, c *Condition, at path) {
	for _, e := range earlier {
		if e.Operator == c.Operator && e.Key != c.Key && sameKey(e.Key, c.Key) {
			v.report(CodeDuplicateConditionKey, at, c.KeyPos,
				"%s lists %q and %q, which are one key because key names ignore case; merge their values under one key",
				c.Operator, e.Key, c.Key)
			return
		}
	}
}

// conditionKey looks the key up in the table, reports an unknown key or a
// key of another service, and returns the table entry, or nil.
func (v *validator) conditionKey(st *Statement, c *Condition, at path) *keyInfo {
	info := v.ix.key(c.Key)
	prefix, _, hasPrefix := strings.Cut(strings.ToLower(c.Key), ":")
	if info == nil {
		switch {
		case prefix == "aws":
			v.report(CodeUnknownConditionKey, at, c.KeyPos,
				"%q is not an AWS global condition key; check its spelling against the global condition key list", c.Key)
		case !hasPrefix:
			v.report(CodeUnknownConditionKey, at, c.KeyPos,
				"%q has no service prefix; condition keys are written \"service:name\", such as \"s3:prefix\"", c.Key)
		case v.ix.keyPrefixes[prefix] || isServiceName(prefix):
			v.report(CodeUnknownConditionKey, at, c.KeyPos,
				"%q is not a condition key of %s; check its spelling against the service's condition keys", c.Key, prefix)
		}
		return nil
	}
	if !info.global && !keyFitsActions(v.ix, info, st) {
		v.report(CodeConditionKeyServiceMismatch, at, c.KeyPos,
			"%s is a key of %s, but no action of this statement belongs to that service, so requests never carry it",
			info.name, strings.Join(info.services, ", "))
	}
	return info
}

// isServiceName reports whether s has the form of a service prefix, as
// opposed to, for example, the host name of an OIDC provider.
func isServiceName(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '-')
	}) < 0
}

// keyFitsActions reports whether some action of the statement belongs to a
// service that defines the key. A statement with NotAction or the action
// "*" may match any service, and so fits.
func keyFitsActions(ix *iamIndex, info *keyInfo, st *Statement) bool {
	if st.Action == nil || slices.Contains(st.Action, "*") {
		return true
	}
	for _, action := range st.Action {
		prefix, _, _ := strings.Cut(action, ":")
		s := ix.service(prefix)
		if s == nil || slices.Contains(info.services, s.prefix) {
			return true
		}
	}
	return false
}

// keyUse checks the operator against the key's type and whether the key
// is multivalued.
func (v *validator) keyUse(c *Condition, info *keyInfo, at path) {
	op := c.Operator
	if op.Base == condition.Null {
		return
	}
	if family := op.Base.Family(); !operatorFits(family, info) && !arnValuesOnStringKey(c, info) {
		v.report(CodeOperatorTypeMismatch, at, c.KeyPos,
			"%s is a %s key, but %s compares %s values; use %s operators",
			info.name, info.typ, op, family, operatorsFor(info))
	}
	if info.mixed {
		return
	}
	switch {
	case op.Qualifier == condition.ForAllValues && !info.multi:
		v.report(CodeForAllValuesSingleValuedKey, at, c.KeyPos,
			"%s holds one value per request; ForAllValues makes the condition true when the key is absent, "+
				"so remove \"ForAllValues:\"", info.name)
	case op.Qualifier == condition.ForAnyValue && !info.multi:
		v.report(CodeForAnyValueSingleValuedKey, at, c.KeyPos,
			"%s holds one value per request; remove \"ForAnyValue:\", which only obscures that", info.name)
	case op.Qualifier == condition.Single && info.multi:
		v.report(CodeMissingSetQualifier, at, c.KeyPos,
			"%s can hold several values per request; write ForAnyValue:%s or ForAllValues:%s to say how they combine",
			info.name, op, op)
	}
}

// operatorFits reports whether an operator family compares values of the
// key's type. String operators also fit ARN keys, and aws:EpochTime, a
// Date key, also takes Numeric operators.
func operatorFits(f condition.Family, info *keyInfo) bool {
	switch f {
	case condition.FamilyString:
		return info.typ == keyString || info.typ == keyARN
	case condition.FamilyNumeric:
		return info.typ == keyNumeric || strings.EqualFold(info.name, "aws:EpochTime")
	case condition.FamilyDate:
		return info.typ == keyDate
	case condition.FamilyBool:
		return info.typ == keyBool
	case condition.FamilyBinary:
		return info.typ == keyBinary
	case condition.FamilyIP:
		return info.typ == keyIP
	case condition.FamilyARN:
		return info.typ == keyARN
	}
	return true
}

// arnValuesOnStringKey reports whether an Arn operator tests a String key
// with values that are all ARNs, such as ArnLike on
// kms:EncryptionContext:aws:s3:arn. The String key then holds ARNs, and
// the Arn operator compares them part by part as intended.
func arnValuesOnStringKey(c *Condition, info *keyInfo) bool {
	return c.Operator.Base.Family() == condition.FamilyARN && info.typ == keyString &&
		!slices.ContainsFunc(c.Values, func(v string) bool { return !strings.HasPrefix(v, "arn:") })
}

// operatorsFor names the operator families that fit a key, for messages.
func operatorsFor(info *keyInfo) string {
	switch info.typ {
	case keyARN:
		return "Arn or String"
	case keyIP:
		return "IpAddress"
	case keyDate:
		if strings.EqualFold(info.name, "aws:EpochTime") {
			return "Date or Numeric"
		}
	}
	return info.typ.String()
}

// redundantIfExists reports IfExists where the key's absence already makes
// the condition true, once per operator, or where the key is never absent,
// once per key.
func (v *validator) redundantIfExists(c *Condition, opAt, keyAt path, firstOfOperator bool) {
	op := c.Operator
	switch {
	case !op.IfExists:
	case op.Qualifier == condition.ForAllValues && firstOfOperator:
		v.report(CodeRedundantIfExists, opAt, c.OperatorPos,
			"IfExists changes nothing here, because ForAllValues is already true when the key is absent; remove it")
	case op.Base.Negated() && op.Qualifier != condition.ForAllValues && firstOfOperator:
		v.report(CodeRedundantIfExists, opAt, c.OperatorPos,
			"IfExists changes nothing here, because %s is already true when the key is absent; remove it", op.Base)
	case !op.Base.Negated() && op.Qualifier != condition.ForAllValues && containsFold(alwaysPresentKeys, c.Key):
		v.report(CodeRedundantIfExists, keyAt, c.KeyPos,
			"IfExists changes nothing here, because AWS puts %s in every request; remove it", c.Key)
	}
}

// conditionValues checks the values of one condition for its operator.
func (v *validator) conditionValues(c *Condition, at path) {
	family := c.Operator.Base.Family()
	for i, value := range c.Values {
		vat, pos := v.listPath(at, c.ValuePos, i), posOf(c.ValuePos, i)
		if strings.Contains(value, "${") {
			switch {
			case !v.vars && (family == condition.FamilyString || family == condition.FamilyARN):
				v.reportVersion(vat, pos, value)
			case v.vars && family != condition.FamilyString && family != condition.FamilyARN:
				v.report(CodeVariableNotSupported, vat, pos,
					"AWS substitutes policy variables only in String and Arn operators, not in %s; write a fixed value",
					c.Operator)
			}
		}
		switch family {
		case condition.FamilyString:
			v.stringValue(c, value, vat, pos)
		case condition.FamilyNull:
			if !strings.EqualFold(value, "true") && !strings.EqualFold(value, "false") {
				v.report(CodeInvalidNullValue, vat, pos,
					`Null takes "true" (the key is absent) or "false" (the key is present), not %q`, value)
			}
		case condition.FamilyIP:
			v.ipValue(c, value, vat, pos)
		case condition.FamilyDate:
			v.dateValue(c, value, vat, pos)
		}
	}
	if family == condition.FamilyNull && containsFold(c.Values, "true") && containsFold(c.Values, "false") {
		v.report(CodeNullAlwaysTrue, at, c.KeyPos,
			"Null lists both true and false, so it is true whether or not %s is present; keep one value", c.Key)
	}
}

// stringValue checks one value of a String operator.
func (v *validator) stringValue(c *Condition, value string, at path, pos Pos) {
	base := c.Operator.Base
	like := base == condition.StringLike || base == condition.StringNotLike
	text := value
	if v.vars {
		for _, escape := range [...]string{"${*}", "${?}", "${$}"} {
			text = strings.ReplaceAll(text, escape, "")
		}
	}
	if !like && strings.ContainsAny(text, "*?") {
		likeOp := strings.Replace(c.Operator.String(), base.String(), likeOperator(base), 1)
		v.report(CodeWildcardWithoutLike, at, pos,
			"%s compares %q literally, so '*' and '?' are not wildcards; use %s if they should be", c.Operator, value, likeOp)
	}
	if containsFold(accountKeys, c.Key) && !hasPattern(value) && !IsAccountID(value) &&
		!(strings.EqualFold(c.Key, "aws:PrincipalAccount") && value == "anonymous") {
		v.report(CodeInvalidAccountID, at, pos, "%s holds account IDs, and %q is not 12 digits", c.Key, value)
	}
}

// likeOperator returns the Like operator that matches a String operator
// with wildcards.
func likeOperator(b condition.Base) string {
	switch b {
	case condition.StringNotEquals, condition.StringNotEqualsIgnoreCase:
		return "StringNotLike"
	}
	return "StringLike"
}

// ipValue checks one value of an IpAddress operator.
func (v *validator) ipValue(c *Condition, value string, at path, pos Pos) {
	prefix, err := netip.ParsePrefix(value)
	if err != nil {
		addr, err := netip.ParseAddr(value)
		if err != nil {
			return // the parser rejects it; a policy built in code may hold it
		}
		prefix = netip.PrefixFrom(addr, addr.BitLen())
	}
	if masked := prefix.Masked(); masked != prefix {
		v.report(CodeIPHostBits, at, pos,
			"%q has bits set after the /%d prefix, which AWS ignores; write %q", value, prefix.Bits(), masked)
	}
	if !strings.EqualFold(c.Key, "aws:SourceIp") {
		return
	}
	for _, private := range privateRanges {
		if private.Contains(prefix.Addr()) && prefix.Bits() >= private.Bits() {
			v.report(CodePrivateIPSource, at, pos,
				"%q is a private range, but aws:SourceIp is the public address of the caller; "+
					"to limit requests from a VPC use aws:VpcSourceIp together with aws:SourceVpc or aws:SourceVpce", value)
			return
		}
	}
}

// dateValue checks one value of a Date operator.
func (v *validator) dateValue(c *Condition, value string, at path, pos Pos) {
	if !isDigits(value) {
		return
	}
	if len(value) == 4 {
		v.report(CodeAmbiguousDate, at, pos,
			"%q reads both as the year %s and as %s seconds after 1970; write a full date such as \"%s-01-01T00:00:00Z\"",
			value, value, value, value)
		return
	}
	if !strings.EqualFold(c.Key, "aws:EpochTime") {
		v.report(CodeEpochDate, at, pos, "%q is epoch seconds; an ISO 8601 date such as \"2026-01-31T00:00:00Z\" is easier to check", value)
	}
}
