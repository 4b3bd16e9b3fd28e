package policy_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/policy"
)

// publicCase is one case of testdata/public: a bucket or access point
// policy and whether S3 Block Public Access counts it as public. Cases
// with model set check a choice the package makes where AWS documentation
// is silent: only Allow statements and only positive operators count.
type publicCase struct {
	ID     string          `json:"id"`
	Title  string          `json:"title"`
	Kind   string          `json:"kind"`
	Origin string          `json:"origin"`
	Public bool            `json:"public"`
	Model  bool            `json:"model"`
	Policy json.RawMessage `json:"policy"`
}

func TestIsPublicVectors(t *testing.T) {
	files, err := filepath.Glob("testdata/public/*.json")
	require.NoError(t, err)
	require.Len(t, files, 2)

	total := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		var cases []publicCase
		require.NoError(t, json.Unmarshal(data, &cases))
		total += len(cases)

		for _, tc := range cases {
			t.Run(tc.ID+" "+tc.Title, func(t *testing.T) {
				t.Parallel()
				p, err := policy.Parse(tc.Policy)
				require.NoError(t, err)
				kind, err := policy.ParseKind(tc.Kind)
				require.NoError(t, err)
				origin := policy.OriginInternet
				if tc.Origin == "vpc" {
					origin = policy.OriginVPC
				}

				got, err := policy.IsPublic(p, kind, origin)
				require.NoError(t, err)
				assert.Equal(t, tc.Public, got.Public, "model rule: %v", tc.Model)
				assert.Equal(t, tc.Public, len(got.Statements) > 0, "statements: %+v", got.Statements)
			})
		}
	}
	assert.Equal(t, 18, total)
}

func TestIsPublic(t *testing.T) {
	tests := []struct {
		name       string
		kind       policy.Kind
		conditions string // the Condition element of an Allow to Principal "*"
		principal  string
		effect     string
		public     bool
	}{
		{name: "no condition", public: true},
		{name: "fixed SourceVpce", conditions: `{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}`},
		{name: "fixed SourceArn with ArnEquals", conditions: `{"ArnEquals": {"aws:SourceArn": "arn:aws:cloudfront::111122223333:distribution/E1"}}`},
		{name: "wildcard SourceArn with ArnLike", conditions: `{"ArnLike": {"aws:SourceArn": "arn:aws:cloudfront::111122223333:distribution/*"}}`, public: true},
		{name: "fixed PrincipalOrgID", conditions: `{"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}`},
		{name: "fixed key ignoring case", conditions: `{"StringEqualsIgnoreCase": {"AWS:SOURCEVPC": "vpc-1"}}`},
		{name: "StringLike without wildcard", conditions: `{"StringLike": {"aws:SourceAccount": "111122223333"}}`},
		{name: "StringLike with wildcard", conditions: `{"StringLike": {"aws:SourceVpc": "vpc-*"}}`, public: true},
		{name: "IfExists does not restrict", conditions: `{"StringEqualsIfExists": {"aws:SourceVpc": "vpc-1"}}`, public: true},
		{name: "set qualifier does not restrict", conditions: `{"ForAnyValue:StringEquals": {"aws:SourceVpc": "vpc-1"}}`, public: true},
		{name: "key outside the list", conditions: `{"StringEquals": {"aws:PrincipalAccount": "111122223333"}}`, public: true},
		{name: "one restricting key among others", conditions: `{"StringEquals": {"aws:SourceVpc": "vpc-1"}, "Bool": {"aws:SecureTransport": "true"}}`},
		{name: "SourceIp bare address", conditions: `{"IpAddress": {"aws:SourceIp": "203.0.113.7"}}`},
		{name: "SourceIp one wide range among narrow", conditions: `{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "0.0.0.0/0"]}}`, public: true},
		{name: "SourceIp with NotIpAddress", conditions: `{"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}`, public: true},
		{name: "userid fixed", conditions: `{"StringEquals": {"aws:userid": "AIDAEXAMPLE"}}`},
		{name: "userid role wildcard", conditions: `{"StringLike": {"aws:userid": "AROAEXAMPLE:*"}}`, public: true},
		{name: "DataAccessPointArn any account", conditions: `{"StringLike": {"s3:DataAccessPointArn": "arn:aws:s3:us-west-2:*:accesspoint/*"}}`, public: true},
		{name: "DataAccessPointArn name prefix", conditions: `{"StringLike": {"s3:DataAccessPointArn": "arn:aws:s3:us-west-2:111122223333:accesspoint/x*"}}`, public: true},
		{name: "access point DataAccessPointAccount", kind: policy.KindAccessPoint, conditions: `{"StringEquals": {"s3:DataAccessPointAccount": "111122223333"}}`},
		{name: "service principal", principal: `{"Service": "logging.s3.amazonaws.com"}`},
		{name: "canonical user", principal: `{"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}`},
		{name: "SAML provider is fixed", principal: `{"Federated": "arn:aws:iam::111122223333:saml-provider/corp"}`},
		{name: "AWS wildcard among accounts", principal: `{"AWS": ["111122223333", "*"]}`, public: true},
		{name: "NotPrincipal with Allow", principal: "not", public: true},
		{name: "Deny NotPrincipal", principal: "not", effect: "Deny"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			kind, resource := policy.KindBucket, "arn:aws:s3:::b1/*"
			if tc.kind == policy.KindAccessPoint {
				kind, resource = tc.kind, "arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/*"
			}
			principal := `"Principal": "*"`
			switch tc.principal {
			case "":
			case "not":
				principal = `"NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}`
			default:
				principal = `"Principal": ` + tc.principal
			}
			effect := "Allow"
			if tc.effect != "" {
				effect = tc.effect
			}
			condition := ""
			if tc.conditions != "" {
				condition = `, "Condition": ` + tc.conditions
			}
			doc := fmt.Sprintf(`{"Version": "2012-10-17", "Statement": [{"Effect": %q, %s, "Action": "s3:GetObject", "Resource": %q%s}]}`,
				effect, principal, resource, condition)
			p, err := policy.ParseString(doc)
			require.NoError(t, err, doc)

			got, err := policy.IsPublic(p, kind, policy.OriginInternet)
			require.NoError(t, err)
			assert.Equal(t, tc.public, got.Public, doc)
		})
	}
}

func TestIsPublicStatements(t *testing.T) {
	p := policy.MustParse(`{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Owner", "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "arn:aws:s3:::b1/*"},
    {"Sid": "Anyone", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/*"},
    {"Sid": "Facebook", "Effect": "Allow", "Principal": {"Federated": "graph.facebook.com"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/*"}
  ]
}`)
	got, err := policy.IsPublic(p, policy.KindBucket, policy.OriginInternet)
	require.NoError(t, err)

	type brief struct {
		Index int
		Sid   string
		Path  string
		Line  int
	}
	var gotBrief []brief
	for _, s := range got.Statements {
		gotBrief = append(gotBrief, brief{s.Index, s.Sid, s.Path, s.Position.Line})
		assert.NotEmpty(t, s.Reason)
	}
	want := []brief{{1, "Anyone", "Statement[1]", 5}, {2, "Facebook", "Statement[2]", 6}}
	if diff := cmp.Diff(want, gotBrief); diff != "" {
		t.Errorf("public statements (-want +got):\n%s", diff)
	}
}

func TestIsPublicKinds(t *testing.T) {
	p := policy.MustParse(`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`)
	tests := []struct {
		name   string
		kind   policy.Kind
		origin policy.NetworkOrigin
	}{
		{"identity policy", policy.KindIdentity, policy.OriginInternet},
		{"generic resource policy", policy.KindResource, policy.OriginInternet},
		{"bucket with VPC origin", policy.KindBucket, policy.OriginVPC},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := policy.IsPublic(p, tc.kind, tc.origin)
			require.ErrorIs(t, err, policy.ErrNotS3Policy)
		})
	}
}

func ExampleIsPublic() {
	p := policy.MustParse(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "FromOurVPC",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::example-bucket/*",
      "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1a2b3c4d"}}
    },
    {
      "Sid": "Website",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::example-bucket/site/*"
    }
  ]
}`)
	res, err := policy.IsPublic(p, policy.KindBucket, policy.OriginInternet)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("public:", res.Public)
	for _, s := range res.Statements {
		fmt.Printf("%s (%s) at %v\n", s.Path, s.Sid, s.Position)
	}
	// Output:
	// public: true
	// Statement[1] (Website) at line 12, column 5
}
