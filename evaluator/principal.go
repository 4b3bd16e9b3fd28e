package evaluator

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/iameval/iameval/arn"
	"github.com/iameval/iameval/policy"
)

// PrincipalType is the kind of caller that makes a request.
type PrincipalType uint8

// The kinds of caller. The zero value is not a valid kind.
const (
	// PrincipalUser is an IAM user: arn:aws:iam::111122223333:user/path/name.
	PrincipalUser PrincipalType = iota + 1

	// PrincipalRole is an IAM role named by its role ARN. A role never calls
	// AWS itself, so the evaluator treats it as a session of the role whose
	// session name is not known.
	PrincipalRole

	// PrincipalRoleSession is an assumed-role session:
	// arn:aws:sts::111122223333:assumed-role/role-name/session-name.
	PrincipalRoleSession

	// PrincipalFederatedUser is a session from GetFederationToken:
	// arn:aws:sts::111122223333:federated-user/name.
	PrincipalFederatedUser

	// PrincipalRoot is the root user of an account: arn:aws:iam::111122223333:root.
	PrincipalRoot

	// PrincipalService is an AWS service principal such as
	// cloudtrail.amazonaws.com.
	PrincipalService

	// PrincipalAnonymous is an unsigned request.
	PrincipalAnonymous
)

var principalTypeNames = [...]string{
	PrincipalUser:          "user",
	PrincipalRole:          "role",
	PrincipalRoleSession:   "role session",
	PrincipalFederatedUser: "federated user",
	PrincipalRoot:          "root user",
	PrincipalService:       "service",
	PrincipalAnonymous:     "anonymous",
}

// String returns a short description such as "role session".
func (t PrincipalType) String() string {
	if t > 0 && int(t) < len(principalTypeNames) {
		return principalTypeNames[t]
	}
	return fmt.Sprintf("PrincipalType(%d)", uint8(t))
}

// ErrInvalidPrincipal is returned, wrapped, by ParsePrincipal for text that
// is not a principal the evaluator understands.
var ErrInvalidPrincipal = errors.New("invalid principal")

// Principal is the caller of a request, parsed once so that evaluating the
// request does not parse or build strings. The zero value is not a valid
// principal: a request with it is denied as invalid.
//
// A Principal also carries the values of the condition keys AWS derives
// from the caller (see [Evaluator.Evaluate]).
type Principal struct {
	typ       PrincipalType
	text      string // as given: an ARN, a service name or "anonymous"
	partition string
	account   string
	name      string // user, role, federated-user or service name
	roleName  string // role sessions and roles
	issuer    string // role ARN of a session, IAM user ARN of a federated user
	linked    bool   // a service-linked role or a session of one

	// issuerDerived means issuer was built from a session ARN, so it lacks
	// the role's path.
	issuerDerived bool

	keys [derivedKeyCount][]string // values of derived condition keys; nil when absent

	// unset has bit k set when AWS leaves the derived key k out of the
	// request context of this caller, such as aws:username for a role
	// session, so that a context setting it contradicts the caller.
	unset uint8
}

// anonymousText is the word that names an unsigned request.
const anonymousText = "anonymous"

// ParsePrincipal parses the caller of a request. s is one of
//
//	arn:aws:iam::111122223333:user/path/name                  an IAM user
//	arn:aws:iam::111122223333:role/path/name                  a role (a session of it)
//	arn:aws:sts::111122223333:assumed-role/role-name/session  a role session
//	arn:aws:sts::111122223333:federated-user/name             a federated user
//	arn:aws:iam::111122223333:root                            the account's root user
//	cloudtrail.amazonaws.com                                  an AWS service principal
//	anonymous                                                 an unsigned request
//
// issuer is optional and applies to sessions only. For a role session it is
// the ARN of the role, which carries the role's path that a session ARN
// drops, and it must name the same role. For a federated user it is the ARN of
// the IAM user that called GetFederationToken. Without it the role ARN is
// derived from the session ARN, without a path, and the IAM user behind a
// federated user stays unknown.
//
// Names follow the IAM rules, so that a principal matches a policy exactly
// when AWS would match it. User, role, session and federated user names
// hold ASCII letters, digits and + = , . @ _ - (their length is not
// checked). A path is "/" or printable ASCII without spaces between
// slashes, such as /dev/ops/. The partition and a service principal are in
// lower case, and a root user is exactly the resource "root".
//
// The error wraps ErrInvalidPrincipal and describes the problem.
func ParsePrincipal(s, issuer string) (Principal, error) {
	p, err := parsePrincipal(s)
	if err == nil {
		err = p.setIssuer(issuer)
	}
	if err != nil {
		return Principal{}, fmt.Errorf("evaluator: %w %q: %s", ErrInvalidPrincipal, s, err)
	}
	p.deriveKeys()
	return p, nil
}

// MustParsePrincipal is like ParsePrincipal but panics on an error. It is
// meant for tests and package-level variables with constant text.
func MustParsePrincipal(s, issuer string) Principal {
	p, err := ParsePrincipal(s, issuer)
	if err != nil {
		panic(err)
	}
	return p
}

// Type returns the kind of caller, or 0 for the zero Principal.
func (p Principal) Type() PrincipalType { return p.typ }

// String returns the principal as it was given to ParsePrincipal.
func (p Principal) String() string { return p.text }

// Account returns the caller's account ID, or "" for a service principal
// and an anonymous caller.
func (p Principal) Account() string { return p.account }

// Issuer returns the role ARN of a role session (given or derived) or the
// IAM user ARN of a federated user, and "" when there is none or it is not
// known.
func (p Principal) Issuer() string { return p.issuer }

// IsValid reports whether p was returned by ParsePrincipal.
func (p Principal) IsValid() bool { return p.typ != 0 }

func parsePrincipal(s string) (Principal, error) {
	switch {
	case s == anonymousText:
		return Principal{typ: PrincipalAnonymous, text: s}, nil
	case strings.HasPrefix(s, "arn:"):
		return parsePrincipalARN(s)
	case isServiceName(s):
		return Principal{typ: PrincipalService, text: s, name: s}, nil
	case isServiceName(strings.ToLower(s)):
		return Principal{}, errors.New("a service principal is written in lower case, as policies name it")
	}
	return Principal{}, errors.New("expected an IAM or STS ARN, a service principal or \"anonymous\"")
}

// isServiceName reports whether s looks like a service principal: a dotted
// host name in lower case such as ecs.amazonaws.com. Policies name service
// principals in lower case and the Principal element compares them byte
// for byte, so an upper-case letter would slip past a Deny naming the
// service.
func isServiceName(s string) bool {
	if !strings.Contains(s, ".") || strings.HasPrefix(s, ".") || strings.HasSuffix(s, ".") {
		return false
	}
	for _, c := range []byte(s) {
		ok := 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-'
		if !ok {
			return false
		}
	}
	return true
}

func parsePrincipalARN(s string) (Principal, error) {
	a, err := arn.Parse(s)
	if err != nil {
		return Principal{}, err
	}
	if !isLowerName(a.Partition) {
		return Principal{}, fmt.Errorf("partition %q is not lower-case ASCII letters, digits and '-'", a.Partition)
	}
	if a.Region != "" {
		return Principal{}, errors.New("IAM and STS ARNs have no region")
	}
	if !policy.IsAccountID(a.Account) {
		return Principal{}, fmt.Errorf("account %q is not 12 digits", a.Account)
	}
	p := Principal{text: s, partition: a.Partition, account: a.Account}
	switch a.Service {
	case "iam":
		err = p.parseIAMResource(a.Resource)
	case "sts":
		err = p.parseSTSResource(a.Resource)
	default:
		err = fmt.Errorf("service %q is neither iam nor sts", a.Service)
	}
	return p, err
}

func (p *Principal) parseIAMResource(resource string) error {
	kind, path, name, err := splitIAMResource(resource)
	if err != nil {
		return err
	}
	switch kind {
	case "root":
		p.typ = PrincipalRoot
	case "user":
		p.typ, p.name = PrincipalUser, name
	case "role":
		p.typ, p.name, p.roleName = PrincipalRole, name, name
		p.issuer = p.text
		p.linked = isServiceLinkedPath(path)
	default:
		return fmt.Errorf("IAM resource type %q is not user, role or root", kind)
	}
	return nil
}

// splitIAMResource splits "user/path/name" into "user", "/path/" and
// "name". The resource "root" has no path or name.
func splitIAMResource(resource string) (kind, path, name string, err error) {
	if resource == "root" {
		return "root", "", "", nil
	}
	kind, rest, ok := strings.Cut(resource, "/")
	if !ok {
		return "", "", "", fmt.Errorf("IAM resource %q has no name", resource)
	}
	if kind == "root" {
		return "", "", "", fmt.Errorf("IAM resource %q is not a root user, which is exactly \"root\"", resource)
	}
	i := strings.LastIndexByte(rest, '/')
	path, name = "/"+rest[:i+1], rest[i+1:]
	if name == "" {
		return "", "", "", fmt.Errorf("IAM resource %q has an empty name", resource)
	}
	if !isIAMPath(path) {
		return "", "", "", fmt.Errorf("IAM resource %q has the path %q; a path is \"/\" or segments of printable ASCII without spaces between slashes", resource, path)
	}
	if err := checkIAMName(name); err != nil {
		return "", "", "", fmt.Errorf("IAM resource %q: %w", resource, err)
	}
	return kind, path, name, nil
}

func (p *Principal) parseSTSResource(resource string) error {
	kind, rest, _ := strings.Cut(resource, "/")
	switch kind {
	case "assumed-role":
		role, session, ok := strings.Cut(rest, "/")
		if !ok || role == "" || session == "" || strings.Contains(session, "/") {
			return fmt.Errorf("session resource %q is not assumed-role/ROLE/SESSION", resource)
		}
		if err := checkIAMName(role); err != nil {
			return fmt.Errorf("session resource %q: role %w", resource, err)
		}
		if err := checkIAMName(session); err != nil {
			return fmt.Errorf("session resource %q: session %w", resource, err)
		}
		p.typ, p.name, p.roleName = PrincipalRoleSession, session, role
	case "federated-user":
		if rest == "" || strings.Contains(rest, "/") {
			return fmt.Errorf("federated user resource %q is not federated-user/NAME", resource)
		}
		if err := checkIAMName(rest); err != nil {
			return fmt.Errorf("federated user resource %q: %w", resource, err)
		}
		p.typ, p.name = PrincipalFederatedUser, rest
	default:
		return fmt.Errorf("STS resource type %q is not assumed-role or federated-user", kind)
	}
	return nil
}

// setIssuer checks issuer against the principal and records it, deriving
// the role ARN of a session when issuer is empty.
func (p *Principal) setIssuer(issuer string) error {
	switch p.typ {
	case PrincipalRoleSession:
		if issuer == "" {
			// NOTE: a session ARN drops the role's path, so the derived
			// role ARN has none. aws:PrincipalArn then differs from AWS's
			// value for a role with a path; pass the issuer to fix it.
			p.issuer = "arn:" + p.partition + ":iam::" + p.account + ":role/" + p.roleName
			p.issuerDerived = true
			return nil
		}
		return p.setRoleIssuer(issuer)
	case PrincipalFederatedUser:
		if issuer == "" {
			return nil
		}
		return p.setUserIssuer(issuer)
	}
	if issuer != "" {
		return fmt.Errorf("a %s has no session issuer, got %q", p.typ, issuer)
	}
	return nil
}

func (p *Principal) setRoleIssuer(issuer string) error {
	a, kind, path, name, err := parseIssuer(issuer)
	if err != nil {
		return err
	}
	if kind != "role" || a.Partition != p.partition || a.Account != p.account || name != p.roleName {
		return fmt.Errorf("session issuer %q is not the role %q of account %s", issuer, p.roleName, p.account)
	}
	p.issuer = issuer
	p.linked = isServiceLinkedPath(path)
	return nil
}

func (p *Principal) setUserIssuer(issuer string) error {
	a, kind, _, _, err := parseIssuer(issuer)
	if err != nil {
		return err
	}
	if kind != "user" || a.Partition != p.partition || a.Account != p.account {
		return fmt.Errorf("session issuer %q is not an IAM user of account %s", issuer, p.account)
	}
	p.issuer = issuer
	return nil
}

func parseIssuer(issuer string) (a arn.ARN, kind, path, name string, err error) {
	a, err = arn.Parse(issuer)
	if err != nil {
		return a, "", "", "", err
	}
	if a.Service != "iam" || a.Region != "" {
		return a, "", "", "", fmt.Errorf("session issuer %q is not an IAM ARN", issuer)
	}
	kind, path, name, err = splitIAMResource(a.Resource)
	return a, kind, path, name, err
}

// isServiceLinkedPath reports whether a role path marks a service-linked
// role, which AWS creates under /aws-service-role/.
func isServiceLinkedPath(path string) bool {
	return strings.HasPrefix(path, "/aws-service-role/")
}

// isIAMPath reports whether path is an IAM path: "/" alone, or printable
// ASCII without spaces that starts and ends with '/'.
func isIAMPath(path string) bool {
	if path == "/" {
		return true
	}
	if len(path) < 3 || path[0] != '/' || path[len(path)-1] != '/' {
		return false
	}
	for i := 0; i < len(path); i++ {
		if c := path[i]; c <= ' ' || c > '~' {
			return false
		}
	}
	return true
}

// checkIAMName reports whether name can name an IAM user or role, a role
// session or a federated user: ASCII letters, digits and the characters
// + = , . @ _ -. AWS also bounds the length, to 64 characters for most of
// these names, which the evaluator does not enforce.
func checkIAMName(name string) error {
	if name == "" {
		return errors.New("name is empty")
	}
	for _, r := range name {
		if r >= utf8.RuneSelf || iamNameChars[r] == 0 {
			return fmt.Errorf("name %q contains %U %q; use only ASCII letters, digits and + = , . @ _ -", name, r, r)
		}
	}
	return nil
}

// iamNameChars marks the bytes allowed in the names checkIAMName accepts.
var iamNameChars = func() (t [utf8.RuneSelf]byte) {
	for c := range utf8.RuneSelf {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.ContainsRune("+=,.@_-", rune(c)) {
			t[c] = 1
		}
	}
	return t
}()
