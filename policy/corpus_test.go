package policy_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/policy"
)

// corpusEnv names the folder of extra policy documents that
// TestCorpusFromEnv parses. The folder is not part of the repository
// because its license differs from the project's.
const corpusEnv = "IAMEVAL_CORPUS"

// placeholderPolicies are documents under testdata/real that AWS sample
// repositories publish as templates: they hold placeholders such as
// "<action>" or "<my-corporate-cidr>" where AWS requires an action, a
// resource ARN or a CIDR block, so AWS would reject them as written. The
// parser must reject them too, at the first placeholder.
var placeholderPolicies = map[string]struct {
	path string
	kind error
}{
	"dp-rcp-network-perimeter-sourcevpc.json": {"Statement[0].Condition.NotIpAddressIfExists.aws:SourceIp", policy.ErrBadValue},
	"dp-rcp-network-perimeter-vpceorgid.json": {"Statement[0].Condition.NotIpAddressIfExists.aws:SourceIp", policy.ErrBadValue},
	"dp-scp-resource-perimeter.json":          {"Statement[0].NotResource[34]", policy.ErrBadValue},
	"dp-vpce-s3-endpoint-policy.json":         {"Statement[4].Action", policy.ErrBadValue},
}

func TestRealPolicies(t *testing.T) {
	files := corpusFiles(t, "testdata/real")
	require.Len(t, files, 93)

	for _, file := range files {
		name := filepath.Base(file)
		t.Run(strings.TrimSuffix(name, ".json"), func(t *testing.T) {
			t.Parallel()
			data := readTestdata(t, file)
			want, placeholder := placeholderPolicies[name]
			if !placeholder {
				checkDocument(t, data)
				return
			}
			_, err := policy.Parse(data)
			var perr *policy.ParseError
			require.ErrorAs(t, err, &perr)
			require.ErrorIs(t, err, want.kind)
			require.Equal(t, want.path, perr.Path)
		})
	}
}

func TestManagedPolicies(t *testing.T) {
	files := corpusFiles(t, "testdata/managed-mit")
	require.Len(t, files, 1641)

	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".json"), func(t *testing.T) {
			t.Parallel()
			checkDocument(t, readTestdata(t, file))
		})
	}
}

// TestCorpusFromEnv parses every *.json file under the folder named by
// IAMEVAL_CORPUS, such as a checkout of AWS managed policies kept outside
// the repository.
func TestCorpusFromEnv(t *testing.T) {
	dir := os.Getenv(corpusEnv)
	if dir == "" {
		t.Skipf("set %s to a folder of policy documents to run this test, for example "+
			"%s=../shared/data/managed-policies go test ./policy -run TestCorpusFromEnv", corpusEnv, corpusEnv)
	}
	files := corpusFiles(t, dir)
	require.NotEmpty(t, files, "no *.json files under %s", dir)

	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".json"), func(t *testing.T) {
			t.Parallel()
			checkDocument(t, readTestdata(t, file))
		})
	}
	t.Logf("parsed %d documents from %s", len(files), dir)
}

// checkDocument parses data, compares the result with an independent
// decoding by encoding/json, and checks that marshalling and parsing again
// gives an equal policy.
func checkDocument(t *testing.T, data []byte) {
	t.Helper()
	p, err := policy.Parse(data)
	require.NoError(t, err)

	if diff := cmp.Diff(referenceDecode(t, data), referenceOf(p)); diff != "" {
		t.Errorf("AST differs from encoding/json's reading (-want +got):\n%s", diff)
	}

	out, err := p.MarshalJSON()
	require.NoError(t, err)
	again, err := policy.Parse(out)
	require.NoError(t, err, "parsing the marshalled document:\n%s", out)
	if diff := cmp.Diff(p.Statements, again.Statements, ignorePositions); diff != "" {
		t.Errorf("statements changed in the round trip (-parsed +reparsed):\n%s", diff)
	}
	if !p.Equal(again) {
		t.Errorf("Equal reports a difference after the round trip:\n%s", out)
	}
}

func corpusFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	require.NoError(t, err)
	return files
}

func readTestdata(t *testing.T, file string) []byte {
	t.Helper()
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	return data
}

// refStatement is a statement as the reference decoder reads it: lists as
// written, Principal as "*" or a map, and conditions sorted, because Go
// maps do not keep the document order.
type refStatement struct {
	Sid, Effect             string
	Principal, NotPrincipal any
	Action, NotAction       []string
	Resource, NotResource   []string
	Conditions              []refCondition
}

type refCondition struct {
	Operator, Key string
	Values        []string
}

// referenceDecode reads a document with encoding/json, which keeps the
// last of duplicate keys, so it is only meaningful for documents Parse
// accepts.
func referenceDecode(t *testing.T, data []byte) []refStatement {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var policyDoc map[string]any
	require.NoError(t, dec.Decode(&policyDoc))

	raw := policyDoc["Statement"]
	if single, ok := raw.(map[string]any); ok {
		raw = []any{single}
	}
	var out []refStatement
	for _, item := range raw.([]any) {
		out = append(out, referenceStatement(item.(map[string]any)))
	}
	return out
}

func referenceStatement(m map[string]any) refStatement {
	s := refStatement{Effect: m["Effect"].(string)}
	s.Sid, _ = m["Sid"].(string)
	s.Principal = referencePrincipal(m["Principal"])
	s.NotPrincipal = referencePrincipal(m["NotPrincipal"])
	s.Action = referenceList(m["Action"])
	s.NotAction = referenceList(m["NotAction"])
	s.Resource = referenceList(m["Resource"])
	s.NotResource = referenceList(m["NotResource"])
	if c, ok := m["Condition"].(map[string]any); ok {
		for op, keys := range c {
			for key, values := range keys.(map[string]any) {
				s.Conditions = append(s.Conditions, refCondition{op, key, referenceList(values)})
			}
		}
	}
	sortConditions(s.Conditions)
	return s
}

func referencePrincipal(v any) any {
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		return v
	}
	out := map[string][]string{}
	for k, values := range v.(map[string]any) {
		out[k] = referenceList(values)
	}
	return out
}

// referenceList turns a string, number, boolean or array of them into
// their text, as the parser does.
func referenceList(v any) []string {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		var out []string
		for _, item := range v {
			out = append(out, referenceList(item)...)
		}
		return out
	case json.Number:
		return []string{v.String()}
	case bool:
		if v {
			return []string{"true"}
		}
		return []string{"false"}
	}
	return []string{v.(string)}
}

// referenceOf converts a parsed policy to the reference shape.
func referenceOf(p *policy.Policy) []refStatement {
	var out []refStatement
	for _, st := range p.Statements {
		r := refStatement{
			Sid:          st.Sid,
			Effect:       st.Effect.String(),
			Principal:    principalOf(st.Principal),
			NotPrincipal: principalOf(st.NotPrincipal),
			Action:       st.Action,
			NotAction:    st.NotAction,
			Resource:     st.Resource,
			NotResource:  st.NotResource,
		}
		for _, c := range st.Conditions {
			r.Conditions = append(r.Conditions, refCondition{c.Operator.String(), c.Key, c.Values})
		}
		sortConditions(r.Conditions)
		out = append(out, r)
	}
	return out
}

func principalOf(p *policy.Principal) any {
	if p == nil {
		return nil
	}
	if p.Wildcard {
		return "*"
	}
	out := map[string][]string{}
	for name, values := range map[string][]string{
		"AWS": p.AWS, "Service": p.Service, "Federated": p.Federated, "CanonicalUser": p.CanonicalUser,
	} {
		if values != nil {
			out[name] = values
		}
	}
	return out
}

func sortConditions(cs []refCondition) {
	slices.SortFunc(cs, func(a, b refCondition) int {
		return strings.Compare(a.Operator+"\x00"+a.Key, b.Operator+"\x00"+b.Key)
	})
}
