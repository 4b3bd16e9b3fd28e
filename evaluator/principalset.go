package evaluator

import (
	"slices"
	"strings"

	"github.com/iameval/iameval/arn"
	"github.com/iameval/iameval/policy"
)

// grant is how strongly a resource-based Allow statement grants a request,
// which depends on how its Principal element names the caller.
type grant uint8

const (
	// grantNone: the statement does not name the caller.
	grantNone grant = iota

	// grantAccount: the statement names the caller's account. That
	// delegates to the account: the caller's identity-based policies must
	// also allow the request.
	grantAccount

	// grantLimited: the statement names the role of a role session or the
	// IAM user behind a federated user. The grant counts only if the
	// permissions boundary and session policy also allow the request.
	grantLimited

	// grantFull: the statement names the caller itself, or everyone. The
	// grant does not depend on identity-based policies, the boundary or the
	// session policy.
	grantFull
)

// principalSet is a compiled Principal or NotPrincipal element.
type principalSet struct {
	anyone         bool
	accounts       []accountRef
	users          []string // IAM user ARNs
	roles          []roleRef
	sessions       []string // assumed-role session ARNs
	federatedUsers []string // federated-user ARNs
	services       []string
}

type accountRef struct {
	partition string // "" for a bare account ID, which fits any partition
	id        string
}

type roleRef struct {
	arn       string
	partition string
	account   string
	name      string
}

// compilePrincipal sorts the values of a Principal element by what they
// name.
//
// NOTE: some values never match a caller, because a request does not carry
// what they name: IAM unique IDs (AIDA..., AROA...) that AWS shows for
// deleted identities, Federated identity providers and S3 CanonicalUser
// IDs. An Allow naming only them grants nothing, a Deny naming only them
// denies nothing, and a NotPrincipal listing them excludes no caller.
func compilePrincipal(p *policy.Principal) *principalSet {
	s := &principalSet{anyone: p.Anyone(), services: p.Service}
	for _, v := range p.AWS {
		s.addAWS(v)
	}
	return s
}

func (s *principalSet) addAWS(v string) {
	if v == "*" {
		return
	}
	if policy.IsAccountID(v) {
		s.accounts = append(s.accounts, accountRef{id: v})
		return
	}
	a, err := arn.Parse(v)
	if err != nil || a.Region != "" {
		return
	}
	kind, rest, _ := strings.Cut(a.Resource, "/")
	switch {
	case a.Service == "iam" && a.Resource == "root":
		s.accounts = append(s.accounts, accountRef{partition: a.Partition, id: a.Account})
	case a.Service == "iam" && kind == "user":
		s.users = append(s.users, v)
	case a.Service == "iam" && kind == "role":
		name := rest[strings.LastIndexByte(rest, '/')+1:]
		s.roles = append(s.roles, roleRef{arn: v, partition: a.Partition, account: a.Account, name: name})
	case a.Service == "sts" && kind == "assumed-role":
		s.sessions = append(s.sessions, v)
	case a.Service == "sts" && kind == "federated-user":
		s.federatedUsers = append(s.federatedUsers, v)
	}
}

// match returns how strongly a Principal element with these values names
// the caller p.
func (s *principalSet) match(p *Principal) grant {
	if s.anyone {
		return grantFull
	}
	switch p.typ {
	case PrincipalAnonymous:
		return grantNone
	case PrincipalService:
		if slices.Contains(s.services, p.name) {
			return grantFull
		}
		return grantNone
	}
	if s.namesSelf(p) {
		return grantFull
	}
	if s.namesRole(p) || s.namesIssuingUser(p) {
		return grantLimited
	}
	if s.namesAccount(p) {
		return grantAccount
	}
	return grantNone
}

// namesSelf reports whether the values name the caller's own ARN: the IAM
// user, the exact role session or the federated user.
func (s *principalSet) namesSelf(p *Principal) bool {
	switch p.typ {
	case PrincipalUser:
		return slices.Contains(s.users, p.text)
	case PrincipalRoleSession:
		return slices.Contains(s.sessions, p.text)
	case PrincipalFederatedUser:
		return slices.Contains(s.federatedUsers, p.text)
	}
	return false
}

// namesRole reports whether the values name the role of a role session.
// When the role's ARN comes from the session issuer, the ARNs must be
// equal. Otherwise the role names are compared, because a role name is
// unique in an account whatever the path.
func (s *principalSet) namesRole(p *Principal) bool {
	if p.typ != PrincipalRole && p.typ != PrincipalRoleSession {
		return false
	}
	for _, r := range s.roles {
		if r.arn == p.issuer {
			return true
		}
		if p.issuerDerived && r.partition == p.partition && r.account == p.account && r.name == p.roleName {
			return true
		}
	}
	return false
}

// namesIssuingUser reports whether the values name the IAM user behind a
// federated user.
func (s *principalSet) namesIssuingUser(p *Principal) bool {
	return p.typ == PrincipalFederatedUser && p.issuer != "" && slices.Contains(s.users, p.issuer)
}

// namesAccount reports whether the values name the caller's account, as a
// bare account ID or as the account's root ARN. That also covers the root
// user itself.
func (s *principalSet) namesAccount(p *Principal) bool {
	for _, a := range s.accounts {
		if a.id == p.account && (a.partition == "" || a.partition == p.partition) {
			return true
		}
	}
	return false
}

// excludes reports whether a NotPrincipal element with these values leaves
// the caller out, so that its Deny statement does not apply. The caller is
// left out only when every level of its identity is listed: the account,
// then the role of a role session or the IAM user behind a federated user,
// then the caller's own ARN. AWS may check the levels one by one and apply
// the Deny to a whole account or role whose ARN is missing, so the rule
// takes the reading that denies most. An IAM user or role with a
// permissions boundary is never left out, as AWS documents.
func (s *principalSet) excludes(p *Principal, hasBoundary bool) bool {
	if hasBoundary && p.typ != PrincipalAnonymous && p.typ != PrincipalService && p.typ != PrincipalRoot {
		return false
	}
	if s.anyone {
		return true
	}
	switch p.typ {
	case PrincipalAnonymous:
		return false
	case PrincipalService:
		return slices.Contains(s.services, p.name)
	case PrincipalRoot:
		return s.namesAccount(p)
	case PrincipalRole:
		return s.namesAccount(p) && s.namesRole(p)
	case PrincipalRoleSession:
		return s.namesAccount(p) && s.namesRole(p) && s.namesSelf(p)
	case PrincipalFederatedUser:
		return s.namesAccount(p) && s.namesIssuingUser(p) && s.namesSelf(p)
	}
	return s.namesAccount(p) && s.namesSelf(p)
}
