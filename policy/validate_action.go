package policy

import (
	"fmt"
	"slices"
	"strings"
)

// actionElement returns the name of the action element the statement
// uses and its values.
func actionElement(st *Statement) (string, []string) {
	if st.NotAction != nil {
		return "NotAction", st.NotAction
	}
	return "Action", st.Action
}

// resourceElement returns the name of the resource element the statement
// uses and its values.
func resourceElement(st *Statement) (string, []string) {
	if st.NotResource != nil {
		return "NotResource", st.NotResource
	}
	return "Resource", st.Resource
}

// actions checks each action against the table and the statement's
// effect against the kind.
func (v *validator) actions(st *Statement, at path) {
	name, values := actionElement(st)
	for i, action := range values {
		v.action(action, v.listPath(at.member(name), st.ActionPos, i), posOf(st.ActionPos, i))
	}

	grants := v.kind.identityPermissions() || v.kind == KindResource || v.kind == KindBucket || v.kind == KindAccessPoint
	switch {
	case v.kind == KindRCP && st.Effect == Allow && !isFullAccessRCP(st):
		v.report(CodeRCPAllow, at.member("Effect"), st.EffectPos,
			`AWS supports Allow in RCPs only for the RCPFullAWSAccess policy it attaches itself; write RCPs as Deny statements`)
	case !grants || st.Effect != Allow:
	case st.NotAction != nil:
		v.report(CodeAllowWithNotAction, at.member("NotAction"), posOf(st.ActionPos, 0),
			"Allow with NotAction allows every action not listed, in every AWS service, including services added later; "+
				"list the allowed actions in Action instead")
	}
	if grants && st.Effect == Allow && st.NotResource != nil {
		v.report(CodeAllowWithNotResource, at.member("NotResource"), posOf(st.ResourcePos, 0),
			"Allow with NotResource allows every resource not listed, including resources created later; "+
				"list the allowed resources in Resource instead")
	}
	v.wildcardWrite(st, at)
}

// isFullAccessRCP reports whether st is the statement of RCPFullAWSAccess:
// Allow everyone every action on every resource.
func isFullAccessRCP(st *Statement) bool {
	return st.Effect == Allow && st.Principal != nil && onlyAnyone(st.Principal) &&
		slices.Equal(st.Action, []string{"*"}) && slices.Equal(st.Resource, []string{"*"}) && st.Conditions == nil
}

// action checks one Action or NotAction value.
func (v *validator) action(action string, at path, pos Pos) {
	if action == "*" {
		return
	}
	prefix, name, ok := strings.Cut(action, ":")
	if !ok {
		return // the parser rejects this form; a policy built in code may hold it
	}
	s := v.ix.service(prefix)
	if s == nil {
		v.report(CodeUnknownService, at, pos, "no AWS service has the prefix %q in action %q", prefix, action)
		return
	}
	if v.kind == KindRCP && !s.rcp {
		v.report(CodeRCPUnsupportedService, at, pos,
			"resource control policies do not cover %s, so this action has no effect in an RCP; remove it", s.prefix)
	}
	if len(s.matchActions(name)) > 0 {
		return
	}
	if strings.ContainsAny(name, "*?") {
		v.report(CodeUnknownAction, at, pos, "%q matches no action of %s; check the spelling of the pattern", action, s.prefix)
		return
	}
	if guess := s.closestAction(name); guess != "" {
		v.report(CodeUnknownAction, at, pos, "%s has no action %q; did you mean %q?", s.prefix, name, s.prefix+":"+guess)
		return
	}
	v.report(CodeUnknownAction, at, pos, "%s has no action %q", s.prefix, name)
}

// wildcardWrite reports, once per statement, actions that an identity
// policy allows on every resource although they act on specific resources
// and change them.
func (v *validator) wildcardWrite(st *Statement, at path) {
	if !v.kind.identityPermissions() || st.Effect != Allow || !slices.Contains(st.Resource, "*") || st.Conditions != nil {
		return
	}
	var writes []int
	for i, action := range st.Action {
		if v.writesResources(action) {
			writes = append(writes, i)
		}
	}
	if len(writes) == 0 {
		return
	}
	first := writes[0]
	others := ""
	if len(writes) > 1 {
		others = fmt.Sprintf(" and %d more actions of this statement", len(writes)-1)
	}
	v.report(CodeWildcardResourceWrite, v.listPath(at.member("Action"), st.ActionPos, first), posOf(st.ActionPos, first),
		"%q%s allow changing resources or their permissions on Resource \"*\", every resource in every account; "+
			"list the resource ARNs or add a condition", st.Action[first], others)
}

// writesResources reports whether an action pattern matches an action
// that changes a resource or its permissions and acts on a specific
// resource type.
func (v *validator) writesResources(action string) bool {
	if action == "*" {
		return true
	}
	prefix, name, ok := strings.Cut(action, ":")
	s := v.ix.service(prefix)
	if !ok || s == nil {
		return false
	}
	return slices.ContainsFunc(s.matchActions(name), func(a *iamAction) bool {
		return a.level.writes() && len(a.types) > 0
	})
}

// resources checks each Resource or NotResource value: its ARN parts and
// whether it belongs in a policy of this kind.
func (v *validator) resources(st *Statement, at path) {
	name, values := resourceElement(st)
	scope := bucketScope{}
	for i, r := range values {
		rat := v.listPath(at.member(name), st.ResourcePos, i)
		pos := posOf(st.ResourcePos, i)
		if r == "*" {
			continue
		}
		if !v.vars && strings.Contains(r, "${") {
			v.reportVersion(rat, pos, r)
		}
		parts, ok := splitPattern(r, v.vars)
		if !ok {
			continue
		}
		if v.checkResourceARN(r, parts, rat, pos) {
			v.checkScope(r, parts, &scope, rat, pos)
		}
	}
}

// reportVersion reports a ${...} in a policy whose Version does not
// substitute variables.
func (v *validator) reportVersion(at path, pos Pos, value string) {
	version := "has no Version"
	if v.p.Version != "" {
		version = "is Version " + v.p.Version
	}
	v.report(CodeVariableNeedsVersion2012, at, pos,
		"%q holds ${...}, but the policy %s, so AWS reads it as literal text; set \"Version\": %q",
		value, version, Version2012)
}

// checkResourceARN checks the parts of one resource ARN and reports
// whether they are valid enough for further checks.
func (v *validator) checkResourceARN(r string, parts arnParts, at path, pos Pos) bool {
	if !v.checkPartition(parts.partition, r, at, pos) {
		return false
	}
	if parts.service != strings.ToLower(parts.service) {
		v.report(CodeInvalidARN, at, pos, "the service %q in %q must be lower case", parts.service, r)
		return false
	}
	svc, known := v.ix.arnServices[parts.service]
	if !known && v.ix.service(parts.service) == nil {
		v.report(CodeUnknownARNService, at, pos, "no AWS resource type has an ARN with service %q, as %q has", parts.service, r)
		return false
	}

	account := parts.account
	switch {
	case account == "" || hasPattern(account) || account == "aws" || IsAccountID(account):
	default:
		v.report(CodeInvalidAccountID, at, pos, "the account %q in %q is not 12 digits", account, r)
	}
	if known && !svc.account && isLiteral(account) {
		v.report(CodeARNAccountNotAllowed, at, pos,
			"%s ARNs have no account part, so %q matches no resource; remove the account %q", parts.service, r, account)
	}
	if known && !svc.region && isLiteral(parts.region) {
		v.report(CodeARNRegionNotAllowed, at, pos,
			"%s ARNs have no Region part, so %q matches no resource; remove the Region %q", parts.service, r, parts.region)
	}
	return true
}

// isLiteral reports whether an ARN part is non-empty and holds some
// literal text, so that it cannot match an empty part.
func isLiteral(part string) bool {
	return part != "" && strings.Trim(part, "*") != ""
}

// bucketScope remembers the first bucket a bucket policy names.
type bucketScope struct {
	bucket string
}

// checkScope reports a resource that does not belong in a bucket or
// access point policy.
func (v *validator) checkScope(r string, parts arnParts, scope *bucketScope, at path, pos Pos) {
	switch v.kind {
	case KindBucket:
		if parts.service != "s3" || parts.region != "" || parts.account != "" {
			v.report(CodeBucketPolicyForeignResource, at, pos,
				"a bucket policy can only name its bucket and the bucket's objects, as arn:aws:s3:::BUCKET or arn:aws:s3:::BUCKET/KEY; %q is not one of them", r)
			return
		}
		bucket, _, _ := strings.Cut(parts.resource, "/")
		if hasPattern(bucket) {
			return
		}
		if scope.bucket == "" {
			scope.bucket = bucket
		} else if bucket != scope.bucket {
			v.report(CodeBucketPolicyForeignResource, at, pos,
				"a bucket policy covers one bucket, but %q names bucket %q after %q", r, bucket, scope.bucket)
		}
	case KindAccessPoint:
		if parts.service != "s3" || parts.account == "" || !strings.HasPrefix(parts.resource, "accesspoint/") {
			v.report(CodeAccessPointPolicyForeignResource, at, pos,
				"an access point policy can only name access point ARNs, "+
					"arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME and .../accesspoint/NAME/object/KEY; %q is not one", r)
		}
	}
}
