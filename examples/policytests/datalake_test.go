package policytests_test

import (
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

// The data lake: one bucket in the data platform account, reached directly
// or through one access point per team.
const (
	account = "111122223333"
	region  = "us-east-1"
	bucket  = "acme-datalake"
)

// caller is an identity that the policies must allow or deny.
type caller struct {
	arn      string
	identity []string          // identity-based policy files in policies/
	tags     map[string]string // IAM principal tags, seen as aws:PrincipalTag/KEY
}

var (
	analytics      = caller{arn: "arn:aws:sts::111122223333:assumed-role/analytics/nightly-report"}
	ingest         = caller{arn: "arn:aws:sts::111122223333:assumed-role/ingest/kinesis-firehose"}
	financeAnalyst = caller{
		arn:  "arn:aws:sts::111122223333:assumed-role/finance-analyst/jdoe",
		tags: map[string]string{"team": "finance"},
	}
	marketingPerson = caller{
		arn:      "arn:aws:sts::111122223333:assumed-role/marketing-analyst/asmith",
		identity: []string{"marketing-analyst-identity.json"},
		tags:     map[string]string{"team": "marketing"},
	}
	untaggedMarketer = caller{
		arn:      "arn:aws:sts::111122223333:assumed-role/marketing-analyst/newhire",
		identity: []string{"marketing-analyst-identity.json"},
	}
	auditor = caller{
		arn:      "arn:aws:iam::111122223333:user/security-auditor",
		identity: []string{"security-auditor-identity.json"},
		tags:     map[string]string{"clearance": "restricted"},
	}
	platformAdmin = caller{
		arn:      "arn:aws:sts::111122223333:assumed-role/data-platform-admin/oncall",
		identity: []string{"platform-admin-identity.json"},
	}
	partner = caller{
		arn:      "arn:aws:sts::444455556666:assumed-role/partner-reader/sync",
		identity: []string{"partner-reader-identity.json"},
	}
	stranger = caller{arn: "anonymous"}
)

// route is the way a request reaches the bucket.
type route struct {
	accessPoint string // access point name, "" for the bucket itself
	policyFile  string // the access point's policy in policies/
}

var (
	direct       = route{}
	viaFinance   = route{accessPoint: "finance", policyFile: "finance-access-point.json"}
	viaMarketing = route{accessPoint: "marketing", policyFile: "marketing-access-point.json"}
)

// resource returns the ARN a request for key takes on this route: the
// bucket or object ARN, or the access point ARN with "/object/KEY". An
// empty key names the bucket, as ListObjectsV2 does.
func (r route) resource(key string) string {
	if r.accessPoint == "" {
		if key == "" {
			return "arn:aws:s3:::" + bucket
		}
		return "arn:aws:s3:::" + bucket + "/" + key
	}
	ap := r.accessPointARN()
	if key == "" {
		return ap
	}
	return ap + "/object/" + key
}

func (r route) accessPointARN() string {
	return "arn:aws:s3:" + region + ":" + account + ":accesspoint/" + r.accessPoint
}

// The actions the data lake's callers use.
const (
	read   = "s3:GetObject"
	write  = "s3:PutObject"
	remove = "s3:DeleteObject"
	list   = "s3:ListBucket"
)

// tags builds the keys S3 sets for a request, such as object tags.
func tags(pairs ...string) map[string][]string {
	out := map[string][]string{}
	for i := 0; i+1 < len(pairs); i += 2 {
		out[pairs[i]] = []string{pairs[i+1]}
	}
	return out
}

func TestDataLakeAccess(t *testing.T) {
	policies := loadPolicies(t)
	plainHTTP := tags("aws:SecureTransport", "false")
	restricted := tags("s3:ExistingObjectTag/classification", "restricted")

	tests := []struct {
		name    string
		caller  caller
		action  string
		key     string
		via     route
		context map[string][]string // added to aws:SecureTransport=true
		want    evaluator.Decision
	}{
		// Analytics reads and lists curated data, and nothing else.
		{"analytics reads curated", analytics, read, "curated/sales.parquet", direct, nil, evaluator.Allow},
		{"analytics over plain HTTP", analytics, read, "curated/sales.parquet",
			direct, plainHTTP, evaluator.ExplicitDeny},
		{"analytics reads raw", analytics, read, "raw/clicks.json", direct, nil, evaluator.ImplicitDeny},
		{"analytics writes curated", analytics, write, "curated/sales.parquet", direct, nil, evaluator.ImplicitDeny},
		{"analytics lists curated prefix", analytics, list, "",
			direct, tags("s3:prefix", "curated/sales/"), evaluator.Allow},
		{"analytics lists raw prefix", analytics, list, "",
			direct, tags("s3:prefix", "raw/"), evaluator.ImplicitDeny},
		{"analytics lists without prefix", analytics, list, "", direct, nil, evaluator.ImplicitDeny},
		{"analytics reads restricted object", analytics, read, "curated/hr/pay.csv",
			direct, restricted, evaluator.ExplicitDeny},
		{"analytics reads via finance access point", analytics, read, "teams/finance/q1.xlsx",
			viaFinance, nil, evaluator.ImplicitDeny},

		// Ingest writes raw data, only with a known classification tag.
		{"ingest writes internal raw", ingest, write, "raw/clicks.json", direct,
			tags("s3:RequestObjectTag/classification", "internal", "s3:RequestObjectTagKeys", "classification"),
			evaluator.Allow},
		{"ingest writes untagged raw", ingest, write, "raw/clicks.json", direct, nil, evaluator.ExplicitDeny},
		{"ingest writes unknown classification", ingest, write, "raw/clicks.json", direct,
			tags("s3:RequestObjectTag/classification", "secret"), evaluator.ImplicitDeny},
		{"ingest deletes curated", ingest, remove, "curated/sales.parquet", direct, nil, evaluator.ExplicitDeny},

		// The platform admin alone deletes curated data.
		{"admin deletes curated", platformAdmin, remove, "curated/sales.parquet", direct, nil, evaluator.Allow},
		{"admin writes untagged raw", platformAdmin, write, "raw/fix.json", direct, nil, evaluator.ExplicitDeny},

		// Restricted objects need the clearance principal tag.
		{"auditor reads restricted object", auditor, read, "curated/hr/pay.csv", direct, restricted, evaluator.Allow},
		{"admin reads restricted object", platformAdmin, read, "curated/hr/pay.csv",
			direct, restricted, evaluator.ExplicitDeny},

		// The partner account reads shared exports: both accounts must agree.
		{"partner reads shared export", partner, read, "curated/shared/weekly.csv", direct, nil, evaluator.Allow},
		{"partner reads unshared curated", partner, read, "curated/sales.parquet",
			direct, nil, evaluator.ImplicitDeny},
		{"anonymous reads shared export", stranger, read, "curated/shared/weekly.csv",
			direct, nil, evaluator.ImplicitDeny},

		// Finance works through its access point, inside its prefix.
		{"finance reads via its access point", financeAnalyst, read, "teams/finance/q1.xlsx",
			viaFinance, nil, evaluator.Allow},
		{"finance writes via its access point", financeAnalyst, write, "teams/finance/q1.xlsx",
			viaFinance, nil, evaluator.Allow},
		{"finance lists its prefix", financeAnalyst, list, "",
			viaFinance, tags("s3:prefix", "teams/finance/2025/"), evaluator.Allow},
		{"finance lists marketing prefix", financeAnalyst, list, "",
			viaFinance, tags("s3:prefix", "teams/marketing/"), evaluator.ImplicitDeny},
		{"finance reads marketing prefix", financeAnalyst, read, "teams/marketing/plan.pdf",
			viaFinance, nil, evaluator.ImplicitDeny},
		{"finance reads bucket directly", financeAnalyst, read, "teams/finance/q1.xlsx",
			direct, nil, evaluator.ImplicitDeny},
		{"finance via access point over HTTP", financeAnalyst, read, "teams/finance/q1.xlsx",
			viaFinance, plainHTTP, evaluator.ImplicitDeny},
		{"finance reads restricted via access point", financeAnalyst, read, "teams/finance/payroll.csv",
			viaFinance, restricted, evaluator.ExplicitDeny},
		{"finance deletes via its access point", financeAnalyst, remove, "teams/finance/q1.xlsx",
			viaFinance, nil, evaluator.ImplicitDeny},

		// Marketing's access point delegates to identity-based policies and
		// confines each caller to the prefix of its team tag. In the same
		// account an identity-based Allow on the access point grants on its
		// own, so the prefix is enforced by a Deny, which also catches a
		// caller without a team tag.
		{"marketing reads via its access point", marketingPerson, read, "teams/marketing/plan.pdf",
			viaMarketing, nil, evaluator.Allow},
		{"marketing reads finance prefix", marketingPerson, read, "teams/finance/q1.xlsx",
			viaMarketing, nil, evaluator.ExplicitDeny},
		{"marketing without team tag", untaggedMarketer, read, "teams/marketing/plan.pdf",
			viaMarketing, nil, evaluator.ExplicitDeny},
		{"marketing via finance access point", marketingPerson, read, "teams/finance/q1.xlsx",
			viaFinance, nil, evaluator.ImplicitDeny},
		{"finance via marketing access point", financeAnalyst, read, "teams/finance/q1.xlsx",
			viaMarketing, nil, evaluator.ImplicitDeny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ev := newEvaluator(t, policies, tc.caller, tc.via)
			req := newRequest(t, tc.caller, tc.action, tc.via.resource(tc.key), tc.context)
			// On a wrong decision the error explains it, statement by
			// statement.
			require.NoError(t, ev.Expect(req, tc.want))
		})
	}
}

// TestDataLakeDenyReasons pins why some requests are denied, so that a
// later change cannot keep the decision while losing the intended cause.
func TestDataLakeDenyReasons(t *testing.T) {
	policies := loadPolicies(t)
	plainHTTP := map[string][]string{"aws:SecureTransport": {"false"}}
	tests := []struct {
		name        string
		caller      caller
		key         string
		via         route
		context     map[string][]string
		wantReason  evaluator.Reason
		wantDenySid []string // Sids of the Deny statements that applied
	}{
		{"partner lacks bucket grant", partner, "curated/sales.parquet", direct, nil,
			evaluator.ReasonResourcePolicy, nil},
		{"finance lacks marketing identity grant", financeAnalyst, "teams/finance/q1.xlsx", viaMarketing, nil,
			evaluator.ReasonIdentityPolicy, nil},
		{"access point needs HTTPS", financeAnalyst, "teams/finance/q1.xlsx", viaFinance, plainHTTP,
			evaluator.ReasonInsecureTransport, nil},
		{"bucket denies plain HTTP", analytics, "curated/sales.parquet", direct, plainHTTP,
			evaluator.ReasonNone, []string{"DenyInsecureTransport"}},
		{"marketing prefix guard", marketingPerson, "teams/finance/q1.xlsx", viaMarketing, nil,
			evaluator.ReasonNone, []string{"DenyOutsideTeamPrefix"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ev := newEvaluator(t, policies, tc.caller, tc.via)
			req := newRequest(t, tc.caller, read, tc.via.resource(tc.key), tc.context)
			res := ev.Evaluate(req)
			require.NoError(t, res.Err)
			assert.Equal(t, tc.wantReason, res.Reason, ev.Explain(req).String())

			var denySids []string
			for _, m := range res.Matched() {
				if m.Effect == policy.Deny {
					denySids = append(denySids, m.Sid)
				}
			}
			assert.Equal(t, tc.wantDenySid, denySids, ev.Explain(req).String())
		})
	}
}

// TestPoliciesValidate runs the policy validator on every file, as a
// linter would before deployment, and fails on findings of severity error.
func TestPoliciesValidate(t *testing.T) {
	for name, p := range loadPolicies(t) {
		kind := policy.KindIdentity
		switch {
		case strings.HasSuffix(name, "-bucket.json"):
			kind = policy.KindBucket
		case strings.HasSuffix(name, "-access-point.json"):
			kind = policy.KindAccessPoint
		}
		t.Run(name, func(t *testing.T) {
			for _, f := range policy.Validate(p, kind) {
				assert.NotEqual(t, policy.SeverityError, f.Severity, "%s: %s", name, f)
			}
		})
	}
}

// loadPolicies parses every document in policies/. A document that does
// not parse fails the test with the file name, JSON path and position.
func loadPolicies(t *testing.T) map[string]*policy.Policy {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("policies", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)

	out := make(map[string]*policy.Policy, len(files))
	for _, file := range files {
		p, err := evaluator.LoadPolicyFile(file)
		require.NoError(t, err)
		out[filepath.Base(file)] = p
	}
	return out
}

// newEvaluator builds the evaluator that decides requests of c on route:
// the caller's identity-based policies, the bucket policy, and on an
// access point route the access point and its policy.
func newEvaluator(t *testing.T, policies map[string]*policy.Policy, c caller, via route) *evaluator.Evaluator {
	t.Helper()
	set := evaluator.PolicySet{Resource: policies["datalake-bucket.json"]}
	for _, file := range c.identity {
		require.Contains(t, policies, file)
		set.Identity = append(set.Identity, policies[file])
	}
	if via.accessPoint != "" {
		require.Contains(t, policies, via.policyFile)
		set.AccessPointPolicy = policies[via.policyFile]
		set.AccessPoint = &evaluator.AccessPoint{
			ARN:           via.accessPointARN(),
			Bucket:        bucket,
			BucketAccount: account,
			NetworkOrigin: evaluator.OriginInternet,
		}
	}
	ev, err := evaluator.New(set)
	require.NoError(t, err)
	return ev
}

// newRequest builds the request as S3 would see it: with the caller's
// principal tags, and over HTTPS unless context sets aws:SecureTransport.
func newRequest(t *testing.T, c caller, action, resource string, context map[string][]string) *evaluator.Request {
	t.Helper()
	req, err := evaluator.NewRequest(c.arn, action, resource)
	require.NoError(t, err)
	req = req.WithResourceAccount(account).WithKey("aws:SecureTransport", "true")
	for _, key := range slices.Sorted(maps.Keys(c.tags)) {
		req = req.WithKey("aws:PrincipalTag/"+key, c.tags[key])
	}
	for _, key := range slices.Sorted(maps.Keys(context)) {
		req = req.WithKey(key, context[key]...)
	}
	return req
}
