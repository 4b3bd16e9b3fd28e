package policy

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// valueKind selects the rules a value of a list must follow.
type valueKind uint8

const (
	valueAction valueKind = iota
	valueResource
	valueAWSPrincipal   // values of the AWS principal type
	valueOtherPrincipal // values of Service, Federated and CanonicalUser
	valueCondition
)

var valueKindNames = [...]string{
	valueAction:         "action",
	valueResource:       "resource",
	valueAWSPrincipal:   "principal",
	valueOtherPrincipal: "principal",
	valueCondition:      "condition value",
}

// list reads a value that may be a single string or an array of strings,
// as Action, Resource, principal lists and condition values are. It
// returns the values, their positions and whether they were written as an
// array. Condition values may also be JSON numbers and booleans, which
// keep their literal text.
func (p *parser) list(v gjson.Result, at *path, kind valueKind) ([]string, []Pos, bool) {
	p.stringBuf = p.stringBuf[:0]
	p.posBuf = p.posBuf[:0]

	array := isArray(v)
	if !array {
		p.value(v, at, kind)
	} else {
		p.listItems(v, at, kind)
		if p.err == nil && len(p.stringBuf) == 0 {
			p.fail(v.Index, at, ErrBadValue, "empty array; give at least one %s", valueKindNames[kind])
		}
	}

	if p.err != nil {
		return nil, nil, array
	}
	return p.strings.copyOf(p.stringBuf), p.positions.copyOf(p.posBuf), array
}

// listItems reads the items of the array v, a value of the validated
// document, into the scratch lists.
func (p *parser) listItems(v gjson.Result, at *path, kind valueKind) {
	src := p.src
	for i := v.Index + 1; ; {
		if i = skipSeparators(src, i); src[i] == ']' {
			return
		}
		item, next := p.valueAt(i)
		i = next
		n := len(p.stringBuf)
		itemAt := at.item(n)
		if exceeds(n+1, p.limits.MaxValues) {
			p.fail(item.Index, &itemAt, ErrTooMany,
				"more than Limits.MaxValues (%d) values; parse with a larger policy.Limits{MaxValues: n}",
				p.limits.MaxValues)
			return
		}
		if p.value(item, &itemAt, kind); p.err != nil {
			return
		}
	}
}

// value checks one value of a list and appends it to the scratch lists.
func (p *parser) value(v gjson.Result, at *path, kind valueKind) {
	var s string
	switch v.Type {
	case gjson.String:
		if !p.checkEscapes(v, at) {
			return
		}
		s = v.Str
	case gjson.Number, gjson.True, gjson.False:
		if kind != valueCondition {
			p.fail(v.Index, at, ErrWrongType, "expected a string, not %s", typeName(v))
			return
		}
		s = v.Raw
	default:
		expected := "a string"
		if kind == valueCondition {
			expected = "a string, number or boolean"
		}
		p.fail(v.Index, at, ErrWrongType, "expected %s, not %s", expected, typeName(v))
		return
	}

	if msg := p.checkValue(s, kind); msg != "" {
		p.fail(v.Index, at, ErrBadValue, "%s", msg)
		return
	}
	if (kind == valueAction || kind == valueResource) && !p.limitWildcards(s, v.Index, at) {
		return
	}
	p.stringBuf = append(p.stringBuf, s)
	p.posBuf = append(p.posBuf, posAt(v.Index))
}

// checkValue returns what is wrong with s as a value of the given kind, or
// "" when it is acceptable.
func (p *parser) checkValue(s string, kind valueKind) string {
	if kind == valueCondition {
		return "" // the operator decides, see compileCondition
	}
	if s == "" {
		article := "a"
		if kind == valueAction {
			article = "an"
		}
		return fmt.Sprintf("empty string; give %s %s", article, valueKindNames[kind])
	}
	switch kind {
	case valueAction:
		return checkAction(s)
	case valueResource:
		return p.checkResource(s)
	case valueAWSPrincipal:
		if s != "*" && strings.ContainsAny(s, "*?") {
			return fmt.Sprintf(`invalid principal %q: AWS allows no '*' or '?' inside a principal, only "*" as the whole value`, s)
		}
	case valueOtherPrincipal:
		if strings.ContainsAny(s, "*?") {
			return fmt.Sprintf(`invalid principal %q: AWS allows no '*' or '?' in a principal; write "*" or {"AWS": "*"} for every principal`, s)
		}
	}
	return ""
}

// checkAction accepts "*" and "service:action" with a non-empty service
// prefix free of wildcards and a non-empty action name, which may contain
// '*' and '?'. IAM rejects the other forms as MalformedPolicyDocument, with
// messages such as "Action vendors (e.g., aws, ec2, etc.) must not contain
// wildcards" and "Actions/Condition can contain only one colon".
//
// Service prefixes and action names are made of ASCII letters, digits and
// '-'. Most names have no '-', but the Service Authorization Reference
// lists vpc-lattice:AssociateViaAWSService-EventsAndStates.
func checkAction(s string) string {
	if s == "*" {
		return ""
	}
	service, name, ok := strings.Cut(s, ":")
	switch {
	case !ok || service == "" || name == "":
		return fmt.Sprintf(`invalid action %q; write "*" or "service:action", such as "s3:GetObject"`, s)
	case strings.Contains(name, ":"):
		return fmt.Sprintf(`invalid action %q: an action has exactly one colon`, s)
	case strings.ContainsAny(service, "*?"):
		return fmt.Sprintf(`invalid action %q: AWS allows no wildcard in the service prefix`, s)
	}
	if i := invalidActionByte(service, false); i >= 0 {
		return fmt.Sprintf(`invalid action %q: the service prefix contains %s; use only ASCII letters, digits and '-'`,
			s, describeChar(service[i:]))
	}
	if i := invalidActionByte(name, true); i >= 0 {
		return fmt.Sprintf(`invalid action %q: the action name contains %s; use only ASCII letters, digits, '-' and the wildcards '*' and '?'`,
			s, describeChar(name[i:]))
	}
	return ""
}

// invalidActionByte returns the offset of the first byte of s that is not
// an ASCII letter, digit or '-', nor, when wildcards is true, '*' or '?'.
// It returns -1 when there is none.
func invalidActionByte(s string, wildcards bool) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-':
		case wildcards && (c == '*' || c == '?'):
		default:
			return i
		}
	}
	return -1
}

// describeChar names the first character of s for a message, such as
// U+0130 'İ' or U+0020 ' '.
func describeChar(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	return fmt.Sprintf("%U %q", r, r)
}

// checkResource accepts "*" and ARN patterns: "arn:" followed by
// partition, service, region, account and resource parts separated by
// colons, where the service part is neither empty nor wildcarded. When
// variables are on, a colon inside ${...} does not separate parts, and
// variables may appear in the region, account and resource parts: AWS
// managed policies such as AmazonTimestreamInfluxDBServiceRolePolicy use
// "arn:*:kms:*:${aws:PrincipalAccount}:key/*".
func (p *parser) checkResource(s string) string {
	if s == "*" {
		return ""
	}
	const hint = `write "*" or an ARN such as "arn:aws:s3:::bucket/*"`
	if !strings.HasPrefix(s, "arn:") {
		return fmt.Sprintf("invalid resource %q; %s", s, hint)
	}

	var parts [4]string // partition, service, region, account
	rest := s[len("arn:"):]
	for i := range parts {
		end := p.partEnd(rest)
		if end < 0 {
			return fmt.Sprintf("invalid resource %q: an ARN has six colon-separated parts; %s", s, hint)
		}
		parts[i], rest = rest[:end], rest[end+1:]
	}

	partition, service := parts[0], parts[1]
	switch {
	case service == "":
		return fmt.Sprintf("invalid resource %q: the service part of the ARN is empty", s)
	case strings.ContainsAny(service, "*?"):
		return fmt.Sprintf("invalid resource %q: AWS allows no wildcard in the service part of an ARN", s)
	case p.variables && (strings.Contains(partition, "${") || strings.Contains(service, "${")):
		return fmt.Sprintf("invalid resource %q: policy variables are not allowed in the partition and service parts of an ARN", s)
	}
	return ""
}

// partEnd returns the offset of the colon that ends the first ARN part of
// s, or -1 when there is none. With variables on, it skips over each
// closed ${...}, whose key name may contain colons.
func (p *parser) partEnd(s string) int {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == ':':
			return i
		case p.variables && s[i] == '$' && strings.HasPrefix(s[i:], "${"):
			if end := strings.IndexByte(s[i:], '}'); end >= 0 {
				i += end
			}
		}
	}
	return -1
}
