package evaluator_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

// loadManaged parses AWS managed policies from testdata/managed. The files
// come from iann0036/iam-dataset (MIT license), except AdministratorAccess
// and PowerUserAccess, which are written out from their documented
// content.
func loadManaged(t *testing.T, names string) []*policy.Policy {
	t.Helper()
	var out []*policy.Policy
	for _, name := range strings.Split(names, "+") {
		data, err := os.ReadFile(filepath.Join("testdata", "managed", name+".json"))
		require.NoError(t, err)
		p, err := policy.Parse(data)
		require.NoError(t, err, name)
		out = append(out, p)
	}
	return out
}

func TestManagedPolicies(t *testing.T) {
	const (
		object = "arn:aws:s3:::b1/reports/q4.pdf"
		bucket = "arn:aws:s3:::b1"
		root   = "arn:aws:iam::111122223333:root"
		role   = "arn:aws:sts::111122223333:assumed-role/Ops/s1"
		lambda = "arn:aws:s3-object-lambda:us-west-2:111122223333:accesspoint/ol"
	)
	tests := []struct {
		policies  string // file names joined by "+", attached together
		principal string
		action    string
		resource  string
		want      evaluator.Decision
	}{
		{"AmazonS3ReadOnlyAccess", alice, "s3:GetObject", object, evaluator.Allow},
		{"AmazonS3ReadOnlyAccess", alice, "s3:ListBucket", bucket, evaluator.Allow},
		{"AmazonS3ReadOnlyAccess", alice, "s3:ListAllMyBuckets", "*", evaluator.Allow},
		{"AmazonS3ReadOnlyAccess", alice, "S3:getobject", object, evaluator.Allow},
		{"AmazonS3ReadOnlyAccess", alice, "s3:PutObject", object, evaluator.ImplicitDeny},
		{"AmazonS3ReadOnlyAccess", alice, "s3:DeleteBucket", bucket, evaluator.ImplicitDeny},
		{"AmazonS3ReadOnlyAccess", alice, "ec2:DescribeInstances", "*", evaluator.ImplicitDeny},
		{"AmazonS3ReadOnlyAccess", alice, "s3-object-lambda:GetObject", lambda, evaluator.Allow},
		{"AmazonS3FullAccess", alice, "s3:PutObject", object, evaluator.Allow},
		{"AmazonS3FullAccess", alice, "s3:DeleteBucket", bucket, evaluator.Allow},
		{"AmazonS3FullAccess", alice, "iam:CreateUser", "arn:aws:iam::111122223333:user/eve", evaluator.ImplicitDeny},
		{"AdministratorAccess", alice, "iam:CreateUser", "arn:aws:iam::111122223333:user/eve", evaluator.Allow},
		{"AdministratorAccess", role, "ec2:RunInstances", "arn:aws:ec2:us-west-2:111122223333:instance/*", evaluator.Allow},
		{"PowerUserAccess", alice, "ec2:RunInstances", "arn:aws:ec2:us-west-2:111122223333:instance/*", evaluator.Allow},
		{"PowerUserAccess", alice, "s3:PutObject", object, evaluator.Allow},
		{"PowerUserAccess", alice, "iam:CreateUser", "arn:aws:iam::111122223333:user/eve", evaluator.ImplicitDeny},
		{"PowerUserAccess", alice, "iam:ListRoles", "*", evaluator.Allow},
		{"PowerUserAccess", alice, "iam:CreateServiceLinkedRole", "arn:aws:iam::111122223333:role/aws-service-role/x", evaluator.Allow},
		{"PowerUserAccess", alice, "organizations:DescribeOrganization", "*", evaluator.Allow},
		{"PowerUserAccess", alice, "organizations:CreateAccount", "*", evaluator.ImplicitDeny},
		{"PowerUserAccess", alice, "account:ListRegions", "*", evaluator.Allow},
		{"PowerUserAccess", alice, "account:CloseAccount", "*", evaluator.ImplicitDeny},
		{"IAMReadOnlyAccess", alice, "iam:GetRole", "arn:aws:iam::111122223333:role/Ops", evaluator.Allow},
		{"IAMReadOnlyAccess", alice, "iam:DeleteRole", "arn:aws:iam::111122223333:role/Ops", evaluator.ImplicitDeny},
		{"AdministratorAccess+AWSDenyAll", alice, "s3:GetObject", object, evaluator.ExplicitDeny},
		{"PowerUserAccess+AWSCompromisedKeyQuarantineV2", alice, "ec2:RunInstances", "arn:aws:ec2:us-west-2:111122223333:instance/*", evaluator.ExplicitDeny},
		{"PowerUserAccess+AWSCompromisedKeyQuarantineV2", alice, "s3:GetObject", object, evaluator.ExplicitDeny},
		{"PowerUserAccess+AWSCompromisedKeyQuarantineV2", alice, "s3:PutObject", object, evaluator.Allow},
		{"AdministratorAccess+S3UnlockBucketPolicy", alice, "s3:GetObject", object, evaluator.ExplicitDeny},
		{"AdministratorAccess+S3UnlockBucketPolicy", alice, "s3:PutBucketPolicy", bucket, evaluator.ExplicitDeny},
		{"AdministratorAccess+S3UnlockBucketPolicy", root, "s3:PutBucketPolicy", bucket, evaluator.Allow},
		{"AdministratorAccess+S3UnlockBucketPolicy", role, "s3:ListAllMyBuckets", "*", evaluator.ExplicitDeny},
		{"AdministratorAccess+IAMAuditRootUserCredentials", root, "iam:ListAccessKeys", root, evaluator.Allow},
		{"AdministratorAccess+IAMAuditRootUserCredentials", root, "iam:ListAccessKeys", alice, evaluator.ExplicitDeny},
		{"AdministratorAccess+IAMAuditRootUserCredentials", root, "iam:DeleteAccessKey", root, evaluator.ExplicitDeny},
	}
	for _, tc := range tests {
		t.Run(tc.policies+"/"+tc.action+"/"+tc.principal, func(t *testing.T) {
			ev := mustNew(t, evaluator.PolicySet{Identity: loadManaged(t, tc.policies)})
			req := newRequest(t, tc.principal, tc.action, tc.resource, accountA, nil)
			res := ev.Evaluate(req)
			assert.Equal(t, tc.want, res.Decision, "%s", ev.Explain(req))
		})
	}
}
