package fuzz

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/iameval/iameval/arn"
	"github.com/iameval/iameval/policy"
)

// This file is the reference evaluator's view of the caller: what kind of
// principal makes the request, how a Principal or NotPrincipal element
// names it, and the condition keys AWS derives from it.

// callerKind is the kind of principal that makes a request.
type callerKind uint8

const (
	callerUser      callerKind = iota + 1 // an IAM user
	callerRole                            // a session of a role whose session name is not known
	callerSession                         // an assumed-role session
	callerFederated                       // a GetFederationToken session
	callerRoot                            // an account's root user
	callerService                         // an AWS service principal
	callerAnonymous                       // an unsigned request
)

// caller is the principal of a request.
type caller struct {
	kind      callerKind
	text      string // as given
	partition string
	account   string
	name      string // user, session, federated user or service name

	// roleARN is the role of a role or role session. roleKnown is true
	// when it was given in full, with its path. Otherwise only the role
	// name in roleName is certain.
	roleARN   string
	roleName  string
	roleKnown bool
	linked    bool // a service-linked role, whose path is /aws-service-role/

	// userARN is the IAM user behind a federated user, "" when unknown.
	userARN string
}

var serviceName = regexp.MustCompile(`^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$`)

// parseCaller reads a request principal: an IAM user, role or root ARN, an
// STS assumed-role or federated-user ARN, a service principal name, or
// "anonymous". issuer is the role ARN of a session or the IAM user ARN of a
// federated user, or "".
func parseCaller(text, issuer string) (caller, error) {
	c := caller{text: text}
	switch {
	case text == "anonymous":
		c.kind = callerAnonymous
		return c, checkNoIssuer(c, issuer)
	case !strings.HasPrefix(text, "arn:") && serviceName.MatchString(text):
		c.kind, c.name = callerService, text
		return c, checkNoIssuer(c, issuer)
	}
	a, err := arn.Parse(text)
	if err != nil {
		return c, err
	}
	if a.Region != "" || !policy.IsAccountID(a.Account) {
		return c, fmt.Errorf("principal %q: no region and a 12-digit account expected", text)
	}
	c.partition, c.account = a.Partition, a.Account
	kind, rest, _ := strings.Cut(a.Resource, "/")
	switch {
	case a.Service == "iam" && a.Resource == "root":
		c.kind = callerRoot
	case a.Service == "iam" && kind == "user" && lastSegment(rest) != "":
		c.kind, c.name = callerUser, lastSegment(rest)
	case a.Service == "iam" && kind == "role" && lastSegment(rest) != "":
		c.kind, c.roleARN, c.roleName, c.roleKnown = callerRole, text, lastSegment(rest), true
		c.linked = strings.HasPrefix(rest, "aws-service-role/")
	case a.Service == "sts" && kind == "assumed-role":
		role, session, ok := strings.Cut(rest, "/")
		if !ok || role == "" || session == "" || strings.Contains(session, "/") {
			return c, fmt.Errorf("principal %q: assumed-role/ROLE/SESSION expected", text)
		}
		c.kind, c.name, c.roleName = callerSession, session, role
		c.roleARN = "arn:" + c.partition + ":iam::" + c.account + ":role/" + role
	case a.Service == "sts" && kind == "federated-user" && rest != "" && !strings.Contains(rest, "/"):
		c.kind, c.name = callerFederated, rest
	default:
		return c, fmt.Errorf("principal %q is not a user, role, session, federated user or root", text)
	}
	return c, c.setIssuer(issuer)
}

func lastSegment(path string) string {
	return path[strings.LastIndexByte(path, '/')+1:]
}

func checkNoIssuer(c caller, issuer string) error {
	if issuer != "" {
		return fmt.Errorf("principal %q has no session issuer", c.text)
	}
	return nil
}

// setIssuer records the session issuer, which must be the role of a role
// session, or an IAM user of the federated user's account.
func (c *caller) setIssuer(issuer string) error {
	if issuer == "" {
		return nil
	}
	a, err := arn.Parse(issuer)
	if err != nil {
		return err
	}
	kind, rest, _ := strings.Cut(a.Resource, "/")
	sameAccount := a.Service == "iam" && a.Region == "" && a.Partition == c.partition && a.Account == c.account
	switch {
	case c.kind == callerSession && sameAccount && kind == "role" && lastSegment(rest) == c.roleName:
		c.roleARN, c.roleKnown = issuer, true
		c.linked = strings.HasPrefix(rest, "aws-service-role/")
	case c.kind == callerFederated && sameAccount && kind == "user" && lastSegment(rest) != "":
		c.userARN = issuer
	default:
		return fmt.Errorf("session issuer %q does not fit principal %q", issuer, c.text)
	}
	return nil
}

// identityBased reports whether the caller has identity-based policies:
// anonymous callers and service principals have none.
func (c caller) identityBased() bool {
	return c.kind != callerAnonymous && c.kind != callerService
}

// strength is how a resource-based Allow statement names the caller, which
// decides what else must allow the request.
type strength uint8

const (
	namesNone    strength = iota
	namesAccount          // the caller's account: its identity policies must allow too
	namesParent           // the role of a session, or the user behind a federated user
	namesSelf             // the caller itself, or everyone
)

// accountARN returns the ARN of the caller's account root.
func (c caller) accountARN() string {
	return "arn:" + c.partition + ":iam::" + c.account + ":root"
}

// listsAccount reports whether the AWS values, with a bare account ID
// standing for its root ARN, name the caller's account.
func (c caller) listsAccount(values []string) bool {
	for _, v := range values {
		if v == c.account || v == c.accountARN() {
			return true
		}
	}
	return false
}

// listsRole reports whether the AWS values name the role of a role or role
// session: its full ARN when known, else any role ARN of the same account
// with the same role name, since role names are unique in an account.
func (c caller) listsRole(values []string) bool {
	for _, v := range values {
		if c.roleKnown && v == c.roleARN {
			return true
		}
		if c.roleKnown {
			continue
		}
		a, err := arn.Parse(v)
		if err != nil || a.Service != "iam" || a.Region != "" {
			continue
		}
		kind, rest, _ := strings.Cut(a.Resource, "/")
		if kind == "role" && a.Partition == c.partition && a.Account == c.account && lastSegment(rest) == c.roleName {
			return true
		}
	}
	return false
}

// listsSelf reports whether the AWS values hold the caller's own ARN.
func (c caller) listsSelf(values []string) bool {
	switch c.kind {
	case callerUser, callerSession, callerFederated, callerRoot:
		return slices.Contains(values, c.text)
	}
	return false
}

// namedBy returns how a Principal element names the caller.
func (c caller) namedBy(p *policy.Principal) strength {
	if p.Wildcard || slices.Contains(p.AWS, "*") {
		return namesSelf
	}
	switch c.kind {
	case callerAnonymous:
		return namesNone
	case callerService:
		if slices.Contains(p.Service, c.name) {
			return namesSelf
		}
		return namesNone
	}
	switch {
	case c.kind != callerRoot && c.listsSelf(p.AWS):
		return namesSelf
	case (c.kind == callerRole || c.kind == callerSession) && c.listsRole(p.AWS):
		return namesParent
	case c.kind == callerFederated && c.userARN != "" && slices.Contains(p.AWS, c.userARN):
		return namesParent
	case c.listsAccount(p.AWS):
		return namesAccount
	}
	return namesNone
}

// excludedBy reports whether a NotPrincipal element leaves the caller out.
// The caller is left out only when every level of its identity is listed:
// its account, then the role of a session or the IAM user behind a
// federated user, then its own ARN. A caller whose user or role has a
// permissions boundary is never left out.
func (c caller) excludedBy(p *policy.Principal, hasBoundary bool) bool {
	if hasBoundary && c.kind != callerAnonymous && c.kind != callerService && c.kind != callerRoot {
		return false
	}
	if p.Wildcard || slices.Contains(p.AWS, "*") {
		return true
	}
	switch c.kind {
	case callerAnonymous:
		return false
	case callerService:
		return slices.Contains(p.Service, c.name)
	case callerRoot:
		return c.listsAccount(p.AWS)
	case callerUser:
		return c.listsAccount(p.AWS) && c.listsSelf(p.AWS)
	case callerRole:
		return c.listsAccount(p.AWS) && c.listsRole(p.AWS)
	case callerSession:
		return c.listsAccount(p.AWS) && c.listsRole(p.AWS) && c.listsSelf(p.AWS)
	case callerFederated:
		return c.listsAccount(p.AWS) && c.userARN != "" && slices.Contains(p.AWS, c.userARN) && c.listsSelf(p.AWS)
	}
	return false
}

// derivedKeys returns the condition keys AWS sets from the caller, in
// lower case.
func (c caller) derivedKeys() map[string]string {
	keys := map[string]string{}
	switch c.kind {
	case callerUser:
		keys["aws:principalarn"] = c.text
		keys["aws:principaltype"] = "User"
		keys["aws:username"] = c.name
	case callerRole, callerSession:
		keys["aws:principalarn"] = c.roleARN
		keys["aws:principaltype"] = "AssumedRole"
	case callerFederated:
		keys["aws:principalarn"] = c.text
		keys["aws:principaltype"] = "FederatedUser"
		keys["aws:userid"] = c.account + ":" + c.name
	case callerRoot:
		keys["aws:principalarn"] = c.text
		keys["aws:principaltype"] = "Account"
		keys["aws:userid"] = c.account
	case callerService:
		keys["aws:principalisawsservice"] = "true"
		keys["aws:principalservicename"] = c.name
		return keys
	case callerAnonymous:
		keys["aws:principalaccount"] = "anonymous"
		keys["aws:principaltype"] = "Anonymous"
		keys["aws:userid"] = "anonymous"
		return keys
	}
	keys["aws:principalaccount"] = c.account
	keys["aws:principalisawsservice"] = "false"
	return keys
}
