package evaluator

import (
	"fmt"
	"io"
	"os"

	"github.com/iameval/iameval/policy"
)

// NewRequest returns the request of principal to perform action on
// resource, with an empty context. principal takes the forms that
// ParsePrincipal accepts, without a session issuer. action is a plain
// action name such as "s3:GetObject", and resource is an ARN or "*".
//
// The error wraps ErrInvalidPrincipal for a principal that cannot be
// parsed. It wraps ErrInvalidRequest for an action that is not
// service:Name, with a service of ASCII letters, digits and '-' and a name
// of ASCII letters and digits. It also wraps ErrInvalidRequest for a
// resource that is neither "*" nor a UTF-8 ARN whose partition, service,
// region and account are lower-case ASCII letters, digits and '-'.
// Evaluate accepts the request that NewRequest returns, unless a later
// change such as a malformed ResourceAccount makes it invalid.
//
// To give a role session its role's path, replace the Principal field with
// the result of ParsePrincipal called with the session issuer.
func NewRequest(principal, action, resource string) (*Request, error) {
	p, err := ParsePrincipal(principal, "")
	if err != nil {
		return nil, err
	}
	r := &Request{Principal: p, Action: action, Resource: resource}
	if err := r.check(); err != nil {
		return nil, err
	}
	if err := r.checkResource(); err != nil {
		return nil, err
	}
	return r, nil
}

// MustNewRequest is like NewRequest but panics on an error. It is meant
// for tests and package-level variables with constant text.
func MustNewRequest(principal, action, resource string) *Request {
	r, err := NewRequest(principal, action, resource)
	if err != nil {
		panic(err)
	}
	return r
}

// WithKey returns a copy of r whose context sets the condition key key,
// named in any case, to values. These hide any values the context of r
// has for the key, and no values make the key absent. Neither r nor its
// context is changed, so parallel tests can share a base request and each
// add their own keys.
//
// The copy's context is a layer on top of r.Context (see
// condition.Context.With), which keeps key and the values slice without
// copying them. Each call adds one layer that lookups walk, so a request
// with dozens of keys is better given a context from condition.NewContext.
func (r *Request) WithKey(key string, values ...string) *Request {
	out := *r
	out.Context = r.Context.With(key, values...)
	return &out
}

// WithResourceAccount returns a copy of r whose ResourceAccount is
// account, the 12-digit ID of the account that owns the resource. An S3
// bucket ARN names no account, so without it a request on a bucket or
// object is treated as cross-account. An account that is not 12 digits
// makes the request invalid when it is evaluated.
func (r *Request) WithResourceAccount(account string) *Request {
	out := *r
	out.ResourceAccount = account
	return &out
}

// MustNew is like New but panics on an error. It is meant for tests and
// package-level variables built from fixed policies.
func MustNew(set PolicySet) *Evaluator {
	e, err := New(set)
	if err != nil {
		panic(err)
	}
	return e
}

// LoadPolicyFile reads the policy document in the file name and parses it
// with policy.Parse. Its error names the file. When the document does not
// parse, the error wraps the *policy.ParseError, which gives the JSON path
// and the line and column of the offending element. A file larger than
// policy.DefaultMaxBytes is rejected, without being read whole, with an
// error wrapping policy.ErrTooLarge.
func LoadPolicyFile(name string) (*policy.Policy, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("evaluator: %w", err)
	}
	defer f.Close()

	data, err := io.ReadAll(io.LimitReader(f, policy.DefaultMaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("evaluator: read policy file %s: %w", name, err)
	}
	if len(data) > policy.DefaultMaxBytes {
		return nil, fmt.Errorf("evaluator: policy file %s is larger than %d bytes: %w",
			name, policy.DefaultMaxBytes, policy.ErrTooLarge)
	}
	p, err := policy.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("evaluator: policy file %s: %w", name, err)
	}
	return p, nil
}
