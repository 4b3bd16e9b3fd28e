package policy

import (
	"slices"

	"github.com/tidwall/gjson"
)

// Principal is the value of a Principal or NotPrincipal element: either
// the bare string "*" or an object mapping principal types to lists of
// principals. Values are kept as written. In particular a bare account ID
// in AWS is not rewritten, and NormalizedAWS gives the ARN form.
type Principal struct {
	// Wildcard is true for the bare string "*". The object form
	// {"AWS": "*"} means the same to AWS but is kept as written, with
	// Wildcard false and AWS holding "*". Anyone reports either form.
	Wildcard bool

	// AWS holds account IDs, account root ARNs, IAM user and role ARNs,
	// STS session ARNs, or "*".
	AWS []string

	// Service holds service principal names such as "ecs.amazonaws.com".
	Service []string

	// Federated holds web identity provider names or SAML provider ARNs.
	Federated []string

	// CanonicalUser holds S3 canonical user IDs.
	CanonicalUser []string

	// Pos locates the "*" string or the opening brace of the object.
	Pos Pos

	// AWSPos, ServicePos, FederatedPos and CanonicalUserPos have one entry
	// per value of the list of the same name.
	AWSPos, ServicePos, FederatedPos, CanonicalUserPos []Pos
}

// Anyone reports whether p names every principal, including anonymous
// callers: the bare "*" or an AWS value of "*".
func (p *Principal) Anyone() bool {
	return p != nil && (p.Wildcard || slices.Contains(p.AWS, "*"))
}

// NormalizedAWS returns the AWS values with each bare 12-digit account ID
// replaced by the ARN of that account's root,
// "arn:<partition>:iam::<account>:root". AWS treats the two forms alike:
// both name the whole account, not only its root user. When no value needs
// rewriting, NormalizedAWS returns p.AWS itself, which callers must not
// modify.
func (p *Principal) NormalizedAWS(partition string) []string {
	if p == nil {
		return nil
	}
	i := slices.IndexFunc(p.AWS, IsAccountID)
	if i < 0 {
		return p.AWS
	}
	out := slices.Clone(p.AWS)
	for ; i < len(out); i++ {
		out[i] = NormalizeAWSPrincipal(out[i], partition)
	}
	return out
}

// NormalizeAWSPrincipal returns the account root ARN
// "arn:<partition>:iam::<value>:root" when value is a bare 12-digit account
// ID, and value unchanged otherwise.
func NormalizeAWSPrincipal(value, partition string) string {
	if !IsAccountID(value) {
		return value
	}
	return "arn:" + partition + ":iam::" + value + ":root"
}

// IsAccountID reports whether s is an AWS account ID: exactly 12 ASCII
// digits.
func IsAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (p *Principal) equal(q *Principal) bool {
	if p == nil || q == nil {
		return p == q
	}
	return p.Wildcard == q.Wildcard &&
		equalList(p.AWS, q.AWS) &&
		equalList(p.Service, q.Service) &&
		equalList(p.Federated, q.Federated) &&
		equalList(p.CanonicalUser, q.CanonicalUser)
}

// principalTypes are the keys of a principal object, in the order
// MarshalJSON writes them.
var principalTypes = [...]string{"AWS", "Service", "Federated", "CanonicalUser"}

// principal reads the value of Principal or NotPrincipal.
func (p *parser) principal(v gjson.Result, at *path) *Principal {
	switch {
	case v.Type == gjson.String:
		if v.Str != "*" {
			p.fail(v.Index, at, ErrBadValue,
				`invalid principal %q: the only string principal is "*"; name others in an object such as {"AWS": [...]}`, v.Str)
			return nil
		}
		pr := p.principals.alloc()
		pr.Wildcard, pr.Pos = true, posAt(v.Index)
		return pr
	case !isObject(v):
		p.fail(v.Index, at, ErrWrongType, `expected "*" or an object, not %s`, typeName(v))
		return nil
	}

	pr := p.principals.alloc()
	pr.Pos = posAt(v.Index)
	var keys [len(principalTypes)]int // offset+1 of each type's key
	p.members(v, func(key, value gjson.Result) bool {
		t := p.lookupMember(key, principalTypes[:], at, "a principal")
		if t < 0 || !p.firstKey(&keys[t], key, at) {
			return false
		}
		kind := valueOtherPrincipal
		if t == 0 {
			kind = valueAWSPrincipal
		}
		typeAt := at.member(key.Str)
		values, positions, _ := p.list(value, &typeAt, kind)
		pr.setType(t, values, positions)
		return p.err == nil
	})
	if p.err == nil && keys == [len(principalTypes)]int{} {
		p.fail(v.Index, at, ErrBadValue, "empty principal object; name at least one of AWS, Service, Federated or CanonicalUser")
	}
	return pr
}

func (pr *Principal) setType(t int, values []string, positions []Pos) {
	switch t {
	case 0:
		pr.AWS, pr.AWSPos = values, positions
	case 1:
		pr.Service, pr.ServicePos = values, positions
	case 2:
		pr.Federated, pr.FederatedPos = values, positions
	case 3:
		pr.CanonicalUser, pr.CanonicalUserPos = values, positions
	}
}
