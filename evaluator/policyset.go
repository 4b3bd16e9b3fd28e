package evaluator

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/iameval/iameval/arn"
	"github.com/iameval/iameval/policy"
)

// PolicySet holds every policy that takes part in a decision. Each field
// is optional; a nil *policy.Policy inside a list is an error.
type PolicySet struct {
	// Identity are the identity-based policies of the caller: inline and
	// managed policies of the user or role, and the policies of the user's
	// groups.
	Identity []*policy.Policy

	// Resource is the resource-based policy of the target, for S3 the
	// bucket policy.
	Resource *policy.Policy

	// AccessPointPolicy is the policy of the S3 access point described by
	// AccessPoint. It applies only to requests made through that access
	// point.
	AccessPointPolicy *policy.Policy

	// AccessPoint describes the access point requests may go through. Nil
	// means none: a request naming an access point ARN is then denied.
	AccessPoint *AccessPoint

	// PermissionsBoundary is the permissions boundary of the user or role.
	PermissionsBoundary *policy.Policy

	// Session is the session policy passed when the session was created.
	Session *policy.Policy

	// SCPs are the service control policies of the caller's organization,
	// one list per level from the root to the account. Each level must
	// allow a request. No levels means the account is not in an
	// organization; an empty level allows nothing.
	SCPs [][]*policy.Policy

	// RCPs are the resource control policies of the resource owner's
	// organization, one list per level, like SCPs.
	RCPs [][]*policy.Policy
}

// AccessPoint holds the settings of an S3 access point.
type AccessPoint struct {
	// ARN is the access point ARN,
	// arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME. ACCOUNT owns the access
	// point.
	ARN string

	// Bucket is the name of the bucket behind the access point.
	Bucket string

	// BucketAccount is the account that owns the bucket. It may differ
	// from the access point's account.
	BucketAccount string

	// NetworkOrigin is "Internet" or "VPC".
	NetworkOrigin string

	// VPCID is the VPC that a "VPC" access point accepts requests from,
	// such as vpc-1a2b3c4d. It must be empty for "Internet".
	VPCID string
}

// The network origins of an access point.
const (
	OriginInternet = "Internet"
	OriginVPC      = "VPC"
)

// check validates the settings and returns the name of the first invalid
// field with the problem.
func (ap *AccessPoint) check() (field string, err error) {
	if err := checkAccessPointARN(ap.ARN); err != nil {
		return "ARN", err
	}
	if ap.Bucket == "" || strings.ContainsAny(ap.Bucket, "/:*?") {
		return "Bucket", fmt.Errorf("invalid bucket name %q", ap.Bucket)
	}
	if !policy.IsAccountID(ap.BucketAccount) {
		return "BucketAccount", fmt.Errorf("bucket account %q is not 12 digits", ap.BucketAccount)
	}
	switch ap.NetworkOrigin {
	case OriginInternet:
		if ap.VPCID != "" {
			return "VPCID", fmt.Errorf("an Internet access point has no VPC, got %q", ap.VPCID)
		}
	case OriginVPC:
		if ap.VPCID == "" {
			return "VPCID", errors.New("a VPC access point needs a VPC ID")
		}
	default:
		return "NetworkOrigin", fmt.Errorf("network origin %q is neither %q nor %q",
			ap.NetworkOrigin, OriginInternet, OriginVPC)
	}
	return "", nil
}

func checkAccessPointARN(s string) error {
	a, err := arn.Parse(s)
	if err != nil {
		return err
	}
	name, ok := strings.CutPrefix(a.Resource, "accesspoint/")
	switch {
	case a.Service != "s3" || !ok || name == "" || strings.ContainsAny(name, "/*?"):
		return fmt.Errorf("%q is not an access point ARN (arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME)", s)
	case a.Region == "":
		return fmt.Errorf("access point ARN %q has no region", s)
	case !policy.IsAccountID(a.Account):
		return fmt.Errorf("access point ARN %q: account %q is not 12 digits", s, a.Account)
	}
	return nil
}

// PolicyKind is the place a policy has in a PolicySet.
type PolicyKind uint8

// The kinds of policy.
const (
	KindIdentity PolicyKind = iota + 1
	KindResource
	KindAccessPoint
	KindPermissionsBoundary
	KindSession
	KindSCP
	KindRCP
)

var kindNames = [...]string{
	KindIdentity:            "identity",
	KindResource:            "resource",
	KindAccessPoint:         "accessPoint",
	KindPermissionsBoundary: "permissionsBoundary",
	KindSession:             "session",
	KindSCP:                 "scp",
	KindRCP:                 "rcp",
}

// String returns the name used in scenario files and results, such as
// "permissionsBoundary".
func (k PolicyKind) String() string {
	if k > 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("PolicyKind(%d)", uint8(k))
}

// describe names a policy of kind k in messages, with its article.
func (k PolicyKind) describe() string {
	switch k {
	case KindIdentity:
		return "an identity-based policy"
	case KindResource:
		return "a resource-based policy"
	case KindAccessPoint:
		return "an access point policy"
	case KindPermissionsBoundary:
		return "a permissions boundary"
	case KindSession:
		return "a session policy"
	case KindSCP:
		return "an SCP"
	case KindRCP:
		return "an RCP"
	}
	return k.String()
}

// resourceBased reports whether policies of kind k name principals.
func (k PolicyKind) resourceBased() bool {
	return k == KindResource || k == KindAccessPoint
}

// PolicyID names one policy of a PolicySet.
type PolicyID struct {
	Kind  PolicyKind
	Level uint16 // level of an SCP or RCP, 0 for the organization root
	Index uint16 // position in Identity or in an SCP or RCP level
}

// String returns the name of the policy as results and scenario files
// write it: "identity[0]", "resource", "accessPoint",
// "permissionsBoundary", "session", "scp[1][0]" or "rcp[0][0]".
func (id PolicyID) String() string {
	switch id.Kind {
	case KindIdentity:
		return "identity[" + strconv.Itoa(int(id.Index)) + "]"
	case KindSCP, KindRCP:
		return id.Kind.String() + "[" + strconv.Itoa(int(id.Level)) + "][" + strconv.Itoa(int(id.Index)) + "]"
	}
	return id.Kind.String()
}

// Errors returned, wrapped, by New.
var (
	// ErrInvalidPolicy means a policy cannot take the place it was given:
	// it is nil, an identity-based policy or SCP names a principal, a
	// resource-based policy has a statement without one, or an RCP names a
	// principal other than "*".
	ErrInvalidPolicy = errors.New("policy not valid for its place")

	// ErrInvalidAccessPoint means the access point settings are malformed.
	ErrInvalidAccessPoint = errors.New("invalid access point settings")
)

// PolicyError describes a policy that New rejected. It wraps
// ErrInvalidPolicy.
type PolicyError struct {
	// Policy names the policy, such as "identity[1]" or "scp[0][2]".
	Policy string

	// Path is the JSON path inside the policy, such as
	// "Statement[2].Principal", or "" for the policy as a whole.
	Path string

	// Position locates the element in the policy document, when the
	// policy was parsed from one.
	policy.Position

	// Err is ErrInvalidPolicy.
	Err error

	msg string
}

// Error returns a message such as
// `evaluator: identity[0]: line 6, column 20: Statement[0].Principal: an
// identity-based policy cannot name a principal, because it applies to the
// identity it is attached to`.
func (e *PolicyError) Error() string {
	var sb strings.Builder
	sb.WriteString("evaluator: ")
	sb.WriteString(e.Policy)
	sb.WriteString(": ")
	if e.Line > 0 {
		fmt.Fprintf(&sb, "line %d, column %d: ", e.Line, e.Column)
	}
	if e.Path != "" {
		sb.WriteString(e.Path)
		sb.WriteString(": ")
	}
	sb.WriteString(e.msg)
	return sb.String()
}

// Unwrap returns ErrInvalidPolicy.
func (e *PolicyError) Unwrap() error { return e.Err }

// Message returns what is wrong, without the policy name, position and
// path that Error puts before it, for a caller that shows those fields
// itself.
func (e *PolicyError) Message() string { return e.msg }

// checkPlace reports whether p may take the place of id. Resource-based
// policies must name a principal in every statement. RCPs must name "*",
// the only principal AWS supports in them, and identity-based policies
// (identity, permissions boundary, session) and SCPs name none, because
// they apply to the identity they are attached to.
func checkPlace(p *policy.Policy, id PolicyID) error {
	if p == nil {
		return &PolicyError{Policy: id.String(), Err: ErrInvalidPolicy, msg: "nil policy"}
	}
	for i := range p.Statements {
		if err := checkStatementPlace(p, id, i); err != nil {
			return err
		}
	}
	return nil
}

func checkStatementPlace(p *policy.Policy, id PolicyID, i int) error {
	s := &p.Statements[i]
	at := "Statement[" + strconv.Itoa(i) + "]"
	switch {
	case id.Kind == KindRCP && s.NotPrincipal != nil:
		return placeError(p, id, at+".NotPrincipal", s.NotPrincipal.Pos, "an RCP cannot have NotPrincipal")
	case id.Kind == KindRCP && !s.Principal.Anyone():
		return placeError(p, id, at+".Principal", principalPos(s), `an RCP must name the principal "*"`)
	case id.Kind.resourceBased() && s.Principal == nil && s.NotPrincipal == nil:
		return placeError(p, id, at, s.Pos,
			"%s must name a principal (Principal or NotPrincipal) in every statement", id.Kind.describe())
	case id.Kind.resourceBased() || id.Kind == KindRCP:
		return nil
	case s.Principal != nil:
		return placeError(p, id, at+".Principal", s.Principal.Pos,
			"%s cannot name a principal, because it applies to the identity it is attached to", id.Kind.describe())
	case s.NotPrincipal != nil:
		return placeError(p, id, at+".NotPrincipal", s.NotPrincipal.Pos,
			"%s cannot have NotPrincipal, because it applies to the identity it is attached to", id.Kind.describe())
	}
	return nil
}

// principalPos locates the Principal element of s, or the statement when
// it has none.
func principalPos(s *policy.Statement) policy.Pos {
	if s.Principal != nil {
		return s.Principal.Pos
	}
	return s.Pos
}

func placeError(p *policy.Policy, id PolicyID, at string, pos policy.Pos, format string, args ...any) error {
	return &PolicyError{
		Policy:   id.String(),
		Path:     at,
		Position: p.Position(pos),
		Err:      ErrInvalidPolicy,
		msg:      fmt.Sprintf(format, args...),
	}
}

// checkGrammar reports whether p, which is not nil, is a policy that
// policy.Parse could have returned. A policy built or changed in code can
// hold what no document can, such as the zero Effect, which must never act
// as Allow.
func checkGrammar(p *policy.Policy, id PolicyID) error {
	err := p.Check()
	if err == nil {
		return nil
	}
	out := &PolicyError{Policy: id.String(), Err: fmt.Errorf("%w: %w", ErrInvalidPolicy, err), msg: err.Error()}
	var pe *policy.ParseError
	if errors.As(err, &pe) {
		out.Path, out.msg = pe.Path, policyMessage(pe)
	}
	return out
}
