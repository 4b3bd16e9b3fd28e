package evaluator_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

const testingAccessPoint = "arn:aws:s3:us-east-1:111122223333:accesspoint/reports"

func testingSet() evaluator.PolicySet {
	return evaluator.PolicySet{
		Resource: policy.MustParse(exampleBucketPolicy),
		AccessPointPolicy: policy.MustParse(`{"Version": "2012-10-17", "Statement": [{
		  "Sid": "AliceReads", "Effect": "Allow",
		  "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
		  "Action": "s3:GetObject", "Resource": "` + testingAccessPoint + `/object/reports/*"}]}`),
		AccessPoint: &evaluator.AccessPoint{
			ARN: testingAccessPoint, Bucket: "examplebucket", BucketAccount: "111122223333",
			NetworkOrigin: evaluator.OriginInternet,
		},
	}
}

func TestDecide(t *testing.T) {
	tests := []struct {
		name     string
		resource string
		tls      string
		want     evaluator.Decision
	}{
		{"bucket over TLS", builderObject, "true", evaluator.Allow},
		{"bucket over plain HTTP", builderObject, "false", evaluator.ExplicitDeny},
		{"access point over TLS", testingAccessPoint + "/object/reports/q4.pdf", "true", evaluator.Allow},
		{"access point outside its prefix", testingAccessPoint + "/object/private/a.txt", "true", evaluator.ImplicitDeny},
		{"access point over plain HTTP", testingAccessPoint + "/object/reports/q4.pdf", "false", evaluator.ImplicitDeny},
	}
	set := testingSet()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			req := evaluator.MustNewRequest(builderUser, "s3:GetObject", tc.resource).
				WithResourceAccount("111122223333").
				WithKey("aws:SecureTransport", tc.tls)
			got, err := evaluator.Decide(set, req)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestDecideErrors(t *testing.T) {
	valid := evaluator.MustNewRequest(builderUser, "s3:GetObject", builderObject)
	tests := []struct {
		name    string
		set     evaluator.PolicySet
		req     *evaluator.Request
		wantErr error
	}{
		{"identity policy names a principal",
			evaluator.PolicySet{Identity: []*policy.Policy{policy.MustParse(exampleBucketPolicy)}},
			valid, evaluator.ErrInvalidPolicy},
		{"nil policy", evaluator.PolicySet{Identity: []*policy.Policy{nil}}, valid, evaluator.ErrInvalidPolicy},
		{"malformed access point",
			evaluator.PolicySet{AccessPoint: &evaluator.AccessPoint{ARN: testingAccessPoint}},
			valid, evaluator.ErrInvalidAccessPoint},
		{"nil request", testingSet(), nil, evaluator.ErrInvalidRequest},
		{"zero principal", testingSet(), &evaluator.Request{Action: "s3:GetObject", Resource: builderObject},
			evaluator.ErrInvalidRequest},
		{"malformed resource account", testingSet(), valid.WithResourceAccount("me"), evaluator.ErrInvalidRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := evaluator.Decide(tc.set, tc.req)
			assert.ErrorIs(t, err, tc.wantErr)
			assert.Equal(t, evaluator.ImplicitDeny, got)
		})
	}
}

func TestExpectMatches(t *testing.T) {
	ev := evaluator.MustNew(testingSet())
	base := evaluator.MustNewRequest(builderUser, "s3:GetObject", builderObject).WithResourceAccount("111122223333")
	assert.NoError(t, ev.Expect(base.WithKey("aws:SecureTransport", "true"), evaluator.Allow))
	assert.NoError(t, ev.Expect(base.WithKey("aws:SecureTransport", "false"), evaluator.ExplicitDeny))
	// Owned by another account, the bucket policy alone does not grant.
	assert.NoError(t, ev.Expect(base.WithResourceAccount("444455556666"), evaluator.ImplicitDeny))
	other := evaluator.MustNewRequest("arn:aws:iam::111122223333:user/bob", "s3:GetObject", builderObject)
	assert.NoError(t, ev.Expect(other, evaluator.ImplicitDeny))
}

func TestExpectMismatch(t *testing.T) {
	ev := evaluator.MustNew(testingSet())
	tests := []struct {
		name      string
		req       *evaluator.Request
		want      evaluator.Decision
		wantGot   evaluator.Decision
		wantLines []string
	}{
		{
			name:    "explicit deny expected allow",
			req:     evaluator.MustNewRequest(builderUser, "s3:GetObject", builderObject).WithKey("aws:SecureTransport", "false"),
			want:    evaluator.Allow,
			wantGot: evaluator.ExplicitDeny,
			wantLines: []string{
				"evaluator: " + builderUser + " s3:GetObject " + builderObject + ": decision ExplicitDeny, want Allow",
				"request gate, resource " + builderObject,
				"  resource: denied",
				`    Statement[0] "DenyInsecureTransport" Deny: applied`,
				`    Statement[1] "ReadReports" Allow: applied`,
			},
		},
		{
			name:    "implicit deny expected allow",
			req:     evaluator.MustNewRequest(builderUser, "s3:PutObject", builderObject),
			want:    evaluator.Allow,
			wantGot: evaluator.ImplicitDeny,
			wantLines: []string{
				"evaluator: " + builderUser + " s3:PutObject " + builderObject + ": decision ImplicitDeny (no-allow), want Allow",
				"request gate, resource " + builderObject,
				"  resource: did not apply",
				`    Statement[0] "DenyInsecureTransport" Deny: Condition did not match: Bool on "aws:SecureTransport" is false: the key is absent from the request, policy values ["false"]`,
				`    Statement[1] "ReadReports" Allow: Action did not match: action "s3:PutObject" matches none of ["s3:GetObject"]`,
			},
		},
		{
			name: "access point rejection",
			req: evaluator.MustNewRequest(builderUser, "s3:GetObject", testingAccessPoint+"/object/reports/q4.pdf").
				WithKey("aws:SecureTransport", "false"),
			want:    evaluator.Allow,
			wantGot: evaluator.ImplicitDeny,
			wantLines: []string{
				"evaluator: " + builderUser + " s3:GetObject " + testingAccessPoint + "/object/reports/q4.pdf" +
					": decision ImplicitDeny (insecure-transport), want Allow",
				"rejected: access points accept HTTPS requests only, and aws:SecureTransport is not true",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := ev.Expect(tc.req, tc.want)
			var de *evaluator.DecisionError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, tc.want, de.Want)
			assert.Equal(t, tc.wantGot, de.Explanation.Result.Decision)
			assert.Same(t, tc.req, de.Request)
			assert.Equal(t, tc.wantLines, strings.Split(err.Error(), "\n"))
		})
	}
}

func TestExpectInvalidRequest(t *testing.T) {
	ev := evaluator.MustNew(testingSet())
	invalid := evaluator.MustNewRequest(builderUser, "s3:GetObject", builderObject).WithResourceAccount("12")
	for _, want := range []evaluator.Decision{evaluator.ImplicitDeny, evaluator.Allow, evaluator.ExplicitDeny} {
		t.Run(want.String(), func(t *testing.T) {
			err := ev.Expect(invalid, want)
			assert.ErrorIs(t, err, evaluator.ErrInvalidRequest)
			var de *evaluator.DecisionError
			assert.NotErrorAs(t, err, &de)
		})
	}
	assert.ErrorIs(t, ev.Expect(nil, evaluator.ImplicitDeny), evaluator.ErrInvalidRequest)
}
