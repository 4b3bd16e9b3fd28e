// Package evaluator decides, offline, what AWS would decide for a request:
// Allow, ExplicitDeny or ImplicitDeny, with the statements that applied and,
// on request, an explanation down to the element that did not match.
//
// New builds an Evaluator once from a PolicySet of parsed policies:
// identity-based policies, a resource-based policy such as an S3 bucket
// policy, an S3 access point policy and its settings, a permissions
// boundary, a session policy, SCPs and RCPs. The Evaluator then decides
// any number of requests with Evaluate, from any number of goroutines. ParseScenario
// reads a request and its policies from one JSON document.
//
// # Combining the policies
//
// The evaluator follows the AWS policy evaluation logic:
//
//   - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
//   - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
//   - https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_evaluation.html
//   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html
//
// A statement applies to a request when its Action (or NotAction), its
// Resource (or NotResource), its Principal (or NotPrincipal, in
// resource-based policies) and its Condition all match. Statements are
// order-independent, and every statement that applies is reported.
//
// An applicable Deny in any policy that takes part makes the decision
// ExplicitDeny, and nothing overrides it, with one exception. The root user
// of the account that owns a bucket may always read, change and delete the
// bucket policy, whatever the bucket policy denies, although SCPs and RCPs
// still apply.
//
// Otherwise each level of the organization's SCPs and RCPs must have an
// applicable Allow. SCPs restrict principals of member accounts, except
// service-linked roles, anonymous callers and service principals. RCPs
// restrict every request. A level without an Allow gives ImplicitDeny with
// reason "scp" or "rcp". No levels at all means the account is not in an
// organization.
//
// Then the grants are combined:
//
//   - Identity side: some identity-based policy allows the request, and the
//     permissions boundary and the session policy, when present, allow it
//     too. The root user needs no identity-based policy. A federated user
//     (GetFederationToken) without a session policy has no identity
//     permissions.
//   - Resource side: an Allow statement of the resource-based policy names
//     the caller. How it names the caller matters. Naming everyone ("*"),
//     the IAM user, the exact role session or the federated user grants on
//     its own. Naming the role of a role session, or the IAM user behind a
//     federated user, grants only if the boundary and session policy allow
//     too. Naming the caller's account delegates to the account: its
//     identity-based policies must allow the request.
//   - When the caller and the resource belong to the same account, either
//     side allows the request. Across accounts both must, so a grant to the
//     caller's account in the resource policy plus an identity-based Allow
//     is enough, but neither alone. When the owner of the resource is not
//     known, the request is treated as cross-account.
//   - Anonymous callers and service principals have no identity side: the
//     resource-based policy must name them (everyone, or the service).
//
// Anything else is ImplicitDeny, with a Reason naming what was missing.
//
// # Requests through an S3 access point
//
// A request whose resource is an access point ARN (.../accesspoint/NAME or
// .../accesspoint/NAME/object/KEY) goes through the access point described
// by PolicySet.AccessPoint. The access point first refuses, with
// ImplicitDeny, operations it does not support, unsigned requests,
// requests whose aws:SecureTransport is false, and, for a VPC access
// point, requests whose aws:SourceVpc is not its VPC. Otherwise two gates
// must both allow the request: the access point policy evaluated against
// the access point ARN (owned by the access point's account), and the
// bucket policy evaluated against the bucket ARN of the same bucket or
// object (owned by the bucket's account). Identity-based policies,
// boundaries, session policies, SCPs and RCPs are evaluated in each gate
// against that gate's ARN. A Deny in either gate denies the request. The
// keys s3:DataAccessPointArn, s3:DataAccessPointAccount and
// s3:AccessPointNetworkOrigin are set in both gates, so a bucket policy can
// delegate access control to the access points of an account.
//
// # Choices where AWS documentation is silent or unclear
//
// The evaluator resolves undocumented cases so that an unknown never grants
// access and never lifts a denial:
//
//   - A condition test that cannot be decided, such as a bare operator on a
//     key with several values, is indeterminate (see package condition).
//     An indeterminate Condition element makes an Allow statement not
//     apply and a Deny statement apply. The same holds for a Resource
//     pattern such as arn:aws:s3:::* against an action that has no
//     resource type (s3:ListAllMyBuckets), which AWS documentation
//     describes both ways.
//   - NotPrincipal with Allow never grants. NotPrincipal with Deny leaves a
//     caller out only if every level of its identity is listed (its
//     account, then the role of a role session or the IAM user behind a
//     federated user, then its own ARN), and never when the caller has a
//     permissions boundary.
//   - Both gates of an access point request must allow it, and
//     identity-based policies must allow each gate's form of the ARN.
//   - SCPs are skipped only for sessions of a role whose path, known from
//     the session issuer, is /aws-service-role/. RCPs apply to every
//     request.
//
// # Condition keys derived from the caller
//
// Evaluate adds aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType,
// aws:username, aws:userid, aws:PrincipalIsAWSService and
// aws:PrincipalServiceName from the request's principal when some policy
// refers to them and the request context does not have them; see
// Evaluator.Evaluate for the values. Keys that need data an ARN does not
// carry, such as the unique ID of an IAM user, are left to the caller.
//
// AWS sets these keys itself, so a caller cannot claim another user's name,
// another account or another role through the request context. A context
// may repeat a key the evaluator can derive, but only with the derived
// value, and may not set a key AWS leaves out for the caller, such as
// aws:username for a role session. Nor may it set s3:DataAccessPointArn,
// s3:DataAccessPointAccount or s3:AccessPointNetworkOrigin, which only the
// evaluator sets, for requests through an access point. Evaluate rejects
// a request that breaks this rule for a key that some policy refers to as
// invalid, naming the key, the value given and the one derived.
// Request.Context lists the rules key by key.
//
// # Limits
//
// Principal values that a request cannot be matched against, namely IAM
// unique IDs, Federated identity providers and S3 canonical user IDs, never
// match. S3 ACLs, Block Public Access settings and VPC endpoint policies are
// not evaluated. A Result lists at most MaxMatches statements.
//
// # Performance
//
// New compiles every action pattern, resource pattern, principal and
// condition. It groups the patterns of each Action element by service, so
// a statement listing thousands of actions is matched by comparing the
// few of the request's service. It indexes the statements of each policy
// by action name: one lookup of the lower-cased action finds, for every
// policy, the statements that name it, those with a wildcard for its
// service (such as s3:Get*), and those using "*" or NotAction, which are
// visited for every request. Long lists are also keyed by the literal text
// their Resource patterns start with. A Resource pattern whose first five
// parts are plain text is matched as that text and the rest of the
// pattern, rather than part by part. A condition on an access point key
// without policy variables is decided when the evaluator is built, for
// direct requests and for requests through the access point, because only
// the evaluator sets those keys.
//
// Evaluate does not allocate, also for an object through an access point,
// whose bucket ARN it builds in a buffer on its stack. The exception is a
// bucket ARN of more than 1,152 bytes, longer than that of any S3 object
// (a key has at most 1,024 bytes), which costs one allocation. Explain
// allocates and visits every statement.
// It is meant for debugging and tools, not for the request path.
package evaluator
