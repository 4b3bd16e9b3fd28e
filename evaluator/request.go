package evaluator

import (
	"errors"
	"fmt"

	"github.com/iameval/iameval/arn"
	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/policy"
)

// ErrInvalidRequest is returned, wrapped, in Result.Err for a request that
// cannot be evaluated, such as one without a principal or with a resource
// that is not an ARN.
var ErrInvalidRequest = errors.New("invalid request")

var errNilRequest = fmt.Errorf("evaluator: %w: nil request", ErrInvalidRequest)

// Request is one call to AWS, in the terms policies are written in.
type Request struct {
	// Principal is the caller, from ParsePrincipal.
	Principal Principal

	// Action is the IAM action, such as "s3:GetObject". Case does not
	// matter. The service holds ASCII letters, digits and '-', and the
	// name ASCII letters and digits only, as AWS action names do.
	Action string

	// Resource is the ARN of the target, or "*" for an action that has no
	// resource, such as s3:ListAllMyBuckets. For a request through an S3
	// access point it is the access point ARN, with "/object/KEY" for an
	// object. An ARN must be valid UTF-8, and its partition, service,
	// region and account lower-case ASCII letters, digits and '-', as AWS
	// writes them.
	Resource string

	// ResourceAccount is the account that owns the resource. When it
	// differs from the caller's account the request is cross-account. When
	// empty, the account of the Resource ARN is used. A resource without
	// one, such as an S3 bucket, is then treated as owned by another
	// account, which applies the stricter cross-account checks.
	ResourceAccount string

	// Context holds the request's condition keys. Nil means none. The
	// evaluator never changes it.
	//
	// AWS sets the keys that describe the caller itself, so a context
	// cannot claim another identity. A context that breaks one of these
	// rules makes the request invalid, and Result.Err wraps
	// ErrInvalidRequest:
	//
	//   - A key that Evaluate derives from Principal (see
	//     Evaluator.Evaluate) holds exactly one value, the derived one.
	//   - A key that AWS leaves out for the caller is absent: aws:username
	//     except for an IAM user, aws:PrincipalServiceName except for a
	//     service principal, and aws:PrincipalArn and
	//     aws:PrincipalIsAWSService for an anonymous caller.
	//   - For a role session whose issuer is not known, aws:PrincipalArn
	//     may also be the role's ARN with its path, and that value is
	//     used.
	//   - A role session's aws:userid ends with ":" and the session name.
	//   - s3:DataAccessPointArn, s3:DataAccessPointAccount and
	//     s3:AccessPointNetworkOrigin are absent, because only the
	//     evaluator sets them.
	//
	// Other values, such as the aws:userid of an IAM user, are taken as
	// given. Evaluate checks only the keys that some policy of the Evaluator
	// refers to, because no other key can change a decision.
	Context *condition.Context
}

// check validates the parts of r that Evaluate relies on, except the
// resource, which setRequest checks as it parses it.
func (r *Request) check() error {
	switch {
	case !r.Principal.IsValid():
		return fmt.Errorf("evaluator: %w: no principal (use ParsePrincipal)", ErrInvalidRequest)
	case !isAction(r.Action):
		return fmt.Errorf("evaluator: %w: action %q is not service:Name, with a service of ASCII letters, digits and '-' and a name of ASCII letters and digits", ErrInvalidRequest, r.Action)
	case r.ResourceAccount != "" && !policy.IsAccountID(r.ResourceAccount):
		return fmt.Errorf("evaluator: %w: resource account %q is not 12 digits", ErrInvalidRequest, r.ResourceAccount)
	}
	return nil
}

// checkResource reports whether the resource of r is "*" or an ARN that
// isResource accepts.
func (r *Request) checkResource() error {
	if r.Resource == "*" {
		return nil
	}
	a, err := arn.Parse(r.Resource)
	if err != nil {
		return fmt.Errorf("evaluator: %w: resource %q is neither \"*\" nor an ARN", ErrInvalidRequest, r.Resource)
	}
	if !isResource(a, r.Resource) {
		return fmt.Errorf("evaluator: %w: resource %q is not UTF-8 text with a partition, service, region and account of lower-case ASCII letters, digits and '-'",
			ErrInvalidRequest, r.Resource)
	}
	return nil
}
