package policy

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"

	"github.com/iameval/iameval/arn"
	"github.com/iameval/iameval/condition"
)

// ErrNotS3Policy is returned, wrapped, by IsPublic for a policy kind that
// S3 Block Public Access does not judge.
var ErrNotS3Policy = errors.New("not a bucket or access point policy")

// NetworkOrigin is the network origin of an S3 access point: the places
// it accepts requests from. The zero value is OriginInternet.
type NetworkOrigin uint8

// The network origins of an access point. Buckets have no network origin
// and use OriginInternet.
const (
	// OriginInternet accepts requests from anywhere the policies allow.
	OriginInternet NetworkOrigin = iota

	// OriginVPC accepts requests only from one virtual private cloud. S3
	// never counts such an access point as public.
	OriginVPC
)

// PublicAccess is the verdict of IsPublic.
type PublicAccess struct {
	// Public is true when S3 Block Public Access counts the policy as
	// public.
	Public bool

	// Statements are the statements that make the policy public, in
	// document order. It is empty when Public is false.
	Statements []PublicStatement
}

// PublicStatement is one statement that makes a policy public.
type PublicStatement struct {
	// Index is the statement's index in Policy.Statements.
	Index int

	// Sid is the statement's Sid, "" when absent.
	Sid string

	// Reason explains why the statement is public and what would make it
	// non-public.
	Reason string

	// Path and Position locate the statement.
	Path     string
	Position Position
}

// restrictingKeys are the condition keys with which a fixed value makes a
// grant to everyone non-public, as the S3 User Guide lists them under
// "The meaning of public". The list is closed: any other key leaves the
// grant public.
var restrictingKeys = []string{
	"aws:SourceIp", "aws:SourceArn", "aws:SourceVpc", "aws:SourceVpce",
	"aws:SourceOwner", "aws:SourceAccount", "aws:userid", "aws:PrincipalOrgID",
	"s3:x-amz-server-side-encryption-aws-kms-key-id",
	"s3:DataAccessPointArn", "s3:DataAccessPointAccount",
}

// IsPublic reports whether S3 Block Public Access counts a bucket policy
// (KindBucket) or access point policy (KindAccessPoint) as public, and
// which statements make it so.
//
// A policy is public when one of its Allow statements grants access to a
// principal that is not fixed: "*" or {"AWS": "*"}, a web identity
// provider in Federated, or everyone but a list in NotPrincipal. A
// condition can still make such a grant non-public by limiting it to fixed
// values of one of these keys:
//
//	aws:SourceIp (each range no wider than /8 for IPv4 or /32 for IPv6)
//	aws:SourceArn, aws:SourceVpc, aws:SourceVpce, aws:SourceOwner
//	aws:SourceAccount, aws:userid, aws:PrincipalOrgID
//	s3:x-amz-server-side-encryption-aws-kms-key-id
//	s3:DataAccessPointArn, s3:DataAccessPointAccount
//
// A fixed value has no wildcard and no policy variable, except that in a
// bucket policy s3:DataAccessPointArn may end in "accesspoint/*" when its
// account is fixed. In an access point policy s3:DataAccessPointArn
// restricts nothing. Only a condition that must hold for the grant to
// apply counts: a positive operator without IfExists and without a set
// qualifier. Deny statements never make a policy public, and an access
// point with OriginVPC is never public.
//
// IsPublic returns an error wrapping ErrNotS3Policy for other kinds, and
// for a bucket with OriginVPC.
func IsPublic(p *Policy, kind Kind, origin NetworkOrigin) (PublicAccess, error) {
	switch {
	case kind != KindBucket && kind != KindAccessPoint:
		return PublicAccess{}, fmt.Errorf("policy: IsPublic judges bucket and access point policies, not %v: %w", kind, ErrNotS3Policy)
	case kind == KindBucket && origin != OriginInternet:
		return PublicAccess{}, fmt.Errorf("policy: buckets have no network origin; use OriginInternet: %w", ErrNotS3Policy)
	case origin == OriginVPC:
		return PublicAccess{}, nil
	}

	var out PublicAccess
	single := p.singleStatement()
	for i := range p.Statements {
		st := &p.Statements[i]
		reason := publicReason(st, kind, p.Version == Version2012)
		if reason == "" {
			continue
		}
		out.Public = true
		out.Statements = append(out.Statements, PublicStatement{
			Index:    i,
			Sid:      st.Sid,
			Reason:   reason,
			Path:     statementPath(i, single).String(),
			Position: p.Position(st.Pos),
		})
	}
	return out, nil
}

// public reports the statements of a bucket or access point policy that
// make it public.
func (v *validator) public() {
	res, err := IsPublic(v.p, v.kind, OriginInternet)
	if err != nil {
		return
	}
	for _, ps := range res.Statements {
		v.report(CodePublicStatement, v.at(ps.Index), v.p.Statements[ps.Index].Pos,
			"S3 Block Public Access counts this statement as public: %s", ps.Reason)
	}
}

// publicReason returns why a statement is public, or "" when it is not.
func publicReason(st *Statement, kind Kind, variables bool) string {
	if st.Effect != Allow {
		return ""
	}
	if st.NotPrincipal != nil {
		return "it allows everyone outside a NotPrincipal list, anonymous callers included; name the principals in Principal"
	}
	who := openPrincipal(st.Principal)
	if who == "" {
		return ""
	}
	for i := range st.Conditions {
		if restricts(&st.Conditions[i], kind, variables) {
			return ""
		}
	}
	return who + ", and no condition limits it to fixed values of aws:SourceIp, aws:SourceVpc, aws:SourceVpce, " +
		"aws:SourceArn, aws:SourceAccount, aws:SourceOwner, aws:PrincipalOrgID or another key S3 accepts"
}

// openPrincipal describes the principal of pr that is not fixed, or
// returns "".
func openPrincipal(pr *Principal) string {
	switch {
	case pr == nil:
		return ""
	case pr.Anyone():
		return `it allows Principal "*", which is everyone, anonymous callers included`
	}
	for _, f := range pr.Federated {
		if !strings.HasPrefix(f, "arn:") {
			return fmt.Sprintf("it allows every user of the web identity provider %q", f)
		}
	}
	return ""
}

// restricts reports whether a condition limits a grant to fixed values of
// a key that S3 accepts as restricting.
func restricts(c *Condition, kind Kind, variables bool) bool {
	op := c.Operator
	if op.IfExists || op.Qualifier != condition.Single || op.Base.Negated() || !containsFold(restrictingKeys, c.Key) {
		return false
	}
	if kind == KindAccessPoint && strings.EqualFold(c.Key, "s3:DataAccessPointArn") {
		return false
	}
	if len(c.Values) == 0 {
		return false
	}
	for _, value := range c.Values {
		if !fixedValue(c, value, kind, variables) {
			return false
		}
	}
	return true
}

// fixedValue reports whether one value of a restricting condition is
// fixed.
func fixedValue(c *Condition, value string, kind Kind, variables bool) bool {
	if variables && strings.Contains(value, "${") {
		return false
	}
	if strings.EqualFold(c.Key, "aws:SourceIp") {
		return c.Operator.Base == condition.IpAddress && narrowRange(value)
	}
	switch c.Operator.Base {
	case condition.StringEquals, condition.StringEqualsIgnoreCase:
		return !strings.EqualFold(c.Key, "aws:userid") || !strings.Contains(value, "*")
	case condition.StringLike, condition.ArnEquals, condition.ArnLike:
		if !strings.ContainsAny(value, "*?") {
			return true
		}
		return kind == KindBucket && strings.EqualFold(c.Key, "s3:DataAccessPointArn") && anyAccessPointOf(value)
	}
	return false
}

// narrowRange reports whether an aws:SourceIp value is no wider than /8
// for IPv4 or /32 for IPv6. S3 also exempts the RFC 1918 private ranges,
// but every range inside them is /8 or narrower already.
func narrowRange(value string) bool {
	prefix, err := netip.ParsePrefix(value)
	if err != nil {
		_, err := netip.ParseAddr(value)
		return err == nil // a bare address is a /32 or /128
	}
	if prefix.Addr().Is4() {
		return prefix.Bits() >= 8
	}
	return prefix.Bits() >= 32
}

// anyAccessPointOf reports whether value is an access point ARN pattern
// whose only wildcard is the whole name, as in
// "arn:aws:s3:us-west-2:111122223333:accesspoint/*".
func anyAccessPointOf(value string) bool {
	a, err := arn.Parse(value)
	if err != nil || a.Service != "s3" || a.Resource != "accesspoint/*" {
		return false
	}
	return !hasPattern(a.Partition) && !hasPattern(a.Region) && IsAccountID(a.Account)
}
