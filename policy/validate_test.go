package policy_test

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/policy"
)

// doc wraps statements into a Version 2012-10-17 document.
func doc(statements ...string) string {
	return `{"Version": "2012-10-17", "Statement": [` + strings.Join(statements, ",\n") + `]}`
}

// allow returns an Allow statement of an identity policy with the given
// extra members, such as `"Condition": {...}`.
func allow(action, resource string, extra ...string) string {
	return statement("Allow", action, resource, extra...)
}

func deny(action, resource string, extra ...string) string {
	return statement("Deny", action, resource, extra...)
}

func statement(effect, action, resource string, extra ...string) string {
	members := []string{fmt.Sprintf(`"Effect": %q`, effect), `"Action": ` + quoteList(action), `"Resource": ` + quoteList(resource)}
	return "{" + strings.Join(append(members, extra...), ", ") + "}"
}

// quoteList writes a string as a JSON string, or as an array when it
// holds several values separated by " | ".
func quoteList(s string) string {
	if !strings.Contains(s, " | ") {
		return fmt.Sprintf("%q", s)
	}
	var quoted []string
	for _, v := range strings.Split(s, " | ") {
		quoted = append(quoted, fmt.Sprintf("%q", v))
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// cond writes a Condition member with one operator and one key.
func cond(operator, key, values string) string {
	return fmt.Sprintf(`"Condition": {%q: {%q: %s}}`, operator, key, quoteList(values))
}

const anyone = `"Principal": "*"`

// validateCase is one case of the check table. A case with found set
// expects a finding of its code, at path when path is not "-", with the
// code's default severity unless severity is set. A case without found
// expects no finding of its code.
type validateCase struct {
	name     string
	kind     policy.Kind
	doc      string
	built    *policy.Policy // used instead of doc when set
	found    bool
	path     string
	severity policy.Severity
}

// builtNull returns a policy, built in code, whose Null condition has the
// given values. Parse rejects values other than true and false, so only a
// policy built in code can hold them.
func builtNull(values ...string) *policy.Policy {
	return &policy.Policy{
		Version: policy.Version2012,
		Statements: []policy.Statement{{
			Effect:   policy.Deny,
			Action:   []string{"s3:GetObject"},
			Resource: []string{"arn:aws:s3:::b1/*"},
			Conditions: []policy.Condition{{
				Operator: condition.MustParseOperator("Null"), Key: "aws:TokenIssueTime", Values: values,
			}},
		}},
	}
}

// builtStringEquals returns a policy, built in code, with one StringEquals
// condition per key. Parse rejects keys that differ only in case under one
// operator, so only a policy built in code can hold them.
func builtStringEquals(keys ...string) *policy.Policy {
	var conditions []policy.Condition
	for i, key := range keys {
		conditions = append(conditions, policy.Condition{
			Operator: condition.MustParseOperator("StringEquals"), Key: key, Values: []string{fmt.Sprintf("vpc-%d", i+1)},
		})
	}
	return &policy.Policy{
		Version: policy.Version2012,
		Statements: []policy.Statement{{
			Effect: policy.Allow, Action: []string{"s3:GetObject"}, Resource: []string{objects}, Conditions: conditions,
		}},
	}
}

const (
	objects   = "arn:aws:s3:::b1/*"
	bucketARN = "arn:aws:s3:::b1"
	apObjects = "arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/*"
)

var validateCases = map[policy.Code][]validateCase{
	policy.CodeMissingVersion: {
		{name: "no Version", kind: policy.KindIdentity, doc: `{"Statement": [` + allow("s3:GetObject", objects) + `]}`, found: true, path: ""},
		{name: "RCP without Version is an error", kind: policy.KindRCP, found: true, path: "", severity: policy.SeverityError,
			doc: `{"Statement": [` + deny("s3:*", "*", anyone) + `]}`},
		{name: "Version present", kind: policy.KindIdentity, doc: doc(allow("s3:GetObject", objects))},
	},
	policy.CodeLegacyVersion: {
		{name: "Version 2008", kind: policy.KindIdentity, found: true, path: "Version",
			doc: `{"Version": "2008-10-17", "Statement": [` + allow("s3:GetObject", objects) + `]}`},
		{name: "Version 2012", kind: policy.KindIdentity, doc: doc(allow("s3:GetObject", objects))},
	},
	policy.CodeVariableNeedsVersion2012: {
		{name: "variable in Resource under 2008", kind: policy.KindIdentity, found: true, path: "Statement[0].Resource",
			doc: `{"Version": "2008-10-17", "Statement": [` + allow("s3:GetObject", "arn:aws:s3:::b1/${aws:username}/*") + `]}`},
		{name: "variable in condition without Version", kind: policy.KindIdentity, found: true,
			path: "Statement[0].Condition.StringLike.s3:prefix",
			doc:  `{"Statement": [` + allow("s3:ListBucket", bucketARN, cond("StringLike", "s3:prefix", "${aws:username}/*")) + `]}`},
		{name: "variable under 2012", kind: policy.KindIdentity,
			doc: doc(allow("s3:GetObject", "arn:aws:s3:::b1/${aws:username}/*"))},
	},
	policy.CodeIDInIdentityPolicy: {
		{name: "Id in identity policy", kind: policy.KindIdentity, found: true, path: "Id",
			doc: `{"Version": "2012-10-17", "Id": "p1", "Statement": [` + allow("s3:GetObject", objects) + `]}`},
		{name: "Id in bucket policy", kind: policy.KindBucket,
			doc: `{"Version": "2012-10-17", "Id": "p1", "Statement": [` + allow("s3:GetObject", objects, anyone) + `]}`},
	},
	policy.CodePolicyTooLarge: {
		{name: "inline user policy over 2048 characters", kind: policy.KindInlineUser, doc: largePolicy(150, 0), found: true, path: ""},
		{name: "same policy inline in a role", kind: policy.KindInlineRole, doc: largePolicy(150, 0)},
		{name: "SCP counts white space", kind: policy.KindSCP, doc: largePolicy(10, 11000), found: true, path: ""},
		{name: "identity policy ignores white space", kind: policy.KindIdentity, doc: largePolicy(10, 11000)},
		{name: "bucket policy over 20 KB", kind: policy.KindBucket, doc: largeBucketPolicy(1400), found: true, path: ""},
		{name: "bucket policy under 20 KB", kind: policy.KindBucket, doc: largeBucketPolicy(100)},
	},
	policy.CodeNoStatements: {
		{name: "empty Statement array", kind: policy.KindIdentity, doc: `{"Version": "2012-10-17", "Statement": []}`, found: true, path: "Statement"},
		{name: "one statement", kind: policy.KindIdentity, doc: doc(allow("s3:GetObject", objects))},
	},
	policy.CodeDuplicateSid: {
		{name: "same Sid twice", kind: policy.KindIdentity, found: true, path: "Statement[1].Sid",
			doc: doc(allow("s3:GetObject", objects, `"Sid": "A"`), allow("s3:PutObject", objects, `"Sid": "A"`))},
		{name: "same Sid in an SCP is an error", kind: policy.KindSCP, found: true, path: "Statement[1].Sid", severity: policy.SeverityError,
			doc: doc(deny("s3:GetObject", objects, `"Sid": "A"`), deny("s3:PutObject", objects, `"Sid": "A"`))},
		{name: "Sids differ only in case", kind: policy.KindIdentity,
			doc: doc(allow("s3:GetObject", objects, `"Sid": "A"`), allow("s3:PutObject", objects, `"Sid": "a"`))},
	},
	policy.CodeInvalidSid: {
		{name: "space in identity policy Sid", kind: policy.KindIdentity, found: true, path: "Statement[0].Sid",
			doc: doc(allow("s3:GetObject", objects, `"Sid": "Allow read"`))},
		{name: "space in bucket policy Sid", kind: policy.KindBucket,
			doc: doc(allow("s3:GetObject", objects, anyone, `"Sid": "Allow read"`))},
	},
	policy.CodeEmptySid: {
		{name: "empty Sid", kind: policy.KindIdentity, found: true, path: "Statement[0].Sid",
			doc: doc(allow("s3:GetObject", objects, `"Sid": ""`))},
		{name: "named Sid", kind: policy.KindIdentity, doc: doc(allow("s3:GetObject", objects, `"Sid": "Read"`))},
	},
	policy.CodePrincipalNotAllowed: {
		{name: "Principal in identity policy", kind: policy.KindIdentity, found: true, path: "Statement[0].Principal",
			doc: doc(allow("s3:GetObject", objects, anyone))},
		{name: "Principal in SCP", kind: policy.KindSCP, found: true, path: "Statement[0].Principal",
			doc: doc(deny("s3:GetObject", objects, anyone))},
		{name: "NotPrincipal in RCP", kind: policy.KindRCP, found: true, path: "Statement[0].NotPrincipal",
			doc: doc(deny("s3:GetObject", objects, `"NotPrincipal": {"AWS": "111122223333"}`))},
		{name: "Principal in bucket policy", kind: policy.KindBucket, doc: doc(allow("s3:GetObject", objects, anyone))},
	},
	policy.CodeMissingPrincipal: {
		{name: "bucket statement without Principal", kind: policy.KindBucket, found: true, path: "Statement[0]",
			doc: doc(allow("s3:GetObject", objects))},
		{name: "RCP statement without Principal", kind: policy.KindRCP, found: true, path: "Statement[0]",
			doc: doc(deny("s3:GetObject", objects))},
		{name: "identity statement without Principal", kind: policy.KindIdentity, doc: doc(allow("s3:GetObject", objects))},
	},
	policy.CodeAllowWithNotPrincipal: {
		{name: "Allow with NotPrincipal", kind: policy.KindBucket, found: true, path: "Statement[0].NotPrincipal",
			doc: doc(allow("s3:GetObject", objects, `"NotPrincipal": {"AWS": "111122223333"}`))},
		{name: "Deny with NotPrincipal", kind: policy.KindBucket,
			doc: doc(deny("s3:GetObject", objects, `"NotPrincipal": {"AWS": "111122223333"}`))},
	},
	policy.CodeInvalidPrincipal: {
		{name: "placeholder account", kind: policy.KindBucket, found: true, path: "Statement[0].Principal.AWS",
			doc: doc(allow("s3:GetObject", objects, `"Principal": {"AWS": "ACCOUNT-A-ID"}`))},
		{name: "group ARN", kind: policy.KindBucket, found: true, path: "Statement[0].Principal.AWS[1]",
			doc: doc(allow("s3:GetObject", objects, `"Principal": {"AWS": ["111122223333", "arn:aws:iam::111122223333:group/dev"]}`))},
		{name: "service without domain", kind: policy.KindBucket, found: true, path: "Statement[0].Principal.Service",
			doc: doc(allow("s3:GetObject", objects, `"Principal": {"Service": "cloudtrail"}`))},
		{name: "short canonical user", kind: policy.KindBucket, found: true, path: "Statement[0].Principal.CanonicalUser",
			doc: doc(allow("s3:GetObject", objects, `"Principal": {"CanonicalUser": "abc123"}`))},
		{name: "federated provider that is not a domain", kind: policy.KindResource, found: true, path: "Statement[0].Principal.Federated",
			doc: doc(allow("sts:AssumeRoleWithWebIdentity", "*", `"Principal": {"Federated": "google"}`))},
		{name: "role ARN", kind: policy.KindBucket,
			doc: doc(allow("s3:GetObject", objects, `"Principal": {"AWS": "arn:aws:iam::111122223333:role/reader"}`))},
		{name: "CloudFront origin access identity", kind: policy.KindBucket,
			doc: doc(allow("s3:GetObject", objects,
				`"Principal": {"AWS": "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL"}`))},
		{name: "SAML provider ARN", kind: policy.KindResource,
			doc: doc(allow("sts:AssumeRoleWithSAML", "*", `"Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/corp"}`))},
	},
	policy.CodePrincipalUniqueID: {
		{name: "user unique ID", kind: policy.KindBucket, found: true, path: "Statement[0].Principal.AWS",
			doc: doc(allow("s3:GetObject", objects, `"Principal": {"AWS": "AIDAJQABLZS4A3QDU576Q"}`))},
		{name: "account ID", kind: policy.KindBucket,
			doc: doc(allow("s3:GetObject", objects, `"Principal": {"AWS": "111122223333"}`))},
	},
	policy.CodeRCPPrincipalNotWildcard: {
		{name: "RCP names an account", kind: policy.KindRCP, found: true, path: "Statement[0].Principal",
			doc: doc(deny("s3:GetObject", objects, `"Principal": {"AWS": "111122223333"}`))},
		{name: "RCP with Principal star", kind: policy.KindRCP, doc: doc(deny("s3:GetObject", objects, anyone))},
	},
	policy.CodeInvalidAccountID: {
		{name: "nine-digit principal account", kind: policy.KindBucket, found: true, path: "Statement[0].Principal.AWS",
			doc: doc(allow("s3:GetObject", objects, `"Principal": {"AWS": "123456789"}`))},
		{name: "nine-digit account in principal ARN", kind: policy.KindBucket, found: true, path: "Statement[0].Principal.AWS",
			doc: doc(allow("s3:GetObject", objects, `"Principal": {"AWS": "arn:aws:iam::123456789:root"}`))},
		{name: "nine-digit account in Resource", kind: policy.KindIdentity, found: true, path: "Statement[0].Resource",
			doc: doc(allow("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789:table/t"))},
		{name: "nine-digit aws:SourceAccount", kind: policy.KindBucket, found: true,
			path: "Statement[0].Condition.StringEquals.aws:SourceAccount",
			doc:  doc(allow("s3:PutObject", objects, `"Principal": {"Service": "logging.s3.amazonaws.com"}`, cond("StringEquals", "aws:SourceAccount", "123456789")))},
		{name: "twelve digits everywhere", kind: policy.KindBucket,
			doc: doc(allow("s3:PutObject", objects, `"Principal": {"AWS": "111122223333"}`, cond("StringEquals", "aws:SourceAccount", "111122223333")))},
		{name: "AWS-owned resource", kind: policy.KindIdentity, doc: doc(allow("iam:GetPolicy", "arn:aws:iam::aws:policy/ReadOnlyAccess"))},
	},
	policy.CodeInvalidARN: {
		{name: "unknown partition", kind: policy.KindIdentity, found: true, path: "Statement[0].Resource",
			doc: doc(allow("s3:GetObject", "arn:amazon:s3:::b1/*"))},
		{name: "upper-case service", kind: policy.KindIdentity, found: true, path: "Statement[0].Resource",
			doc: doc(allow("s3:GetObject", "arn:aws:S3:::b1/*"))},
		{name: "China partition", kind: policy.KindIdentity, doc: doc(allow("s3:GetObject", "arn:aws-cn:s3:::b1/*"))},
	},
	policy.CodeUnknownARNService: {
		{name: "misspelt service", kind: policy.KindIdentity, found: true, path: "Statement[0].Resource",
			doc: doc(allow("s3:GetObject", "arn:aws:s4:::b1/*"))},
		{name: "s3", kind: policy.KindIdentity, doc: doc(allow("s3:GetObject", objects))},
	},
	policy.CodeARNAccountNotAllowed: {
		{name: "account in a Control Catalog ARN", kind: policy.KindIdentity, found: true, path: "Statement[0].Resource",
			doc: doc(allow("controlcatalog:GetControl", "arn:aws:controlcatalog::111122223333:control/c1"))},
		{name: "wildcard account", kind: policy.KindIdentity,
			doc: doc(allow("controlcatalog:GetControl", "arn:aws:controlcatalog::*:control/c1"))},
	},
	policy.CodeARNRegionNotAllowed: {
		{name: "Region in an IAM ARN", kind: policy.KindIdentity, found: true, path: "Statement[0].Resource",
			doc: doc(allow("iam:GetRole", "arn:aws:iam:us-east-1:111122223333:role/r"))},
		{name: "IAM ARN without Region", kind: policy.KindIdentity, doc: doc(allow("iam:GetRole", "arn:aws:iam::111122223333:role/r"))},
	},
	policy.CodeUnknownService: {
		{name: "misspelt prefix", kind: policy.KindIdentity, found: true, path: "Statement[0].Action",
			doc: doc(allow("s4:GetObject", "*"))},
		{name: "prefix in other case", kind: policy.KindIdentity, doc: doc(allow("S3:GetObject", objects))},
	},
	policy.CodeUnknownAction: {
		{name: "typo with suggestion", kind: policy.KindIdentity, found: true, path: "Statement[0].Action",
			doc: doc(allow("s3:GetObjects", objects))},
		{name: "pattern matching nothing", kind: policy.KindIdentity, found: true, path: "Statement[0].Action[1]",
			doc: doc(allow("s3:GetObject | s3:Frob*", objects))},
		{name: "name in other case", kind: policy.KindIdentity, doc: doc(allow("s3:getobject", objects))},
		{name: "pattern", kind: policy.KindIdentity, doc: doc(allow("s3:Get*", "*"))},
	},
	policy.CodeRCPUnsupportedService: {
		{name: "EC2 in an RCP", kind: policy.KindRCP, found: true, path: "Statement[0].Action",
			doc: doc(deny("ec2:RunInstances", "*", anyone))},
		{name: "S3 in an RCP", kind: policy.KindRCP, doc: doc(deny("s3:GetObject", "*", anyone))},
	},
	policy.CodeRCPAllow: {
		{name: "custom Allow in an RCP", kind: policy.KindRCP, found: true, path: "Statement[0].Effect",
			doc: doc(allow("s3:GetObject", "*", anyone, cond("StringEquals", "aws:PrincipalOrgID", "o-abc")))},
		{name: "RCPFullAWSAccess", kind: policy.KindRCP, doc: doc(allow("*", "*", anyone))},
	},
	policy.CodeRedundantAction: {
		{name: "action under a pattern", kind: policy.KindIdentity, found: true, path: "Statement[0].Action[1]",
			doc: doc(allow("s3:Get* | s3:GetObject", objects))},
		{name: "same action in other case", kind: policy.KindIdentity, found: true, path: "Statement[0].Action[1]",
			doc: doc(allow("s3:GetObject | S3:getobject", objects))},
		{name: "distinct actions", kind: policy.KindIdentity, doc: doc(allow("s3:GetObject | s3:GetObjectAcl", objects))},
	},
	policy.CodeResourceTypeMismatch: {
		{name: "object action on bucket ARN", kind: policy.KindIdentity, found: true, path: "Statement[0].Action",
			doc: doc(allow("s3:GetObject", bucketARN))},
		{name: "bucket action on object ARN", kind: policy.KindIdentity, found: true, path: "Statement[0].Action",
			doc: doc(allow("s3:ListBucket", objects))},
		{name: "access point object ARN without object", kind: policy.KindIdentity, found: true, path: "Statement[0].Action",
			doc: doc(allow("s3:GetObject", "arn:aws:s3:us-west-2:111122223333:accesspoint/ap/photos/*"))},
		{name: "action without resource type on an ARN", kind: policy.KindIdentity, found: true, path: "Statement[0].Action",
			doc: doc(allow("s3:ListAllMyBuckets", bucketARN))},
		{name: "Deny on the wrong type", kind: policy.KindIdentity, found: true, path: "Statement[0].Action[1]",
			doc: doc(deny("s3:GetObject | s3:DeleteBucket", objects))},
		{name: "object action on object ARN", kind: policy.KindIdentity, doc: doc(allow("s3:GetObject", objects))},
		{name: "access point object ARN", kind: policy.KindIdentity, doc: doc(allow("s3:GetObject", apObjects))},
		{name: "action without resource type on all of S3", kind: policy.KindIdentity, doc: doc(allow("s3:ListAllMyBuckets", "arn:aws:s3:::*"))},
		{name: "pattern with one fitting action", kind: policy.KindIdentity, doc: doc(allow("s3:Get*", bucketARN))},
		{name: "policy variable in the key", kind: policy.KindIdentity, doc: doc(allow("s3:GetObject", "arn:aws:s3:::b1/${aws:username}"))},
		{name: "log group name with slashes", kind: policy.KindIdentity,
			doc: doc(allow("logs:PutLogEvents", "arn:aws:logs:*:*:log-group:/aws/lambda/*"))},
	},
	policy.CodeWildcardResourceWrite: {
		{name: "write action on every resource", kind: policy.KindIdentity, found: true, path: "Statement[0].Action",
			doc: doc(allow("s3:PutObject", "*"))},
		{name: "all actions on every resource", kind: policy.KindInlineRole, found: true, path: "Statement[0].Action",
			doc: doc(allow("*", "*"))},
		{name: "read action on every resource", kind: policy.KindIdentity, doc: doc(allow("s3:GetObject", "*"))},
		{name: "write action with a condition", kind: policy.KindIdentity,
			doc: doc(allow("s3:PutObject", "*", cond("StringEquals", "aws:ResourceAccount", "111122223333")))},
		{name: "write action in a boundary", kind: policy.KindBoundary, doc: doc(allow("s3:PutObject", "*"))},
	},
	policy.CodeAllowWithNotAction: {
		{name: "Allow with NotAction", kind: policy.KindIdentity, found: true, path: "Statement[0].NotAction",
			doc: doc(`{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}`)},
		{name: "Deny with NotAction", kind: policy.KindIdentity, doc: doc(`{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}`)},
		{name: "Allow with NotAction in an SCP", kind: policy.KindSCP, doc: doc(`{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}`)},
	},
	policy.CodeAllowWithNotResource: {
		{name: "Allow with NotResource", kind: policy.KindIdentity, found: true, path: "Statement[0].NotResource",
			doc: doc(`{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secret/*"}`)},
		{name: "Deny with NotResource", kind: policy.KindIdentity,
			doc: doc(`{"Effect": "Deny", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::public/*"}`)},
	},
	policy.CodeRedundantResource: {
		{name: "prefix under a broader pattern", kind: policy.KindIdentity, found: true, path: "Statement[0].Resource[1]",
			doc: doc(allow("s3:GetObject", "arn:aws:s3:::b1/* | arn:aws:s3:::b1/home/*"))},
		{name: "same resource twice", kind: policy.KindIdentity, found: true, path: "Statement[0].Resource[1]",
			doc: doc(allow("s3:GetObject", "arn:aws:s3:::b1/* | arn:aws:s3:::b1/*"))},
		{name: "resources differ in case", kind: policy.KindIdentity,
			doc: doc(allow("s3:GetObject", "arn:aws:s3:::b1/a | arn:aws:s3:::b1/A"))},
		{name: "star covers question mark", kind: policy.KindIdentity, found: true, path: "Statement[0].Resource[0]",
			doc: doc(allow("s3:GetObject", "arn:aws:s3:::b1/a? | arn:aws:s3:::b1/a*"))},
		{name: "question mark and longer prefix overlap", kind: policy.KindIdentity,
			doc: doc(allow("s3:GetObject", "arn:aws:s3:::b1/a? | arn:aws:s3:::b1/ab*"))},
	},
	policy.CodeBucketPolicyForeignResource: {
		{name: "table in a bucket policy", kind: policy.KindBucket, found: true, path: "Statement[0].Resource",
			doc: doc(allow("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/t", anyone))},
		{name: "two buckets", kind: policy.KindBucket, found: true, path: "Statement[0].Resource[1]",
			doc: doc(allow("s3:GetObject", "arn:aws:s3:::b1/* | arn:aws:s3:::b2/*", anyone))},
		{name: "bucket and its objects", kind: policy.KindBucket,
			doc: doc(allow("s3:GetObject | s3:ListBucket", "arn:aws:s3:::b1 | arn:aws:s3:::b1/*", anyone))},
	},
	policy.CodeAccessPointPolicyForeignResource: {
		{name: "bucket ARN in access point policy", kind: policy.KindAccessPoint, found: true, path: "Statement[0].Resource",
			doc: doc(allow("s3:GetObject", objects, `"Principal": {"AWS": "111122223333"}`))},
		{name: "access point ARN", kind: policy.KindAccessPoint,
			doc: doc(allow("s3:GetObject", apObjects, `"Principal": {"AWS": "111122223333"}`))},
	},
	policy.CodeUnknownConditionKey: {
		{name: "misspelt global key", kind: policy.KindIdentity, found: true, path: "Statement[0].Condition.IpAddress.aws:SourceIpp",
			doc: doc(allow("s3:GetObject", objects, cond("IpAddress", "aws:SourceIpp", "203.0.113.0/24")))},
		{name: "misspelt service key", kind: policy.KindIdentity, found: true, path: "Statement[0].Condition.StringLike.s3:prefixx",
			doc: doc(allow("s3:ListBucket", bucketARN, cond("StringLike", "s3:prefixx", "home/*")))},
		{name: "key without prefix", kind: policy.KindIdentity, found: true, path: "Statement[0].Condition.StringEquals.SourceVpc",
			doc: doc(allow("s3:GetObject", objects, cond("StringEquals", "SourceVpc", "vpc-1")))},
		{name: "key in other case", kind: policy.KindIdentity,
			doc: doc(allow("s3:GetObject", objects, cond("IpAddress", "AWS:SOURCEIP", "203.0.113.0/24")))},
		{name: "OIDC provider key", kind: policy.KindResource,
			doc: doc(allow("sts:AssumeRoleWithWebIdentity", "*",
				`"Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC"}`,
				cond("StringEquals", "oidc.eks.us-east-1.amazonaws.com/id/ABC:sub", "system:serviceaccount:ns:sa")))},
	},
	policy.CodeConditionKeyServiceMismatch: {
		{name: "S3 key on an EC2 action", kind: policy.KindIdentity, found: true, path: "Statement[0].Condition.StringLike.s3:prefix",
			doc: doc(allow("ec2:RunInstances", "*", cond("StringLike", "s3:prefix", "home/*")))},
		{name: "S3 key on an S3 action", kind: policy.KindIdentity,
			doc: doc(allow("s3:ListBucket", bucketARN, cond("StringLike", "s3:prefix", "home/*")))},
		{name: "S3 key with every action", kind: policy.KindIdentity,
			doc: doc(deny("*", "*", cond("StringLike", "s3:prefix", "home/*")))},
	},
	policy.CodeOperatorTypeMismatch: {
		{name: "Numeric on a String key", kind: policy.KindIdentity, found: true, path: "Statement[0].Condition.NumericEquals.aws:SourceVpc",
			doc: doc(allow("s3:GetObject", objects, cond("NumericEquals", "aws:SourceVpc", "1")))},
		{name: "Date on a Bool key", kind: policy.KindIdentity, found: true,
			path: "Statement[0].Condition.DateGreaterThan.aws:SecureTransport",
			doc:  doc(allow("s3:GetObject", objects, cond("DateGreaterThan", "aws:SecureTransport", "2020-01-01")))},
		{name: "String on an IP key", kind: policy.KindIdentity, found: true, path: "Statement[0].Condition.StringEquals.aws:SourceIp",
			doc: doc(allow("s3:GetObject", objects, cond("StringEquals", "aws:SourceIp", "203.0.113.7")))},
		{name: "Numeric on aws:EpochTime", kind: policy.KindIdentity,
			doc: doc(allow("s3:GetObject", objects, cond("NumericLessThan", "aws:EpochTime", "1700000000")))},
		{name: "String on an ARN key", kind: policy.KindIdentity,
			doc: doc(allow("s3:GetObject", objects, cond("StringLike", "aws:SourceArn", "arn:aws:sns:*:111122223333:*")))},
		{name: "Arn on a String key holding ARNs", kind: policy.KindIdentity,
			doc: doc(allow("kms:Decrypt", "*", cond("ArnLike", "kms:EncryptionContext:aws:s3:arn", "arn:aws:s3:::b1/*")))},
	},
	policy.CodeForAllValuesSingleValuedKey: {
		{name: "ForAllValues on SourceVpc", kind: policy.KindIdentity, found: true,
			path: "Statement[0].Condition.ForAllValues:StringEquals.aws:SourceVpc",
			doc:  doc(allow("s3:GetObject", objects, cond("ForAllValues:StringEquals", "aws:SourceVpc", "vpc-1")))},
		{name: "ForAllValues on TagKeys", kind: policy.KindIdentity,
			doc: doc(allow("s3:PutObjectTagging", objects, cond("ForAllValues:StringEquals", "aws:TagKeys", "team")))},
	},
	policy.CodeForAnyValueSingleValuedKey: {
		{name: "ForAnyValue on SourceVpc", kind: policy.KindIdentity, found: true,
			path: "Statement[0].Condition.ForAnyValue:StringEquals.aws:SourceVpc",
			doc:  doc(allow("s3:GetObject", objects, cond("ForAnyValue:StringEquals", "aws:SourceVpc", "vpc-1")))},
		{name: "ForAnyValue on TagKeys", kind: policy.KindIdentity,
			doc: doc(allow("s3:PutObjectTagging", objects, cond("ForAnyValue:StringEquals", "aws:TagKeys", "team")))},
	},
	policy.CodeMissingSetQualifier: {
		{name: "bare operator on TagKeys", kind: policy.KindIdentity, found: true, path: "Statement[0].Condition.StringEquals.aws:TagKeys",
			doc: doc(allow("s3:PutObjectTagging", objects, cond("StringEquals", "aws:TagKeys", "team")))},
		{name: "qualified operator on TagKeys", kind: policy.KindIdentity,
			doc: doc(allow("s3:PutObjectTagging", objects, cond("ForAllValues:StringEquals", "aws:TagKeys", "team")))},
		{name: "Null on TagKeys", kind: policy.KindIdentity,
			doc: doc(allow("s3:PutObjectTagging", objects, cond("Null", "aws:TagKeys", "false")))},
	},
	policy.CodeRedundantIfExists: {
		{name: "negated operator", kind: policy.KindBucket, found: true, path: "Statement[0].Condition.StringNotEqualsIfExists",
			doc: doc(deny("s3:*", objects, anyone, cond("StringNotEqualsIfExists", "aws:SourceVpc", "vpc-1")))},
		{name: "ForAllValues", kind: policy.KindIdentity, found: true,
			path: "Statement[0].Condition.ForAllValues:StringEqualsIfExists",
			doc:  doc(allow("s3:PutObjectTagging", objects, cond("ForAllValues:StringEqualsIfExists", "aws:TagKeys", "team")))},
		{name: "key always present", kind: policy.KindIdentity, found: true, path: "Statement[0].Condition.BoolIfExists.aws:SecureTransport",
			doc: doc(deny("s3:*", objects, cond("BoolIfExists", "aws:SecureTransport", "false")))},
		{name: "positive operator on an optional key", kind: policy.KindIdentity,
			doc: doc(allow("s3:GetObject", objects, cond("StringEqualsIfExists", "aws:SourceVpc", "vpc-1")))},
	},
	policy.CodeWildcardWithoutLike: {
		{name: "star in StringEquals", kind: policy.KindIdentity, found: true, path: "Statement[0].Condition.StringEquals.aws:SourceVpc",
			doc: doc(allow("s3:GetObject", objects, cond("StringEquals", "aws:SourceVpc", "vpc-*")))},
		{name: "star in StringLike", kind: policy.KindIdentity,
			doc: doc(allow("s3:GetObject", objects, cond("StringLike", "aws:SourceVpc", "vpc-*")))},
		{name: "escaped star in StringEquals", kind: policy.KindIdentity,
			doc: doc(allow("s3:GetObject", objects, cond("StringEquals", "aws:PrincipalTag/team", "a${*}")))},
	},
	policy.CodeVariableNotSupported: {
		{name: "variable in Bool", kind: policy.KindIdentity, found: true, path: "Statement[0].Condition.Bool.aws:SecureTransport",
			doc: doc(allow("s3:GetObject", objects, cond("Bool", "aws:SecureTransport", "${aws:PrincipalTag/tls}")))},
		{name: "variable in StringEquals", kind: policy.KindIdentity,
			doc: doc(allow("s3:GetObject", objects, cond("StringEquals", "aws:ResourceTag/team", "${aws:PrincipalTag/team}")))},
	},
	policy.CodeInvalidNullValue: {
		{name: "Null with maybe", kind: policy.KindIdentity, built: builtNull("maybe"), found: true,
			path: "Statement[0].Condition.Null.aws:TokenIssueTime[0]"},
		{name: "Null with true", kind: policy.KindIdentity, built: builtNull("true")},
	},
	policy.CodeNullAlwaysTrue: {
		{name: "Null with true and false", kind: policy.KindIdentity, found: true, path: "Statement[0].Condition.Null.aws:TokenIssueTime",
			doc: doc(deny("s3:*", objects, cond("Null", "aws:TokenIssueTime", "true | false")))},
		{name: "Null with true", kind: policy.KindIdentity,
			doc: doc(deny("s3:*", objects, cond("Null", "aws:TokenIssueTime", "true")))},
	},
	policy.CodeIPHostBits: {
		{name: "host bits set", kind: policy.KindIdentity, found: true, path: "Statement[0].Condition.IpAddress.aws:SourceIp",
			doc: doc(allow("s3:GetObject", objects, cond("IpAddress", "aws:SourceIp", "203.0.113.7/24")))},
		{name: "clean range", kind: policy.KindIdentity,
			doc: doc(allow("s3:GetObject", objects, cond("IpAddress", "aws:SourceIp", "203.0.113.0/24")))},
	},
	policy.CodePrivateIPSource: {
		{name: "RFC 1918 range", kind: policy.KindIdentity, found: true, path: "Statement[0].Condition.IpAddress.aws:SourceIp[1]",
			doc: doc(allow("s3:GetObject", objects, cond("IpAddress", "aws:SourceIp", "203.0.113.0/24 | 10.0.0.0/16")))},
		{name: "public range", kind: policy.KindIdentity,
			doc: doc(allow("s3:GetObject", objects, cond("IpAddress", "aws:SourceIp", "203.0.113.0/24")))},
		{name: "private range on VpcSourceIp", kind: policy.KindIdentity,
			doc: doc(allow("s3:GetObject", objects, cond("IpAddress", "aws:VpcSourceIp", "10.0.0.0/16")))},
	},
	policy.CodeAmbiguousDate: {
		{name: "four digits", kind: policy.KindIdentity, found: true, path: "Statement[0].Condition.DateGreaterThan.aws:CurrentTime",
			doc: doc(allow("s3:GetObject", objects, cond("DateGreaterThan", "aws:CurrentTime", "2020")))},
		{name: "full date", kind: policy.KindIdentity,
			doc: doc(allow("s3:GetObject", objects, cond("DateGreaterThan", "aws:CurrentTime", "2020-01-01")))},
	},
	policy.CodeEpochDate: {
		{name: "epoch seconds on CurrentTime", kind: policy.KindIdentity, found: true,
			path: "Statement[0].Condition.DateLessThan.aws:CurrentTime",
			doc:  doc(allow("s3:GetObject", objects, cond("DateLessThan", "aws:CurrentTime", "1700000000")))},
		{name: "epoch seconds on EpochTime", kind: policy.KindIdentity,
			doc: doc(allow("s3:GetObject", objects, cond("DateLessThan", "aws:EpochTime", "1700000000")))},
	},
	policy.CodeDuplicateConditionKey: {
		{name: "key twice in different case", kind: policy.KindIdentity, found: true, path: "Statement[0].Condition.StringEquals.AWS:SourceVpc",
			built: builtStringEquals("aws:SourceVpc", "AWS:SourceVpc")},
		{name: "two keys", kind: policy.KindIdentity,
			doc: doc(allow("s3:GetObject", objects, `"Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1", "aws:SourceVpce": "vpce-2"}}`))},
	},
	policy.CodeDenyNeverApplies: {
		{name: "NotAction star", kind: policy.KindIdentity, found: true, path: "Statement[0].NotAction",
			doc: doc(`{"Effect": "Deny", "NotAction": "*", "Resource": "*"}`)},
		{name: "NotResource star", kind: policy.KindIdentity, found: true, path: "Statement[0].NotResource",
			doc: doc(`{"Effect": "Deny", "Action": "s3:*", "NotResource": "*"}`)},
		{name: "NotPrincipal star", kind: policy.KindBucket, found: true, path: "Statement[0].NotPrincipal",
			doc: doc(deny("s3:*", objects, `"NotPrincipal": "*"`))},
		{name: "Null true with a positive operator", kind: policy.KindIdentity, found: true,
			path: "Statement[0].Condition.StringEquals.aws:SourceVpc",
			doc:  doc(deny("s3:*", objects, `"Condition": {"Null": {"aws:SourceVpc": "true"}, "StringEquals": {"aws:SourceVpc": "vpc-1"}}`))},
		{name: "empty numeric range", kind: policy.KindIdentity, found: true,
			path: "Statement[0].Condition.NumericGreaterThan.s3:max-keys",
			doc: doc(deny("s3:ListBucket", bucketARN,
				`"Condition": {"NumericLessThan": {"s3:max-keys": "10"}, "NumericGreaterThan": {"s3:max-keys": "10"}}`))},
		{name: "key the actions never carry", kind: policy.KindIdentity, found: true, path: "Statement[0].Condition.StringLike.s3:prefix",
			doc: doc(deny("ec2:RunInstances", "*", cond("StringLike", "s3:prefix", "home/*")))},
		{name: "plain Deny", kind: policy.KindIdentity, doc: doc(deny("s3:*", objects))},
		{name: "Null true with a negated operator", kind: policy.KindIdentity,
			doc: doc(deny("s3:*", objects, `"Condition": {"Null": {"aws:SourceVpc": "true"}, "StringNotEquals": {"aws:SourceVpc": "vpc-1"}}`))},
		{name: "open numeric range", kind: policy.KindIdentity,
			doc: doc(deny("s3:ListBucket", bucketARN,
				`"Condition": {"NumericLessThan": {"s3:max-keys": "10"}, "NumericGreaterThanEquals": {"s3:max-keys": "9.5"}}`))},
		{name: "numeric equality inside the range", kind: policy.KindIdentity,
			doc: doc(deny("s3:ListBucket", bucketARN,
				`"Condition": {"NumericEquals": {"s3:max-keys": ["3", "20"]}, "NumericGreaterThan": {"s3:max-keys": "10"}}`))},
	},
	policy.CodeAllowNeverApplies: {
		{name: "numeric equality outside the range", kind: policy.KindIdentity, found: true,
			path: "Statement[0].Condition.NumericLessThan.s3:max-keys",
			doc: doc(allow("s3:ListBucket", bucketARN,
				`"Condition": {"NumericEquals": {"s3:max-keys": "20"}, "NumericLessThan": {"s3:max-keys": "10"}}`))},
		{name: "plain Allow", kind: policy.KindIdentity, doc: doc(allow("s3:GetObject", objects))},
	},
	policy.CodeRedundantStatement: {
		{name: "narrower statement", kind: policy.KindIdentity, found: true, path: "Statement[0]",
			doc: doc(allow("s3:GetObject", "arn:aws:s3:::b1/home/*"), allow("s3:Get*", objects))},
		{name: "equal statements report the later", kind: policy.KindIdentity, found: true, path: "Statement[1]",
			doc: doc(allow("s3:GetObject", objects), allow("s3:GetObject", objects))},
		{name: "broader statement has a condition", kind: policy.KindIdentity,
			doc: doc(allow("s3:GetObject", "arn:aws:s3:::b1/home/*"), allow("s3:Get*", objects, cond("Bool", "aws:SecureTransport", "true")))},
		{name: "other effect", kind: policy.KindIdentity,
			doc: doc(allow("s3:GetObject", "arn:aws:s3:::b1/home/*"), deny("s3:Get*", objects))},
		{name: "other principal", kind: policy.KindBucket,
			doc: doc(allow("s3:GetObject", objects, `"Principal": {"AWS": "111122223333"}`),
				allow("s3:GetObject", objects, `"Principal": {"AWS": "444455556666"}`))},
	},
	policy.CodePublicStatement: {
		{name: "anyone may read", kind: policy.KindBucket, found: true, path: "Statement[0]",
			doc: doc(allow("s3:GetObject", objects, anyone))},
		{name: "one account may read", kind: policy.KindBucket,
			doc: doc(allow("s3:GetObject", objects, `"Principal": {"AWS": "111122223333"}`))},
		{name: "anyone in a resource policy of another service", kind: policy.KindResource,
			doc: doc(allow("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q", anyone))},
	},
}

// largePolicy returns an identity policy with n distinct actions and pad
// extra spaces of white space.
func largePolicy(n, pad int) string {
	var actions []string
	for i := range n {
		actions = append(actions, fmt.Sprintf("s3:GetObject%d", i))
	}
	return `{"Version": "2012-10-17",` + strings.Repeat(" ", pad) + `"Statement": [` +
		allow(strings.Join(actions, " | "), objects) + `]}`
}

// largeBucketPolicy returns a bucket policy granting n accounts.
func largeBucketPolicy(n int) string {
	var accounts []string
	for i := range n {
		accounts = append(accounts, fmt.Sprintf("%012d", 100000000000+i))
	}
	return doc(allow("s3:GetObject", objects, `"Principal": {"AWS": `+quoteList(strings.Join(accounts, " | "))+`}`))
}

func TestValidateChecks(t *testing.T) {
	for code, cases := range validateCases {
		info, ok := code.Info()
		require.True(t, ok, "code %s", code)
		for _, tc := range cases {
			t.Run(string(code)+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				p := tc.built
				if p == nil {
					var err error
					p, err = policy.ParseString(tc.doc)
					require.NoError(t, err, tc.doc)
				}
				findings := policy.Validate(p, tc.kind)
				i := slices.IndexFunc(findings, func(f policy.Finding) bool { return f.Code == code })
				if !tc.found {
					assert.Negative(t, i, "unexpected finding: %v", findingAt(findings, i))
					return
				}
				require.GreaterOrEqual(t, i, 0, "no %s finding among %v", code, findings)
				f := findings[i]
				want := tc.severity
				if want == 0 {
					want = info.Severity
				}
				assert.Equal(t, want, f.Severity)
				if tc.path != "-" {
					assert.Equal(t, tc.path, f.Path)
				}
				assert.NotEmpty(t, f.Message)
				if tc.built == nil {
					assert.True(t, f.Position.IsValid(), "position of %v", f)
				}
			})
		}
	}
}

func findingAt(findings []policy.Finding, i int) any {
	if i < 0 {
		return nil
	}
	return findings[i]
}

// TestValidateCodesCovered checks that every code has a case that finds
// it and a case that does not.
func TestValidateCodesCovered(t *testing.T) {
	for _, info := range policy.Codes() {
		cases := validateCases[info.Code]
		assert.True(t, slices.ContainsFunc(cases, func(c validateCase) bool { return c.found }), "no positive case for %s", info.Code)
		assert.True(t, slices.ContainsFunc(cases, func(c validateCase) bool { return !c.found }), "no negative case for %s", info.Code)
	}
	assert.Len(t, validateCases, len(policy.Codes()))
}

// TestCodesDocumented checks that the table in the documentation of Code
// lists every code with its severity, in the order of Codes.
func TestCodesDocumented(t *testing.T) {
	src, err := os.ReadFile("finding_codes.go")
	require.NoError(t, err)
	row := regexp.MustCompile(`(?m)^//\t([a-z0-9-]+)\s+([ESWG])\s+\S`)
	letters := map[policy.Severity]string{
		policy.SeverityError: "E", policy.SeveritySecurityWarning: "S", policy.SeverityWarning: "W", policy.SeveritySuggestion: "G",
	}
	type entry struct{ Code, Severity string }
	var documented, want []entry
	for _, m := range row.FindAllStringSubmatch(string(src), -1) {
		documented = append(documented, entry{m[1], m[2]})
	}
	for _, info := range policy.Codes() {
		want = append(want, entry{string(info.Code), letters[info.Severity]})
		assert.NotEmpty(t, info.Summary)
	}
	if diff := cmp.Diff(want, documented); diff != "" {
		t.Errorf("documented codes (-want +got):\n%s", diff)
	}
}

func TestValidateSortedByPosition(t *testing.T) {
	p := policy.MustParse(`{
  "Statement": [
    {"Sid": "", "Effect": "Allow", "Action": ["s3:GetObjects", "s3:GetObject"], "Resource": "arn:aws:s3:::b1"},
    {"Sid": "Read", "Effect": "Allow", "Principal": "*", "Action": "s4:Get", "Resource": "*"}
  ]
}`)
	type brief struct {
		Line, Column int
		Code         policy.Code
	}
	var got []brief
	for _, f := range policy.Validate(p, policy.KindIdentity) {
		got = append(got, brief{f.Position.Line, f.Position.Column, f.Code})
	}
	want := []brief{
		{1, 1, policy.CodeMissingVersion},
		{3, 13, policy.CodeEmptySid},
		{3, 47, policy.CodeUnknownAction},
		{3, 64, policy.CodeResourceTypeMismatch},
		{4, 53, policy.CodePrincipalNotAllowed},
		{4, 68, policy.CodeUnknownService},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestValidateSingleStatementPath(t *testing.T) {
	p := policy.MustParse(`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObjects", "Resource": "*"}}`)
	findings := policy.Validate(p, policy.KindIdentity)
	require.Len(t, findings, 1)
	assert.Equal(t, "Statement.Action", findings[0].Path)
}

func TestValidateCleanPolicies(t *testing.T) {
	tests := []struct {
		name string
		kind policy.Kind
		doc  string
	}{
		{"bucket policy for an account", policy.KindBucket, doc(
			allow("s3:GetObject | s3:PutObject", objects, `"Sid": "Objects"`, `"Principal": {"AWS": "arn:aws:iam::111122223333:root"}`),
			allow("s3:ListBucket", bucketARN, `"Sid": "Listing"`, `"Principal": {"AWS": "arn:aws:iam::111122223333:root"}`,
				cond("StringLike", "s3:prefix", "home/${aws:username}/*")),
		)},
		{"deny plain HTTP", policy.KindBucket, doc(
			deny("s3:*", "arn:aws:s3:::b1 | arn:aws:s3:::b1/*", anyone, cond("Bool", "aws:SecureTransport", "false")),
		)},
		{"access point policy", policy.KindAccessPoint, doc(
			allow("s3:GetObject", "arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/Jane/*",
				`"Principal": {"AWS": "arn:aws:iam::111122223333:user/Jane"}`),
		)},
		{"SCP denying regions", policy.KindSCP, doc(
			`{"Sid": "DenyOtherRegions", "Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*", ` +
				cond("StringNotEquals", "aws:RequestedRegion", "eu-west-1 | eu-central-1") + `}`,
		)},
		{"session policy", policy.KindSession, doc(allow("dynamodb:GetItem | dynamodb:Query", "arn:aws:dynamodb:us-east-1:111122223333:table/t"))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := policy.ParseString(tc.doc)
			require.NoError(t, err)
			assert.Empty(t, policy.Validate(p, tc.kind))
		})
	}
}

func TestValidateInvalidKindPanics(t *testing.T) {
	p := policy.MustParse(doc(allow("s3:GetObject", objects)))
	assert.Panics(t, func() { policy.Validate(p, 0) })
}

func TestParseKind(t *testing.T) {
	for k := policy.KindIdentity; k.IsValid(); k++ {
		got, err := policy.ParseKind(k.String())
		require.NoError(t, err)
		assert.Equal(t, k, got)
	}
	_, err := policy.ParseKind("Bucket")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"Bucket"`)
}

func TestFindingString(t *testing.T) {
	f := policy.Finding{
		Severity: policy.SeverityError, Code: policy.CodeUnknownAction, Message: "s3 has no action \"Frob\"",
		Path: "Statement[0].Action", Position: policy.Position{Offset: 40, Line: 3, Column: 7},
	}
	assert.Equal(t, `3:7: error unknown-action: Statement[0].Action: s3 has no action "Frob"`, f.String())
	assert.Equal(t, "Severity(9)", policy.Severity(9).String())
	assert.Equal(t, "Kind(0)", policy.Kind(0).String())
}

func ExampleValidate() {
	p, err := policy.ParseString(`{
  "Statement": [{
    "Sid": "ReadPhotos",
    "Effect": "Allow",
    "Action": ["s3:GetObject", "s3:ListBucket"],
    "Resource": "arn:aws:s3:::example-bucket/photos/*"
  }]
}`)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range policy.Validate(p, policy.KindIdentity) {
		fmt.Printf("%d:%d %s %s\n", f.Position.Line, f.Position.Column, f.Severity, f.Code)
	}
	// Output:
	// 1:1 warning missing-version
	// 5:32 error resource-type-mismatch
}
