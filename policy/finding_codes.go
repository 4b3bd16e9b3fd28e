package policy

// Code identifies one check of Validate. The codes below are stable: a
// check keeps its code across releases, and a code is never reused for a
// different check. Severities are E (error), S (security warning), W
// (warning) and G (suggestion).
//
//	Code                                 Sev  Reports
//	missing-version                      W    no Version element (E in an RCP, which requires one)
//	legacy-version                       G    Version 2008-10-17, which turns off policy variables
//	variable-needs-version-2012          E    a ${...} policy variable in a policy that is not Version 2012-10-17
//	id-in-identity-policy                W    an Id element in an identity-based policy
//	policy-too-large                     E    a document over the AWS size quota for its kind
//	no-statements                        W    an empty Statement array
//	duplicate-sid                        W    two statements with the same Sid (E in an SCP or RCP)
//	invalid-sid                          E    a Sid with characters other than A-Z, a-z and 0-9 where IAM rules apply
//	empty-sid                            G    a Sid that is the empty string
//	principal-not-allowed                E    Principal or NotPrincipal in a policy kind that does not take it
//	missing-principal                    E    a statement without Principal in a resource-based policy
//	allow-with-not-principal             S    NotPrincipal with Allow, which AWS does not support
//	invalid-principal                    E    a principal value that is not an account, ARN, service or provider
//	principal-unique-id                  W    a principal given by IAM unique ID instead of ARN
//	rcp-principal-not-wildcard           E    an RCP statement whose Principal is not "*"
//	invalid-account-id                   E    an account ID that is not 12 digits
//	invalid-arn                          E    an ARN with an unknown partition or an upper-case service
//	unknown-arn-service                  E    an ARN whose service no AWS resource type uses
//	arn-account-not-allowed              E    an account in an ARN of a service whose ARNs have none
//	arn-region-not-allowed               E    a Region in an ARN of a service whose ARNs have none
//	unknown-service                      E    an action whose service prefix AWS does not define
//	unknown-action                       E    an action, or action pattern, that names no action of its service
//	rcp-unsupported-service              E    an RCP action of a service that RCPs do not cover
//	rcp-allow                            E    an Allow statement in an RCP other than RCPFullAWSAccess
//	redundant-action                     G    an action that another action of the same statement covers
//	resource-type-mismatch               E    an action that no Resource of its statement can match
//	wildcard-resource-write              S    write or permissions actions allowed on Resource "*"
//	allow-with-not-action                S    Allow with NotAction, which allows every other action
//	allow-with-not-resource              S    Allow with NotResource, which allows every other resource
//	redundant-resource                   G    a resource that another resource of the same statement covers
//	bucket-policy-foreign-resource       E    a bucket policy resource outside a single S3 bucket
//	access-point-policy-foreign-resource E    an access point policy resource that is not an access point ARN
//	unknown-condition-key                E    a condition key that neither AWS nor the service defines
//	condition-key-service-mismatch       W    a service condition key that none of the statement's actions has
//	operator-type-mismatch               W    an operator whose type does not fit the key's type
//	forallvalues-single-valued-key       S    ForAllValues on a single-valued key
//	foranyvalue-single-valued-key        W    ForAnyValue on a single-valued key
//	missing-set-qualifier                E    a multivalued key used without ForAllValues or ForAnyValue
//	redundant-ifexists                   G    IfExists where it changes nothing
//	wildcard-without-like                W    '*' or '?' in a value of an Equals operator, where it is literal
//	variable-not-supported               W    a policy variable in a value that AWS does not substitute
//	invalid-null-value                   E    a Null value other than true or false
//	null-always-true                     W    Null listing both true and false
//	ip-host-bits                         G    an IP range with bits set after the prefix length
//	private-ip-source                    W    a private IP range tested against aws:SourceIp
//	ambiguous-date                       W    a four-digit date value, read as a year or as epoch seconds
//	epoch-date                           G    a date value in epoch seconds
//	duplicate-condition-key              E    one key written twice under an operator, in different case (Parse rejects it)
//	deny-never-applies                   S    a Deny statement that can never match a request
//	allow-never-applies                  W    an Allow statement that can never match a request
//	redundant-statement                  W    a statement that another statement of the same effect covers
//	public-statement                     S    a bucket or access point statement that S3 counts as public
//
// Codes returns the same table as data, with a full sentence per check.
type Code string

// The codes, in the order of the table in the documentation of Code.
const (
	CodeMissingVersion                   Code = "missing-version"
	CodeLegacyVersion                    Code = "legacy-version"
	CodeVariableNeedsVersion2012         Code = "variable-needs-version-2012"
	CodeIDInIdentityPolicy               Code = "id-in-identity-policy"
	CodePolicyTooLarge                   Code = "policy-too-large"
	CodeNoStatements                     Code = "no-statements"
	CodeDuplicateSid                     Code = "duplicate-sid"
	CodeInvalidSid                       Code = "invalid-sid"
	CodeEmptySid                         Code = "empty-sid"
	CodePrincipalNotAllowed              Code = "principal-not-allowed"
	CodeMissingPrincipal                 Code = "missing-principal"
	CodeAllowWithNotPrincipal            Code = "allow-with-not-principal"
	CodeInvalidPrincipal                 Code = "invalid-principal"
	CodePrincipalUniqueID                Code = "principal-unique-id"
	CodeRCPPrincipalNotWildcard          Code = "rcp-principal-not-wildcard"
	CodeInvalidAccountID                 Code = "invalid-account-id"
	CodeInvalidARN                       Code = "invalid-arn"
	CodeUnknownARNService                Code = "unknown-arn-service"
	CodeARNAccountNotAllowed             Code = "arn-account-not-allowed"
	CodeARNRegionNotAllowed              Code = "arn-region-not-allowed"
	CodeUnknownService                   Code = "unknown-service"
	CodeUnknownAction                    Code = "unknown-action"
	CodeRCPUnsupportedService            Code = "rcp-unsupported-service"
	CodeRCPAllow                         Code = "rcp-allow"
	CodeRedundantAction                  Code = "redundant-action"
	CodeResourceTypeMismatch             Code = "resource-type-mismatch"
	CodeWildcardResourceWrite            Code = "wildcard-resource-write"
	CodeAllowWithNotAction               Code = "allow-with-not-action"
	CodeAllowWithNotResource             Code = "allow-with-not-resource"
	CodeRedundantResource                Code = "redundant-resource"
	CodeBucketPolicyForeignResource      Code = "bucket-policy-foreign-resource"
	CodeAccessPointPolicyForeignResource Code = "access-point-policy-foreign-resource"
	CodeUnknownConditionKey              Code = "unknown-condition-key"
	CodeConditionKeyServiceMismatch      Code = "condition-key-service-mismatch"
	CodeOperatorTypeMismatch             Code = "operator-type-mismatch"
	CodeForAllValuesSingleValuedKey      Code = "forallvalues-single-valued-key"
	CodeForAnyValueSingleValuedKey       Code = "foranyvalue-single-valued-key"
	CodeMissingSetQualifier              Code = "missing-set-qualifier"
	CodeRedundantIfExists                Code = "redundant-ifexists"
	CodeWildcardWithoutLike              Code = "wildcard-without-like"
	CodeVariableNotSupported             Code = "variable-not-supported"
	CodeInvalidNullValue                 Code = "invalid-null-value"
	CodeNullAlwaysTrue                   Code = "null-always-true"
	CodeIPHostBits                       Code = "ip-host-bits"
	CodePrivateIPSource                  Code = "private-ip-source"
	CodeAmbiguousDate                    Code = "ambiguous-date"
	CodeEpochDate                        Code = "epoch-date"
	CodeDuplicateConditionKey            Code = "duplicate-condition-key"
	CodeDenyNeverApplies                 Code = "deny-never-applies"
	CodeAllowNeverApplies                Code = "allow-never-applies"
	CodeRedundantStatement               Code = "redundant-statement"
	CodePublicStatement                  Code = "public-statement"
)

var codeTable = [...]CodeInfo{
	{CodeMissingVersion, SeverityWarning,
		"The document has no Version element, so AWS reads it in the 2008-10-17 language, in which policy variables are literal text; an RCP without Version is an error."},
	{CodeLegacyVersion, SeveritySuggestion,
		"The document uses Version 2008-10-17, in which policy variables are literal text."},
	{CodeVariableNeedsVersion2012, SeverityError,
		"A Resource or condition value holds ${...}, which only Version 2012-10-17 substitutes."},
	{CodeIDInIdentityPolicy, SeverityWarning,
		"An identity-based policy has an Id element, which AWS documents for resource-based policies only."},
	{CodePolicyTooLarge, SeverityError,
		"The document is larger than the AWS quota for its kind, counted as AWS counts it."},
	{CodeNoStatements, SeverityWarning,
		"The Statement array is empty, so the policy allows and denies nothing."},
	{CodeDuplicateSid, SeverityWarning,
		"Two statements have the same Sid; it is an error in SCPs and RCPs."},
	{CodeInvalidSid, SeverityError,
		"A Sid holds characters other than A-Z, a-z and 0-9 in a policy kind that follows the IAM rules."},
	{CodeEmptySid, SeveritySuggestion,
		"A Sid is the empty string; give it a name or remove it."},
	{CodePrincipalNotAllowed, SeverityError,
		"Principal or NotPrincipal appears in an identity-based policy, permissions boundary, session policy or SCP, or NotPrincipal in an RCP."},
	{CodeMissingPrincipal, SeverityError,
		"A statement of a resource-based policy or RCP has neither Principal nor NotPrincipal."},
	{CodeAllowWithNotPrincipal, SeveritySecurityWarning,
		"A statement combines Allow with NotPrincipal, which AWS does not support and which can grant anonymous access."},
	{CodeInvalidPrincipal, SeverityError,
		"A principal is not \"*\", an account ID, an IAM or STS ARN, a service principal name or an identity provider."},
	{CodePrincipalUniqueID, SeverityWarning,
		"A principal is an IAM unique ID such as AIDA..., which stops matching when the user or role is re-created."},
	{CodeRCPPrincipalNotWildcard, SeverityError,
		"An RCP statement names a principal other than \"*\"; RCPs restrict principals with conditions."},
	{CodeInvalidAccountID, SeverityError,
		"An account ID in a principal, a Resource ARN or an account condition key is not exactly 12 digits."},
	{CodeInvalidARN, SeverityError,
		"An ARN has a partition AWS does not define or a service part that is not lower case."},
	{CodeUnknownARNService, SeverityError,
		"The service part of a Resource ARN is not used by any AWS resource type."},
	{CodeARNAccountNotAllowed, SeverityError,
		"A Resource ARN gives an account for a service whose ARNs never have one, such as an S3 bucket."},
	{CodeARNRegionNotAllowed, SeverityError,
		"A Resource ARN gives a Region for a service whose ARNs never have one, such as IAM."},
	{CodeUnknownService, SeverityError,
		"An action's service prefix is not an AWS service."},
	{CodeUnknownAction, SeverityError,
		"An action names no action of its service, or an action pattern matches none."},
	{CodeRCPUnsupportedService, SeverityError,
		"An RCP names an action of a service that resource control policies do not cover."},
	{CodeRCPAllow, SeverityError,
		"An RCP has an Allow statement; AWS supports Allow only in the RCPFullAWSAccess policy."},
	{CodeRedundantAction, SeveritySuggestion,
		"An action is covered by another action of the same statement."},
	{CodeResourceTypeMismatch, SeverityError,
		"No Resource of the statement can be a resource of the types the action acts on, such as an object action on a bucket ARN."},
	{CodeWildcardResourceWrite, SeveritySecurityWarning,
		"An identity policy allows write, permissions or tagging actions on Resource \"*\" without a condition."},
	{CodeAllowWithNotAction, SeveritySecurityWarning,
		"A statement combines Allow with NotAction, which allows every action not listed, in every service."},
	{CodeAllowWithNotResource, SeveritySecurityWarning,
		"A statement combines Allow with NotResource, which allows every resource not listed."},
	{CodeRedundantResource, SeveritySuggestion,
		"A resource is covered by another resource of the same statement."},
	{CodeBucketPolicyForeignResource, SeverityError,
		"A bucket policy names a resource that is not the bucket or its objects: another service, an access point or another bucket."},
	{CodeAccessPointPolicyForeignResource, SeverityError,
		"An access point policy names a resource that is not an access point or an object through one."},
	{CodeUnknownConditionKey, SeverityError,
		"A condition key is neither a global key nor a key of the service its prefix names."},
	{CodeConditionKeyServiceMismatch, SeverityWarning,
		"A service condition key belongs to no service of the statement's actions, so requests never carry it."},
	{CodeOperatorTypeMismatch, SeverityWarning,
		"The operator compares a type the key does not have, such as a Numeric operator on a String key."},
	{CodeForAllValuesSingleValuedKey, SeveritySecurityWarning,
		"ForAllValues is used with a single-valued key, which makes the condition true when the key is absent."},
	{CodeForAnyValueSingleValuedKey, SeverityWarning,
		"ForAnyValue is used with a single-valued key; the plain operator says the same more clearly."},
	{CodeMissingSetQualifier, SeverityError,
		"A multivalued key is tested without ForAllValues or ForAnyValue."},
	{CodeRedundantIfExists, SeveritySuggestion,
		"IfExists changes nothing: the operator is negated, qualified with ForAllValues, or the key is always present."},
	{CodeWildcardWithoutLike, SeverityWarning,
		"A value of an Equals operator holds '*' or '?', which only the Like operators treat as wildcards."},
	{CodeVariableNotSupported, SeverityWarning,
		"A value of a Numeric, Date, Bool, Binary, IpAddress or Null operator holds ${...}, which AWS does not substitute there."},
	{CodeInvalidNullValue, SeverityError,
		"A Null operator has a value other than true or false."},
	{CodeNullAlwaysTrue, SeverityWarning,
		"A Null operator lists both true and false, so it is always true."},
	{CodeIPHostBits, SeveritySuggestion,
		"An IP range has bits set after its prefix length, which AWS ignores."},
	{CodePrivateIPSource, SeverityWarning,
		"aws:SourceIp is compared with a private, loopback or link-local range, which public requests never come from."},
	{CodeAmbiguousDate, SeverityWarning,
		"A date value of exactly four digits reads both as a year and as epoch seconds."},
	{CodeEpochDate, SeveritySuggestion,
		"A date value is in epoch seconds; an ISO 8601 date is easier to check."},
	{CodeDuplicateConditionKey, SeverityError,
		"One operator lists the same condition key twice, spelt in different case."},
	{CodeDenyNeverApplies, SeveritySecurityWarning,
		"A Deny statement can never match a request, so it denies nothing."},
	{CodeAllowNeverApplies, SeverityWarning,
		"An Allow statement can never match a request, so it allows nothing."},
	{CodeRedundantStatement, SeverityWarning,
		"Another statement with the same effect covers every request this statement matches."},
	{CodePublicStatement, SeveritySecurityWarning,
		"A bucket or access point policy statement grants access that S3 Block Public Access counts as public."},
}
