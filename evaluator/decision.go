package evaluator

import (
	"fmt"
)

// Decision is the outcome of a request: Allow, ExplicitDeny or ImplicitDeny.
// The zero value is ImplicitDeny, so a Decision that was never set denies.
type Decision uint8

// The three decisions AWS can reach.
const (
	// ImplicitDeny means no statement denied the request but the policies
	// that had to allow it did not.
	ImplicitDeny Decision = iota

	// Allow means every policy type that takes part allowed the request
	// and no statement denied it.
	Allow

	// ExplicitDeny means a Deny statement applied to the request. Nothing
	// overrides it.
	ExplicitDeny
)

var decisionNames = [...]string{
	ImplicitDeny: "ImplicitDeny",
	Allow:        "Allow",
	ExplicitDeny: "ExplicitDeny",
}

// String returns "Allow", "ExplicitDeny" or "ImplicitDeny".
func (d Decision) String() string {
	if int(d) < len(decisionNames) {
		return decisionNames[d]
	}
	return fmt.Sprintf("Decision(%d)", uint8(d))
}

// MarshalText returns the name of d, as String does. It fails for a value
// that is not one of the three decisions.
func (d Decision) MarshalText() ([]byte, error) {
	if int(d) >= len(decisionNames) {
		return nil, fmt.Errorf("evaluator: invalid decision %d", uint8(d))
	}
	return []byte(decisionNames[d]), nil
}

// UnmarshalText sets d from one of the names String returns. The names are
// case-sensitive.
func (d *Decision) UnmarshalText(text []byte) error {
	for i, name := range decisionNames {
		if string(text) == name {
			*d = Decision(i)
			return nil
		}
	}
	return fmt.Errorf("evaluator: unknown decision %q", text)
}

// Reason is the cause of an implicit deny. It is ReasonNone for an
// allowed request and for an explicit deny, whose cause is the Deny
// statement listed in the result.
type Reason uint8

// The reasons for an implicit deny. Their String forms are stable codes,
// suitable for logs and tests.
const (
	// ReasonNone: the request was allowed or explicitly denied.
	ReasonNone Reason = iota

	// ReasonNoAllow ("no-allow"): no identity-based or resource-based policy
	// allowed the request.
	ReasonNoAllow

	// ReasonIdentityPolicy ("identity-policy"): the resource-based policy
	// named the caller's account, or the request crossed accounts, so an
	// identity-based policy also had to allow it, and none did.
	ReasonIdentityPolicy

	// ReasonResourcePolicy ("resource-policy"): the request crossed accounts
	// and the identity side allowed it, but the resource-based policy did
	// not.
	ReasonResourcePolicy

	// ReasonPermissionsBoundary ("permissions-boundary"): a grant that the
	// permissions boundary limits was found, but the boundary did not allow
	// the request.
	ReasonPermissionsBoundary

	// ReasonSessionPolicy ("session-policy"): a grant that the session
	// policy limits was found, but the session policy did not allow the
	// request, or a federated-user session had no session policy.
	ReasonSessionPolicy

	// ReasonSCP ("scp"): a level of the organization's service control
	// policies had no statement allowing the request.
	ReasonSCP

	// ReasonRCP ("rcp"): a level of the organization's resource control
	// policies had no statement allowing the request.
	ReasonRCP

	// ReasonUnsupportedViaAccessPoint ("unsupported-via-access-point"): the
	// action is not one that S3 accepts through an access point.
	ReasonUnsupportedViaAccessPoint

	// ReasonNetworkOrigin ("network-origin"): the access point accepts
	// requests from one VPC only, and the request's aws:SourceVpc is absent
	// or names another VPC.
	ReasonNetworkOrigin

	// ReasonAnonymousViaAccessPoint ("anonymous-via-access-point"): access
	// points reject unsigned requests.
	ReasonAnonymousViaAccessPoint

	// ReasonInsecureTransport ("insecure-transport"): access points accept
	// HTTPS only, and the request's aws:SecureTransport is false.
	ReasonInsecureTransport

	// ReasonUnknownAccessPoint ("unknown-access-point"): the request names an
	// access point ARN that the evaluator was not built with, so the bucket
	// behind it is unknown.
	ReasonUnknownAccessPoint

	// ReasonInvalidRequest ("invalid-request"): the request itself is
	// invalid, and Result.Err describes the problem.
	ReasonInvalidRequest

	reasonEnd
)

var reasonCodes = [reasonEnd]string{
	ReasonNone:                      "",
	ReasonNoAllow:                   "no-allow",
	ReasonIdentityPolicy:            "identity-policy",
	ReasonResourcePolicy:            "resource-policy",
	ReasonPermissionsBoundary:       "permissions-boundary",
	ReasonSessionPolicy:             "session-policy",
	ReasonSCP:                       "scp",
	ReasonRCP:                       "rcp",
	ReasonUnsupportedViaAccessPoint: "unsupported-via-access-point",
	ReasonNetworkOrigin:             "network-origin",
	ReasonAnonymousViaAccessPoint:   "anonymous-via-access-point",
	ReasonInsecureTransport:         "insecure-transport",
	ReasonUnknownAccessPoint:        "unknown-access-point",
	ReasonInvalidRequest:            "invalid-request",
}

// String returns the reason's code, such as "scp" or "no-allow", or "" for
// ReasonNone.
func (r Reason) String() string {
	if r < reasonEnd {
		return reasonCodes[r]
	}
	return fmt.Sprintf("Reason(%d)", uint8(r))
}

// MarshalText returns the reason's code, as String does.
func (r Reason) MarshalText() ([]byte, error) {
	if r >= reasonEnd {
		return nil, fmt.Errorf("evaluator: invalid reason %d", uint8(r))
	}
	return []byte(reasonCodes[r]), nil
}

var reasonDescriptions = [reasonEnd]string{
	ReasonNone:                      "",
	ReasonNoAllow:                   "no identity-based or resource-based policy allows the request",
	ReasonIdentityPolicy:            "no identity-based policy allows the request, which needs one because it crosses accounts or the resource-based policy names only the caller's account",
	ReasonResourcePolicy:            "the request crosses accounts and the resource-based policy does not allow it",
	ReasonPermissionsBoundary:       "the permissions boundary does not allow the request",
	ReasonSessionPolicy:             "the session policy does not allow the request, or a federated user has no session policy",
	ReasonSCP:                       "a level of the organization's service control policies allows nothing that matches the request",
	ReasonRCP:                       "a level of the organization's resource control policies allows nothing that matches the request",
	ReasonUnsupportedViaAccessPoint: "S3 access points do not accept this action",
	ReasonNetworkOrigin:             "the access point accepts requests from its VPC only, and aws:SourceVpc does not name that VPC",
	ReasonAnonymousViaAccessPoint:   "S3 access points reject unsigned (anonymous) requests",
	ReasonInsecureTransport:         "S3 access points accept HTTPS requests only, and aws:SecureTransport is false",
	ReasonUnknownAccessPoint:        "the evaluator has no settings for this access point, so the bucket behind it is unknown",
	ReasonInvalidRequest:            "the request is invalid (see Result.Err)",
}

// Description returns a sentence fragment in plain English that explains
// the reason to a person, such as "the permissions boundary does not allow
// the request", or "" for ReasonNone. Unlike String, its wording may
// change between versions: match on the Reason value or its code, not on
// the description.
func (r Reason) Description() string {
	if r < reasonEnd {
		return reasonDescriptions[r]
	}
	return r.String()
}
