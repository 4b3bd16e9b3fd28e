package fuzz

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/policy"
)

// scenarioFile is one file of the evaluator's testdata/scenarios: a
// scenario document and the decision AWS reaches for it, or "ParseError".
type scenarioFile struct {
	name     string
	Title    string          `json:"title"`
	Expect   string          `json:"expect"`
	Model    bool            `json:"model"`
	Scenario json.RawMessage `json:"scenario"`
}

// scenarioDoc is the scenario format ParseScenario reads.
type scenarioDoc struct {
	Policies struct {
		Identity            []json.RawMessage   `json:"identity"`
		Resource            json.RawMessage     `json:"resource"`
		AccessPoint         json.RawMessage     `json:"accessPoint"`
		PermissionsBoundary json.RawMessage     `json:"permissionsBoundary"`
		Session             json.RawMessage     `json:"session"`
		SCP                 [][]json.RawMessage `json:"scp"`
		RCP                 [][]json.RawMessage `json:"rcp"`
	} `json:"policies"`
	AccessPoint *struct {
		ARN           string `json:"arn"`
		Bucket        string `json:"bucket"`
		BucketAccount string `json:"bucketAccount"`
		NetworkOrigin string `json:"networkOrigin"`
		VPCID         string `json:"vpcId"`
	} `json:"accessPoint"`
	Request struct {
		Principal       string                     `json:"principal"`
		SessionIssuer   string                     `json:"sessionIssuer"`
		Action          string                     `json:"action"`
		Resource        string                     `json:"resource"`
		ResourceAccount string                     `json:"resourceAccount"`
		Context         map[string]json.RawMessage `json:"context"`
	} `json:"request"`
}

const scenarioDir = "../evaluator/testdata/scenarios"

func loadScenarioFiles(t *testing.T) []scenarioFile {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(scenarioDir, "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no scenarios in %s", scenarioDir)
	var out []scenarioFile
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		var f scenarioFile
		require.NoError(t, json.Unmarshal(data, &f), file)
		f.name = strings.TrimSuffix(filepath.Base(file), ".json")
		out = append(out, f)
	}
	return out
}

// placement is the place of a policy, which decides whether it names principals.
type placement uint8

const (
	identityPlace placement = iota // no Principal or NotPrincipal
	resourcePlace                  // Principal or NotPrincipal in every statement
	rcpPlace                       // Principal "*" in every statement
)

// readScenario turns a scenario document into the reference's policy set
// and request. It rejects what AWS rejects: a policy policy.Parse rejects,
// and a policy whose statements do not fit its place.
func readScenario(data []byte) (*refPolicySet, *refRequest, error) {
	var doc scenarioDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, nil, err
	}
	var set refPolicySet
	var err error
	parse := func(raw json.RawMessage, place placement) *policy.Policy {
		if raw == nil || err != nil {
			return nil
		}
		var p *policy.Policy
		if p, err = policy.Parse(raw); err == nil {
			err = checkPlacement(p, place)
		}
		return p
	}
	for _, raw := range doc.Policies.Identity {
		set.identity = append(set.identity, parse(raw, identityPlace))
	}
	set.resource = parse(doc.Policies.Resource, resourcePlace)
	set.accessPoint = parse(doc.Policies.AccessPoint, resourcePlace)
	set.boundary = parse(doc.Policies.PermissionsBoundary, identityPlace)
	set.session = parse(doc.Policies.Session, identityPlace)
	for _, level := range doc.Policies.SCP {
		var ps []*policy.Policy
		for _, raw := range level {
			ps = append(ps, parse(raw, identityPlace))
		}
		set.scps = append(set.scps, ps)
	}
	for _, level := range doc.Policies.RCP {
		var ps []*policy.Policy
		for _, raw := range level {
			ps = append(ps, parse(raw, rcpPlace))
		}
		set.rcps = append(set.rcps, ps)
	}
	if err != nil {
		return nil, nil, err
	}
	if a := doc.AccessPoint; a != nil {
		set.ap = &refAccessPoint{arn: a.ARN, bucket: a.Bucket, bucketAccount: a.BucketAccount,
			origin: a.NetworkOrigin, vpc: a.VPCID}
	}

	rq := doc.Request
	r := &refRequest{principal: rq.Principal, issuer: rq.SessionIssuer, action: rq.Action,
		resource: rq.Resource, resourceAccount: rq.ResourceAccount, context: map[string][]string{}}
	for k, raw := range rq.Context {
		var one string
		if json.Unmarshal(raw, &one) == nil {
			r.context[k] = []string{one}
			continue
		}
		var many []string
		if err := json.Unmarshal(raw, &many); err != nil {
			return nil, nil, fmt.Errorf("context key %q: %w", k, err)
		}
		r.context[k] = many
	}
	if _, err := parseCaller(r.principal, r.issuer); err != nil {
		return nil, nil, err
	}
	return &set, r, nil
}

// checkPlacement checks the Principal elements of p against its place.
func checkPlacement(p *policy.Policy, place placement) error {
	for i, s := range p.Statements {
		named := s.Principal != nil || s.NotPrincipal != nil
		switch {
		case place == identityPlace && named:
			return fmt.Errorf("statement %d: an identity-based policy or SCP names a principal", i)
		case place == resourcePlace && !named:
			return fmt.Errorf("statement %d: a resource-based policy statement names no principal", i)
		case place == rcpPlace && (s.NotPrincipal != nil || s.Principal == nil ||
			!s.Principal.Wildcard && !(len(s.Principal.AWS) == 1 && s.Principal.AWS[0] == "*")):
			return fmt.Errorf("statement %d: an RCP statement must have Principal \"*\"", i)
		}
	}
	return nil
}

// TestReferenceScenarios checks the reference evaluator against the
// decision every scenario expects.
func TestReferenceScenarios(t *testing.T) {
	for _, f := range loadScenarioFiles(t) {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			set, r, err := readScenario(f.Scenario)
			if f.Expect == "ParseError" {
				require.Error(t, err, "%s: scenario must be rejected", f.Title)
				return
			}
			require.NoError(t, err, f.Title)
			assert.Equal(t, f.Expect, refDecide(set, r), f.Title)
		})
	}
}
