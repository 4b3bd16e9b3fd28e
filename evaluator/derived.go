package evaluator

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"

	"github.com/iameval/iameval/condition"
)

// Condition keys that AWS derives from the caller. The evaluator adds them
// to a request's context when the caller did not set them and some policy
// refers to them, so a policy can test aws:PrincipalArn or use
// ${aws:username} without every caller filling them in.
const (
	keyPrincipalArn = iota
	keyPrincipalAccount
	keyPrincipalType
	keyUsername
	keyUserID
	keyPrincipalIsAWSService
	keyPrincipalServiceName
	derivedKeyCount
)

// derivedKeyNames are the derived keys in folded (lower-case) form.
var derivedKeyNames = [derivedKeyCount]string{
	keyPrincipalArn:          "aws:principalarn",
	keyPrincipalAccount:      "aws:principalaccount",
	keyPrincipalType:         "aws:principaltype",
	keyUsername:              "aws:username",
	keyUserID:                "aws:userid",
	keyPrincipalIsAWSService: "aws:principalisawsservice",
	keyPrincipalServiceName:  "aws:principalservicename",
}

// derivedKeys are derivedKeyNames ready for condition.Context.Lookup.
var derivedKeys = func() (keys [derivedKeyCount]condition.Key) {
	for k, name := range derivedKeyNames {
		keys[k] = condition.NewKey(name)
	}
	return keys
}()

// derivedKeyLabels are the derived keys as AWS documentation spells them,
// for messages.
var derivedKeyLabels = [derivedKeyCount]string{
	keyPrincipalArn:          "aws:PrincipalArn",
	keyPrincipalAccount:      "aws:PrincipalAccount",
	keyPrincipalType:         "aws:PrincipalType",
	keyUsername:              "aws:username",
	keyUserID:                "aws:userid",
	keyPrincipalIsAWSService: "aws:PrincipalIsAWSService",
	keyPrincipalServiceName:  "aws:PrincipalServiceName",
}

// apKeyLabels are the access point keys as AWS documentation spells them,
// for messages.
var apKeyLabels = [apKeyCount]string{
	apKeyARN:     "s3:DataAccessPointArn",
	apKeyAccount: "s3:DataAccessPointAccount",
	apKeyOrigin:  "s3:AccessPointNetworkOrigin",
}

// deriveKeys computes the values of the derived keys for p, once, so that
// adding them to a request's context copies no strings. A key that AWS
// sets from data the principal ARN does not contain, such as the unique ID
// of an IAM user in aws:userid, is left absent. It also records the keys
// AWS never sets for p, in p.unset.
func (p *Principal) deriveKeys() {
	set := func(key int, value string) { p.keys[key] = []string{value} }
	p.unset = 1<<keyUsername | 1<<keyPrincipalServiceName
	switch p.typ {
	case PrincipalUser:
		set(keyPrincipalArn, p.text)
		set(keyPrincipalType, "User")
		set(keyUsername, p.name)
		p.unset &^= 1 << keyUsername
	case PrincipalRole, PrincipalRoleSession:
		set(keyPrincipalArn, p.issuer)
		set(keyPrincipalType, "AssumedRole")
	case PrincipalFederatedUser:
		set(keyPrincipalArn, p.text)
		set(keyPrincipalType, "FederatedUser")
		set(keyUserID, p.account+":"+p.name)
	case PrincipalRoot:
		set(keyPrincipalArn, p.text)
		set(keyPrincipalType, "Account")
		set(keyUserID, p.account)
	case PrincipalService:
		set(keyPrincipalIsAWSService, "true")
		set(keyPrincipalServiceName, p.name)
		p.unset &^= 1 << keyPrincipalServiceName
		return
	case PrincipalAnonymous:
		set(keyPrincipalAccount, anonymousText)
		set(keyPrincipalType, "Anonymous")
		set(keyUserID, anonymousText)
		p.unset |= 1<<keyPrincipalArn | 1<<keyPrincipalIsAWSService
		return
	}
	set(keyPrincipalAccount, p.account)
	set(keyPrincipalIsAWSService, "false")
}

// keySet marks keys that AWS sets itself: bit k for the derived key k,
// bit derivedKeyCount+k for the access point key k.
type keySet uint16

// The derived and access point keys fit in a keySet.
var _ [16 - derivedKeyCount - apKeyCount]struct{}

// guardedKeys returns the keys that AWS sets itself among keys, the
// condition keys that the policies refer to, folded. A context
// value for any other key cannot change a decision, so Evaluate checks
// only these.
func guardedKeys(keys map[string]keyUse) keySet {
	var set keySet
	for k, name := range derivedKeyNames {
		if keys[name] != 0 {
			set |= 1 << k
		}
	}
	for k, name := range apKeyNames {
		if keys[name] != 0 {
			set |= 1 << (derivedKeyCount + k)
		}
	}
	return set
}

// checkContext reports an error when ctx, the context a caller gave with a
// request of p, sets a key of guarded, which AWS sets itself, to a value
// AWS would not set. Such a context claims another identity, another account or an
// access point the request did not go through. For each key the evaluator
// derives from p, the context must hold the derived value alone, with one
// exception: the role ARN of a role session whose issuer is not known may
// carry the role's path. A key AWS leaves out for p, such as aws:username
// for a role session, must be absent, as must the access point keys, which
// only the evaluator sets. A key the evaluator cannot derive, such as the
// aws:userid of an IAM user, is accepted as given, except that a role
// session's aws:userid must end with ":" and the session name.
//
// checkContext also returns the derived keys of guarded that ctx contains, so
// that Evaluate adds only the others. It compares strings only and
// allocates nothing unless it returns an error.
func (p *Principal) checkContext(ctx *condition.Context, guarded keySet) (keySet, error) {
	var callerKeys keySet
	for set := guarded & (1<<derivedKeyCount - 1); set != 0; set &= set - 1 {
		k := bits.TrailingZeros16(uint16(set))
		values, ok := ctx.Lookup(derivedKeys[k])
		if !ok {
			continue
		}
		if !p.agrees(k, values) {
			return 0, p.contextError(k, values)
		}
		callerKeys |= 1 << k
	}
	for set := guarded >> derivedKeyCount; set != 0; set &= set - 1 {
		k := bits.TrailingZeros16(uint16(set))
		if values, ok := ctx.Lookup(apKeys[k]); ok {
			return 0, fmt.Errorf("evaluator: %w: context key %s is %s, but only the evaluator sets it, from the access point settings",
				ErrInvalidRequest, apKeyLabels[k], quoteValues(values))
		}
	}
	return callerKeys, nil
}

// agrees reports whether values, given in a request context for the
// derived key k, are what AWS would set for p.
func (p *Principal) agrees(k int, values []string) bool {
	if p.unset&(1<<k) != 0 || len(values) != 1 {
		return false
	}
	v := values[0]
	derived := p.keys[k]
	switch {
	case derived != nil && v == derived[0]:
		return true
	case k == keyPrincipalArn && p.issuerDerived:
		return p.isOwnRoleARN(v)
	case k == keyUserID && p.typ == PrincipalRoleSession:
		// AWS sets ROLE-ID:SESSION-NAME, and the role's unique ID is not
		// part of any ARN.
		n := len(v) - len(p.name)
		return n > 1 && v[n-1] == ':' && v[n:] == p.name
	}
	return derived == nil
}

// isOwnRoleARN reports whether v is the ARN of the role of the session p,
// with any path: arn:PARTITION:iam::ACCOUNT:role/PATH/NAME, with the
// partition, account and role name of p. It builds no strings.
func (p *Principal) isOwnRoleARN(v string) bool {
	for _, part := range [...]string{"arn:", p.partition, ":iam::", p.account, ":role/"} {
		var ok bool
		if v, ok = strings.CutPrefix(v, part); !ok {
			return false
		}
	}
	i := strings.LastIndexByte(v, '/')
	if v[i+1:] != p.roleName || i == 0 {
		return false
	}
	// The path is "/" and v[:i+1], which must be printable ASCII.
	for j := 0; j < i; j++ {
		if c := v[j]; c <= ' ' || c > '~' {
			return false
		}
	}
	return true
}

// contextError describes values, given for the derived key k, that
// contradict p.
func (p *Principal) contextError(k int, values []string) error {
	label := derivedKeyLabels[k]
	switch {
	case p.unset&(1<<k) != 0:
		return fmt.Errorf("evaluator: %w: context key %s is %s, but AWS does not set it for a %s",
			ErrInvalidRequest, label, quoteValues(values), p.typ)
	case p.keys[k] != nil:
		return fmt.Errorf("evaluator: %w: context key %s is %s, but the principal %q has %q",
			ErrInvalidRequest, label, quoteValues(values), strings.Clone(p.text), strings.Clone(p.keys[k][0]))
	}
	return fmt.Errorf("evaluator: %w: context key %s is %s, but for the principal %q it must be one value ending with %q",
		ErrInvalidRequest, label, quoteValues(values), strings.Clone(p.text), ":"+p.name)
}

// quoteValues writes values as a list of quoted strings. It copies them,
// so that an error holding the text keeps no reference to the context.
func quoteValues(values []string) string {
	var sb strings.Builder
	sb.WriteByte('[')
	for i, v := range values {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(strconv.Quote(v))
	}
	sb.WriteByte(']')
	return sb.String()
}
