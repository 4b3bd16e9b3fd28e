package policy

import (
	"slices"
	"strings"

	"github.com/iameval/iameval/arn"
)

// knownPartitions are the AWS partitions an ARN may name.
var knownPartitions = []string{
	"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc",
}

// principals checks Principal and NotPrincipal against the kind and checks
// each principal value.
func (v *validator) principals(st *Statement, at path) {
	pr, name := st.Principal, "Principal"
	if pr == nil {
		pr, name = st.NotPrincipal, "NotPrincipal"
	}
	if pr == nil {
		if v.kind.needsPrincipal() {
			v.report(CodeMissingPrincipal, at, st.Pos,
				"a statement of %s must say whom it applies to; add a Principal element", v.kind.phrase())
		}
		return
	}

	at = at.member(name)
	switch {
	case v.kind.identityBased() || v.kind == KindSCP:
		target := "the identity"
		if v.kind == KindSCP {
			target = "the accounts"
		}
		v.report(CodePrincipalNotAllowed, at, pr.Pos,
			"remove %s: %s applies to %s it is attached to and names no principal", name, v.kind.phrase(), target)
		return
	case v.kind == KindRCP && st.NotPrincipal != nil:
		v.report(CodePrincipalNotAllowed, at, pr.Pos,
			`RCPs do not support NotPrincipal; use "Principal": "*" with a condition on the principal instead`)
		return
	case v.kind == KindRCP && !onlyAnyone(pr):
		v.report(CodeRCPPrincipalNotWildcard, at, pr.Pos,
			`write "Principal": "*" in an RCP and limit the principals with conditions such as aws:PrincipalOrgID`)
	}
	if st.NotPrincipal != nil && st.Effect == Allow {
		v.report(CodeAllowWithNotPrincipal, at, pr.Pos,
			"AWS supports NotPrincipal only with Deny; this Allow never grants access here, and S3 counts it as public. "+
				"Name the principals in Principal instead")
	}
	v.principalValues(pr, at)
}

// onlyAnyone reports whether pr is "*" or {"AWS": "*"} and names nothing
// else.
func onlyAnyone(pr *Principal) bool {
	if pr.Wildcard {
		return true
	}
	return len(pr.AWS) == 1 && pr.AWS[0] == "*" &&
		pr.Service == nil && pr.Federated == nil && pr.CanonicalUser == nil
}

func (v *validator) principalValues(pr *Principal, at path) {
	for i, s := range pr.AWS {
		v.awsPrincipal(s, v.listPath(at.member("AWS"), pr.AWSPos, i), posOf(pr.AWSPos, i))
	}
	for i, s := range pr.Service {
		if !isServicePrincipal(s) {
			v.report(CodeInvalidPrincipal, v.listPath(at.member("Service"), pr.ServicePos, i), posOf(pr.ServicePos, i),
				"%q is not a service principal; write the service's DNS name, such as \"cloudtrail.amazonaws.com\"", s)
		}
	}
	for i, s := range pr.Federated {
		v.federatedPrincipal(s, v.listPath(at.member("Federated"), pr.FederatedPos, i), posOf(pr.FederatedPos, i))
	}
	for i, s := range pr.CanonicalUser {
		if len(s) != 64 || strings.IndexFunc(s, notHex) >= 0 {
			v.report(CodeInvalidPrincipal, v.listPath(at.member("CanonicalUser"), pr.CanonicalUserPos, i),
				posOf(pr.CanonicalUserPos, i), "%q is not an S3 canonical user ID, which is 64 hexadecimal digits", s)
		}
	}
}

// awsPrincipal checks one value of the AWS principal type.
func (v *validator) awsPrincipal(s string, at path, pos Pos) {
	switch {
	case s == "*":
		return
	case isDigits(s):
		if len(s) != 12 {
			v.report(CodeInvalidAccountID, at, pos,
				"account ID %q has %d digits; AWS account IDs have exactly 12, with any leading zeros", s, len(s))
		}
		return
	case isUniqueID(s):
		v.report(CodePrincipalUniqueID, at, pos,
			"%q is an IAM unique ID; write the user or role ARN, because the ID stops matching if the user or role is re-created", s)
		return
	case !strings.HasPrefix(s, "arn:"):
		v.report(CodeInvalidPrincipal, at, pos,
			`%q is not an AWS principal; write "*", a 12-digit account ID or an IAM or STS ARN such as "arn:aws:iam::111122223333:role/name"`, s)
		return
	}

	a, err := arn.Parse(s)
	if err != nil {
		v.report(CodeInvalidPrincipal, at, pos, "%q is not a valid ARN: %v", s, err)
		return
	}
	if !v.checkPartition(a.Partition, s, at, pos) {
		return
	}
	if isOriginAccessIdentity(a) {
		return
	}
	if msg := awsPrincipalResource(a); msg != "" {
		v.report(CodeInvalidPrincipal, at, pos, "%q %s", s, msg)
		return
	}
	if !IsAccountID(a.Account) {
		v.report(CodeInvalidAccountID, at, pos,
			"the account %q in %q is not 12 digits; AWS account IDs have exactly 12", a.Account, s)
	}
}

// isOriginAccessIdentity reports whether a is the principal ARN of a
// CloudFront origin access identity, which has "cloudfront" in place of an
// account: arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ID.
func isOriginAccessIdentity(a arn.ARN) bool {
	return a.Service == "iam" && a.Account == "cloudfront" &&
		strings.HasPrefix(a.Resource, "user/CloudFront Origin Access Identity ")
}

// awsPrincipalResource returns what is wrong with the resource part of a
// principal ARN, or "".
func awsPrincipalResource(a arn.ARN) string {
	kind, _, _ := strings.Cut(a.Resource, "/")
	switch {
	case a.Region != "":
		return "has a Region; IAM and STS principal ARNs have an empty Region part"
	case a.Service == "iam" && (a.Resource == "root" || kind == "user" || kind == "role"):
		return ""
	case a.Service == "sts" && (kind == "assumed-role" || kind == "federated-user"):
		return ""
	case a.Service == "iam" && kind == "group":
		return "names an IAM group, which cannot be a principal; name its users or a role instead"
	}
	return "is not a principal ARN; name an account root, user, role, assumed-role session or federated user"
}

// federatedPrincipal checks one value of the Federated principal type: a
// SAML or OIDC provider ARN, or the domain name of a web identity
// provider.
func (v *validator) federatedPrincipal(s string, at path, pos Pos) {
	if !strings.HasPrefix(s, "arn:") {
		if !isServicePrincipal(s) {
			v.report(CodeInvalidPrincipal, at, pos,
				"%q is not an identity provider; write a provider's domain name or a SAML or OIDC provider ARN", s)
		}
		return
	}
	a, err := arn.Parse(s)
	if err != nil {
		v.report(CodeInvalidPrincipal, at, pos, "%q is not a valid ARN: %v", s, err)
		return
	}
	if !v.checkPartition(a.Partition, s, at, pos) {
		return
	}
	kind, _, _ := strings.Cut(a.Resource, "/")
	if a.Service != "iam" || (kind != "saml-provider" && kind != "oidc-provider") {
		v.report(CodeInvalidPrincipal, at, pos,
			"%q is not an identity provider ARN; federated principals are iam saml-provider or oidc-provider ARNs", s)
		return
	}
	if !IsAccountID(a.Account) {
		v.report(CodeInvalidAccountID, at, pos, "the account %q in %q is not 12 digits", a.Account, s)
	}
}

// checkPartition reports an unknown partition of an ARN without
// wildcards in its partition and reports whether the partition is fine.
func (v *validator) checkPartition(partition, s string, at path, pos Pos) bool {
	if hasPattern(partition) || slices.Contains(knownPartitions, partition) {
		return true
	}
	v.report(CodeInvalidARN, at, pos, "%q names partition %q; AWS partitions are %s",
		s, partition, strings.Join(knownPartitions, ", "))
	return false
}

// isServicePrincipal reports whether s looks like a DNS name, as service
// principals and web identity providers are.
func isServicePrincipal(s string) bool {
	return strings.Contains(s, ".") && !strings.ContainsAny(s, ": \t*?") &&
		!strings.HasPrefix(s, ".") && !strings.HasSuffix(s, ".")
}

// isUniqueID reports whether s looks like the unique ID of an IAM user
// (AIDA...) or role (AROA...).
func isUniqueID(s string) bool {
	if len(s) < 16 || !(strings.HasPrefix(s, "AIDA") || strings.HasPrefix(s, "AROA")) {
		return false
	}
	return strings.IndexFunc(s, func(r rune) bool { return !('A' <= r && r <= 'Z' || '0' <= r && r <= '9') }) < 0
}

func isDigits(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) < 0
}

func notHex(r rune) bool {
	return !('0' <= r && r <= '9' || 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F')
}

// hasPattern reports whether s holds a wildcard or a policy variable, so
// that its final text is not known.
func hasPattern(s string) bool {
	return strings.ContainsAny(s, "*?") || strings.Contains(s, "${")
}

// posOf returns positions[i], or NoPos for a list built in code without
// positions.
func posOf(positions []Pos, i int) Pos {
	if i < len(positions) {
		return positions[i]
	}
	return NoPos
}

// listPath returns the path of value i of the list at, leaving out the
// index when the document wrote the list as a single string.
func (v *validator) listPath(at path, positions []Pos, i int) path {
	if len(positions) == 1 && !v.p.inArray(positions[0]) {
		return at
	}
	return at.item(i)
}

// inArray reports whether the value at pos is an element of a JSON array.
func (p *Policy) inArray(pos Pos) bool {
	if !pos.IsValid() || pos.Offset() > len(p.src) {
		return true
	}
	before := strings.TrimRight(p.src[:pos.Offset()], " \t\r\n")
	return strings.HasSuffix(before, "[") || strings.HasSuffix(before, ",")
}
