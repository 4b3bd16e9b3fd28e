package evaluator_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

const (
	accountA = "111122223333"
	accountB = "444455556666"
	alice    = "arn:aws:iam::111122223333:user/alice"
)

func mustPolicy(t testing.TB, doc string) *policy.Policy {
	t.Helper()
	p, err := policy.ParseString(doc)
	require.NoError(t, err)
	return p
}

// newRequest builds a request; context holds one value per key.
func newRequest(t testing.TB, principal, action, resource, owner string, context map[string]string) *evaluator.Request {
	t.Helper()
	p, err := evaluator.ParsePrincipal(principal, "")
	require.NoError(t, err)
	r := &evaluator.Request{Principal: p, Action: action, Resource: resource, ResourceAccount: owner}
	if context != nil {
		m := map[string][]string{}
		for k, v := range context {
			m[k] = []string{v}
		}
		r.Context = condition.NewContext(m)
	}
	return r
}

func mustNew(t testing.TB, set evaluator.PolicySet) *evaluator.Evaluator {
	t.Helper()
	ev, err := evaluator.New(set)
	require.NoError(t, err)
	return ev
}

// matched lists the matched statements as "policy#index".
func matched(res evaluator.Result) []string {
	out := []string{}
	for _, m := range res.Matched() {
		out = append(out, fmt.Sprintf("%s#%d", m.Policy, m.Statement))
	}
	return out
}

func TestNewRejectsMisplacedPolicies(t *testing.T) {
	withPrincipal := `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}`
	withoutPrincipal := `{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}`
	withNotPrincipal := `{"Statement": [{"Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "*"}]}`
	rcpNamingUser := `{"Statement": [{"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "s3:*", "Resource": "*"}]}`
	tests := []struct {
		name     string
		set      evaluator.PolicySet
		wantPath string // PolicyError.Policy + "." + PolicyError.Path
	}{
		{"identity with Principal", evaluator.PolicySet{Identity: []*policy.Policy{mustPolicy(t, withoutPrincipal), mustPolicy(t, withPrincipal)}}, "identity[1].Statement[0].Principal"},
		{"boundary with NotPrincipal", evaluator.PolicySet{PermissionsBoundary: mustPolicy(t, withNotPrincipal)}, "permissionsBoundary.Statement[0].NotPrincipal"},
		{"session with Principal", evaluator.PolicySet{Session: mustPolicy(t, withPrincipal)}, "session.Statement[0].Principal"},
		{"SCP with Principal", evaluator.PolicySet{SCPs: [][]*policy.Policy{{mustPolicy(t, withoutPrincipal)}, {mustPolicy(t, withPrincipal)}}}, "scp[1][0].Statement[0].Principal"},
		{"RCP naming a user", evaluator.PolicySet{RCPs: [][]*policy.Policy{{mustPolicy(t, rcpNamingUser)}}}, "rcp[0][0].Statement[0].Principal"},
		{"RCP without Principal", evaluator.PolicySet{RCPs: [][]*policy.Policy{{mustPolicy(t, withoutPrincipal)}}}, "rcp[0][0].Statement[0].Principal"},
		{"RCP with NotPrincipal", evaluator.PolicySet{RCPs: [][]*policy.Policy{{mustPolicy(t, withNotPrincipal)}}}, "rcp[0][0].Statement[0].NotPrincipal"},
		{"bucket policy without Principal", evaluator.PolicySet{Resource: mustPolicy(t, withoutPrincipal)}, "resource.Statement[0]"},
		{"access point policy without Principal", evaluator.PolicySet{AccessPointPolicy: mustPolicy(t, withoutPrincipal)}, "accessPoint.Statement[0]"},
		{"nil identity policy", evaluator.PolicySet{Identity: []*policy.Policy{nil}}, "identity[0]"},
		{"nil SCP", evaluator.PolicySet{SCPs: [][]*policy.Policy{{nil}}}, "scp[0][0]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev, err := evaluator.New(tc.set)
			require.Error(t, err)
			assert.Nil(t, ev)
			assert.ErrorIs(t, err, evaluator.ErrInvalidPolicy)
			var pe *evaluator.PolicyError
			require.ErrorAs(t, err, &pe)
			got := pe.Policy
			if pe.Path != "" {
				got += "." + pe.Path
			}
			assert.Equal(t, tc.wantPath, got)
			assert.True(t, strings.HasPrefix(err.Error(), "evaluator: "), err.Error())
		})
	}
}

func TestNewAcceptsRCPWithStarPrincipal(t *testing.T) {
	rcp := mustPolicy(t, `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}`)
	_, err := evaluator.New(evaluator.PolicySet{RCPs: [][]*policy.Policy{{rcp}}})
	require.NoError(t, err)
}

func TestNewRejectsAccessPointSettings(t *testing.T) {
	valid := evaluator.AccessPoint{
		ARN: "arn:aws:s3:us-west-2:111122223333:accesspoint/ap", Bucket: "b1",
		BucketAccount: accountA, NetworkOrigin: "Internet",
	}
	tests := []struct {
		name   string
		change func(*evaluator.AccessPoint)
	}{
		{"bucket ARN", func(ap *evaluator.AccessPoint) { ap.ARN = "arn:aws:s3:::b1" }},
		{"no region", func(ap *evaluator.AccessPoint) { ap.ARN = "arn:aws:s3::111122223333:accesspoint/ap" }},
		{"object ARN", func(ap *evaluator.AccessPoint) { ap.ARN += "/object/k" }},
		{"empty bucket", func(ap *evaluator.AccessPoint) { ap.Bucket = "" }},
		{"bad bucket account", func(ap *evaluator.AccessPoint) { ap.BucketAccount = "1111" }},
		{"unknown origin", func(ap *evaluator.AccessPoint) { ap.NetworkOrigin = "internet" }},
		{"VPC without ID", func(ap *evaluator.AccessPoint) { ap.NetworkOrigin = "VPC" }},
		{"Internet with VPC ID", func(ap *evaluator.AccessPoint) { ap.VPCID = "vpc-1" }},
	}
	_, err := evaluator.New(evaluator.PolicySet{AccessPoint: &valid})
	require.NoError(t, err, "valid settings")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ap := valid
			tc.change(&ap)
			_, err := evaluator.New(evaluator.PolicySet{AccessPoint: &ap})
			require.ErrorIs(t, err, evaluator.ErrInvalidAccessPoint)
		})
	}
}

func TestInvalidRequestIsDenied(t *testing.T) {
	ev := mustNew(t, evaluator.PolicySet{Identity: []*policy.Policy{
		mustPolicy(t, `{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`),
	}})
	valid := *newRequest(t, alice, "s3:GetObject", "arn:aws:s3:::b1/k", accountA, nil)
	require.Equal(t, evaluator.Allow, ev.Evaluate(&valid).Decision, "valid request")
	tests := []struct {
		name   string
		change func(*evaluator.Request)
	}{
		{"zero principal", func(r *evaluator.Request) { r.Principal = evaluator.Principal{} }},
		{"action without service", func(r *evaluator.Request) { r.Action = "GetObject" }},
		{"empty action name", func(r *evaluator.Request) { r.Action = "s3:" }},
		{"wildcard action", func(r *evaluator.Request) { r.Action = "s3:Get*" }},
		{"resource not an ARN", func(r *evaluator.Request) { r.Resource = "b1/k" }},
		{"empty resource", func(r *evaluator.Request) { r.Resource = "" }},
		{"bad owner account", func(r *evaluator.Request) { r.ResourceAccount = "alice" }},
	}
	res := ev.Evaluate(nil)
	assert.Equal(t, evaluator.ReasonInvalidRequest, res.Reason, "nil request")
	assert.ErrorIs(t, res.Err, evaluator.ErrInvalidRequest)
	assert.Equal(t, evaluator.ReasonInvalidRequest, ev.Explain(nil).Result.Reason)

	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := valid
			tc.change(&r)
			res := ev.Evaluate(&r)
			assert.Equal(t, evaluator.ImplicitDeny, res.Decision)
			assert.Equal(t, evaluator.ReasonInvalidRequest, res.Reason)
			assert.ErrorIs(t, res.Err, evaluator.ErrInvalidRequest)
			assert.Empty(t, res.Matched())
		})
	}
}

// TestWildcardStatementsInLargePolicy checks that statements whose actions
// are wildcards or NotAction are still evaluated when a large policy is
// indexed by exact action names.
func TestWildcardStatementsInLargePolicy(t *testing.T) {
	var stmts []string
	for i := range 40 {
		stmts = append(stmts, fmt.Sprintf(
			`{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/t%02d/*"}`, i))
	}
	tests := []struct {
		name      string
		extra     string
		want      evaluator.Decision
		wantMatch []string
	}{
		{"service wildcard deny", `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b1/t07/secret"}`,
			evaluator.ExplicitDeny, []string{"resource#7", "resource#40"}},
		{"prefix wildcard deny", `{"Effect": "Deny", "Principal": "*", "Action": "S3:get*", "Resource": "arn:aws:s3:::b1/*"}`,
			evaluator.ExplicitDeny, []string{"resource#7", "resource#40"}},
		{"action star deny", `{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}`,
			evaluator.ExplicitDeny, []string{"resource#7", "resource#40"}},
		{"NotAction deny", `{"Effect": "Deny", "Principal": "*", "NotAction": "s3:PutObject", "Resource": "arn:aws:s3:::b1/t07/*"}`,
			evaluator.ExplicitDeny, []string{"resource#7", "resource#40"}},
		{"NotResource deny", `{"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::b1/t08/*"}`,
			evaluator.ExplicitDeny, []string{"resource#7", "resource#40"}},
		{"NotAction listing the action", `{"Effect": "Deny", "Principal": "*", "NotAction": "s3:GetObject", "Resource": "*"}`,
			evaluator.Allow, []string{"resource#7"}},
		{"deny on another prefix", `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b1/t08/*"}`,
			evaluator.Allow, []string{"resource#7"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := `{"Version": "2012-10-17", "Statement": [` + strings.Join(append(stmts, tc.extra), ",") + `]}`
			ev := mustNew(t, evaluator.PolicySet{Resource: mustPolicy(t, doc)})
			res := ev.Evaluate(newRequest(t, alice, "s3:GetObject", "arn:aws:s3:::b1/t07/secret", accountA, nil))
			assert.Equal(t, tc.want, res.Decision)
			if diff := cmp.Diff(tc.wantMatch, matched(res)); diff != "" {
				t.Errorf("matched (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMatchedIsTruncatedKeepingDenies(t *testing.T) {
	var stmts []string
	for i := range 20 {
		stmts = append(stmts, fmt.Sprintf(`{"Sid": "A%d", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`, i))
	}
	stmts = append(stmts, `{"Sid": "D", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}`)
	doc := `{"Version": "2012-10-17", "Statement": [` + strings.Join(stmts, ",") + `]}`
	ev := mustNew(t, evaluator.PolicySet{Identity: []*policy.Policy{mustPolicy(t, doc)}})
	res := ev.Evaluate(newRequest(t, alice, "s3:GetObject", "arn:aws:s3:::b1/k", accountA, nil))

	assert.Equal(t, evaluator.ExplicitDeny, res.Decision)
	assert.True(t, res.Truncated())
	require.Len(t, res.Matched(), evaluator.MaxMatches)
	last := res.Matched()[evaluator.MaxMatches-1]
	assert.Equal(t, "D", last.Sid, "the Deny is kept, in document order")
	assert.Equal(t, policy.Deny, last.Effect)
	assert.Equal(t, "A0", res.Matched()[0].Sid)
}

func TestResultMarshalJSON(t *testing.T) {
	ap := evaluator.AccessPoint{
		ARN: "arn:aws:s3:us-west-2:111122223333:accesspoint/ap", Bucket: "b1",
		BucketAccount: accountA, NetworkOrigin: "Internet",
	}
	ev := mustNew(t, evaluator.PolicySet{
		AccessPoint: &ap,
		AccessPointPolicy: mustPolicy(t, `{"Statement": [{"Sid": "ReadTagged", "Effect": "Allow",
			"Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "s3:GetObject",
			"Resource": "arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/*"}]}`),
		Resource: mustPolicy(t, `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*",
			"Resource": "arn:aws:s3:::b1/*",
			"Condition": {"StringEquals": {"s3:DataAccessPointAccount": "111122223333"}}}]}`),
	})
	tests := []struct {
		name string
		req  *evaluator.Request
		want string
	}{
		{"allowed", newRequest(t, alice, "s3:GetObject", "arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/k", accountA, nil),
			`{"decision":"Allow","matched":[{"policy":"resource","statement":0,"effect":"Allow"},{"policy":"accessPoint","statement":0,"sid":"ReadTagged","effect":"Allow"}]}`},
		{"implicit deny", newRequest(t, alice, "s3:PutObject", "arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/k", accountA, nil),
			`{"decision":"ImplicitDeny","reason":"no-allow","matched":[{"policy":"resource","statement":0,"effect":"Allow"}]}`},
		{"invalid request", &evaluator.Request{Action: "s3:GetObject", Resource: "*"},
			`{"decision":"ImplicitDeny","reason":"invalid-request","matched":[],"error":"evaluator: invalid request: no principal (use ParsePrincipal)"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := ev.Evaluate(tc.req)
			data, err := res.MarshalJSON()
			require.NoError(t, err)
			assert.JSONEq(t, tc.want, string(data))
		})
	}
}

func TestDecisionAndReasonText(t *testing.T) {
	for _, d := range []evaluator.Decision{evaluator.Allow, evaluator.ExplicitDeny, evaluator.ImplicitDeny} {
		text, err := d.MarshalText()
		require.NoError(t, err)
		var back evaluator.Decision
		require.NoError(t, back.UnmarshalText(text))
		assert.Equal(t, d, back)
	}
	var d evaluator.Decision
	assert.Error(t, d.UnmarshalText([]byte("allow")), "names are case-sensitive")
	_, err := evaluator.Decision(9).MarshalText()
	assert.Error(t, err)
	assert.Equal(t, "ImplicitDeny", evaluator.Decision(0).String(), "zero value")

	codes := map[evaluator.Reason]string{
		evaluator.ReasonNone:                      "",
		evaluator.ReasonNoAllow:                   "no-allow",
		evaluator.ReasonSCP:                       "scp",
		evaluator.ReasonRCP:                       "rcp",
		evaluator.ReasonUnsupportedViaAccessPoint: "unsupported-via-access-point",
		evaluator.ReasonNetworkOrigin:             "network-origin",
		evaluator.ReasonAnonymousViaAccessPoint:   "anonymous-via-access-point",
	}
	for r, want := range codes {
		assert.Equal(t, want, r.String())
	}
}

func TestConcurrentEvaluate(t *testing.T) {
	cases := loadScenarios(t)
	type job struct {
		s    *evaluator.Scenario
		want string
	}
	var jobs []job
	for _, c := range cases {
		s, err := evaluator.ParseScenario(c.Scenario)
		if err != nil {
			continue
		}
		res := s.Evaluator.Evaluate(&s.Request)
		data, err := res.MarshalJSON()
		require.NoError(t, err)
		jobs = append(jobs, job{s, string(data)})
	}
	require.NotEmpty(t, jobs)

	const workers = 8
	errs := make(chan error, workers)
	for w := range workers {
		go func() {
			for round := range 20 {
				for i := range jobs {
					j := jobs[(i+w*31+round)%len(jobs)]
					res := j.s.Evaluator.Evaluate(&j.s.Request)
					data, err := res.MarshalJSON()
					if err == nil && string(data) != j.want {
						err = fmt.Errorf("got %s, want %s", data, j.want)
					}
					if err != nil {
						errs <- err
						return
					}
				}
			}
			errs <- nil
		}()
	}
	for range workers {
		require.NoError(t, <-errs)
	}
}

// TestOneEvaluatorManyGoroutines shares one evaluator, the kind a service
// keeps, between goroutines that each evaluate different requests.
func TestOneEvaluatorManyGoroutines(t *testing.T) {
	ev := benchEvaluator(t, "large-bucket-policy.json")
	want := map[int]evaluator.Decision{}
	reqs := map[int]*evaluator.Request{}
	for i := 0; i < 1000; i += 37 {
		user := fmt.Sprintf("user%04d", i)
		r := newRequest(t, "arn:aws:iam::111122223333:user/"+user, "s3:GetObject",
			fmt.Sprintf("arn:aws:s3:::examplebucket/tenants/tenant-%04d/a.txt", (i+i%2)%1000), accountA,
			map[string]string{"aws:username": user})
		reqs[i] = r
		want[i] = ev.Evaluate(r).Decision
	}
	done := make(chan error, 4)
	for range 4 {
		go func() {
			for range 50 {
				for i, r := range reqs {
					if got := ev.Evaluate(r).Decision; got != want[i] {
						done <- fmt.Errorf("request %d: got %s, want %s", i, got, want[i])
						return
					}
				}
			}
			done <- nil
		}()
	}
	for range 4 {
		require.NoError(t, <-done)
	}
	assert.Contains(t, want, 0)
	assert.Equal(t, evaluator.Allow, want[0])
	assert.Equal(t, evaluator.ImplicitDeny, want[37], "user0037 asks for tenant-0038")
}

func TestErrorsAreWrapped(t *testing.T) {
	_, err := evaluator.ParsePrincipal("arn:aws:iam::111122223333:group/admins", "")
	require.Error(t, err)
	assert.True(t, errors.Is(err, evaluator.ErrInvalidPrincipal))
	assert.Contains(t, err.Error(), `"arn:aws:iam::111122223333:group/admins"`)
}

func TestResourceOwner(t *testing.T) {
	identity := mustPolicy(t, `{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "sqs:SendMessage"], "Resource": "*"}]}`)
	ev := mustNew(t, evaluator.PolicySet{Identity: []*policy.Policy{identity}})
	tests := []struct {
		name, resource, owner string
		want                  evaluator.Decision
		wantReason            evaluator.Reason
	}{
		{"owner given", "arn:aws:s3:::b1/k", accountA, evaluator.Allow, evaluator.ReasonNone},
		{"other owner", "arn:aws:s3:::b1/k", accountB, evaluator.ImplicitDeny, evaluator.ReasonResourcePolicy},
		{"bucket without owner is another account's", "arn:aws:s3:::b1/k", "", evaluator.ImplicitDeny, evaluator.ReasonResourcePolicy},
		{"owner from the ARN", "arn:aws:sqs:us-east-1:111122223333:queue", "", evaluator.Allow, evaluator.ReasonNone},
		{"other owner in the ARN", "arn:aws:sqs:us-east-1:444455556666:queue", "", evaluator.ImplicitDeny, evaluator.ReasonResourcePolicy},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			action := "s3:GetObject"
			if strings.Contains(tc.resource, ":sqs:") {
				action = "sqs:SendMessage"
			}
			res := ev.Evaluate(newRequest(t, alice, action, tc.resource, tc.owner, nil))
			assert.Equal(t, tc.want, res.Decision)
			assert.Equal(t, tc.wantReason, res.Reason)
		})
	}
}

func TestServicePrincipal(t *testing.T) {
	tests := []struct {
		name, principal string
		want            evaluator.Decision
	}{
		{"named service", `{"Service": "cloudtrail.amazonaws.com"}`, evaluator.Allow},
		{"everyone", `"*"`, evaluator.Allow},
		{"other service", `{"Service": "config.amazonaws.com"}`, evaluator.ImplicitDeny},
		{"account", `{"AWS": "111122223333"}`, evaluator.ImplicitDeny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bucket := mustPolicy(t, `{"Statement": [{"Effect": "Allow", "Principal": `+tc.principal+`,
				"Action": "s3:PutObject", "Resource": "arn:aws:s3:::trail/*"}]}`)
			ev := mustNew(t, evaluator.PolicySet{Resource: bucket})
			res := ev.Evaluate(newRequest(t, "cloudtrail.amazonaws.com", "s3:PutObject", "arn:aws:s3:::trail/log.gz", accountA, nil))
			assert.Equal(t, tc.want, res.Decision)
		})
	}
}

func TestReasons(t *testing.T) {
	allowAll := `{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`
	allowEC2 := `{"Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}`
	session := "arn:aws:sts::111122223333:assumed-role/Dev/s1"
	tests := []struct {
		name       string
		set        evaluator.PolicySet
		principal  string
		owner      string
		wantReason evaluator.Reason
	}{
		{"nothing allows", evaluator.PolicySet{}, alice, accountA, evaluator.ReasonNoAllow},
		{"boundary", evaluator.PolicySet{Identity: []*policy.Policy{mustPolicy(t, allowAll)}, PermissionsBoundary: mustPolicy(t, allowEC2)},
			session, accountA, evaluator.ReasonPermissionsBoundary},
		{"session policy", evaluator.PolicySet{Identity: []*policy.Policy{mustPolicy(t, allowAll)}, Session: mustPolicy(t, allowEC2)},
			session, accountA, evaluator.ReasonSessionPolicy},
		{"account delegation", evaluator.PolicySet{Resource: mustPolicy(t, `{"Statement": [{"Effect": "Allow",
			"Principal": {"AWS": "111122223333"}, "Action": "*", "Resource": "*"}]}`)}, alice, accountA, evaluator.ReasonIdentityPolicy},
		{"cross-account without identity grant", evaluator.PolicySet{Resource: mustPolicy(t, `{"Statement": [{"Effect": "Allow",
			"Principal": "*", "Action": "*", "Resource": "*"}]}`)}, alice, accountB, evaluator.ReasonIdentityPolicy},
		{"SCP level", evaluator.PolicySet{Identity: []*policy.Policy{mustPolicy(t, allowAll)},
			SCPs: [][]*policy.Policy{{mustPolicy(t, allowAll)}, {mustPolicy(t, allowEC2)}}}, alice, accountA, evaluator.ReasonSCP},
		{"empty SCP level", evaluator.PolicySet{Identity: []*policy.Policy{mustPolicy(t, allowAll)},
			SCPs: [][]*policy.Policy{{}}}, alice, accountA, evaluator.ReasonSCP},
		{"RCP level", evaluator.PolicySet{Identity: []*policy.Policy{mustPolicy(t, allowAll)},
			RCPs: [][]*policy.Policy{{}}}, alice, accountA, evaluator.ReasonRCP},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev := mustNew(t, tc.set)
			res := ev.Evaluate(newRequest(t, tc.principal, "s3:GetObject", "arn:aws:s3:::b1/k", tc.owner, nil))
			assert.Equal(t, evaluator.ImplicitDeny, res.Decision)
			assert.Equal(t, tc.wantReason, res.Reason)
		})
	}
}
