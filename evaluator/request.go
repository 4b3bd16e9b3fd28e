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
	// matter.
	Action string

	// Resource is the ARN of the target, or "*" for an action that has no
	// resource, such as s3:ListAllMyBuckets. For a request through an S3
	// access point it is the access point ARN, with "/object/KEY" for an
	// object.
	Resource string

	// ResourceAccount is the account that owns the resource. When it
	// differs from the caller's account the request is cross-account. When
	// empty, the account of the Resource ARN is used. A resource without
	// one, such as an S3 bucket, is then treated as owned by another
	// account, which applies the stricter cross-account checks.
	ResourceAccount string

	// Context holds the request's condition keys. Nil means none. The
	// evaluator never changes it.
	Context *condition.Context
}

// check validates the parts of r that Evaluate relies on, except the
// resource, which setRequest checks as it parses it.
func (r *Request) check() error {
	switch {
	case !r.Principal.IsValid():
		return fmt.Errorf("evaluator: %w: no principal (use ParsePrincipal)", ErrInvalidRequest)
	case !isAction(r.Action):
		return fmt.Errorf("evaluator: %w: action %q is not service:name without wildcards", ErrInvalidRequest, r.Action)
	case r.ResourceAccount != "" && !policy.IsAccountID(r.ResourceAccount):
		return fmt.Errorf("evaluator: %w: resource account %q is not 12 digits", ErrInvalidRequest, r.ResourceAccount)
	}
	return nil
}

// checkResource reports whether the resource of r is "*" or an ARN.
func (r *Request) checkResource() error {
	if r.Resource == "*" || arn.IsARN(r.Resource) {
		return nil
	}
	return fmt.Errorf("evaluator: %w: resource %q is neither \"*\" nor an ARN", ErrInvalidRequest, r.Resource)
}

// isAction reports whether s is a plain action name, "service:Name",
// without wildcards.
func isAction(s string) bool {
	colon := -1
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ':':
			if colon < 0 {
				colon = i
			}
		case '*', '?':
			return false
		}
	}
	return colon > 0 && colon < len(s)-1
}

// owner returns the account that owns the request's resource, or "" when
// it is not known.
func (r *Request) owner() string {
	if r.ResourceAccount != "" || r.Resource == "*" {
		return r.ResourceAccount
	}
	resource, err := arn.Parse(r.Resource)
	if err == nil && policy.IsAccountID(resource.Account) {
		return resource.Account
	}
	return ""
}
