package fuzz

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/policy"
)

// The seed corpus of each target lives in testdata/fuzz/<Target>/, where
// go test runs it as part of the unit tests. seedCorpus draws the files
// named seed-* from the policy package's test documents and the
// vocabulary of the generator. Inputs that failed keep the names the
// fuzzing engine gave them, or get a name starting with crasher-.
// TestSeedCorpus checks that the seed-* files match their sources, and
// rewrites them with -update-seeds.

var updateSeeds = flag.Bool("update-seeds", false, "rewrite the seed-* files of testdata/fuzz from their sources")

// managedSeeds are the AWS managed policies of policy/testdata/managed-mit
// used as seeds: small ones that cover wildcards, NotAction and
// conditions.
var managedSeeds = []string{
	"AmazonS3FullAccess", "AmazonS3ReadOnlyAccess", "IAMReadOnlyAccess", "AWSDenyAll",
	"AmazonEC2ReadOnlyAccess", "AWSKeyManagementServicePowerUser", "AmazonDynamoDBReadOnlyAccess",
	"AWSLambdaBasicExecutionRole", "AmazonSSMManagedInstanceCore", "AWSCloudTrail_ReadOnlyAccess",
	"AmazonS3ObjectLambdaExecutionRolePolicy", "AmazonVPCReadOnlyAccess",
	"AWSOrganizationsReadOnlyAccess", "AWSCompromisedKeyQuarantineV2", "IAMUserChangePassword",
}

// seed is one corpus entry: the arguments of a fuzz function.
type seed []any

// encode writes the entry in the format of go test's corpus files.
func (s seed) encode() []byte {
	var b strings.Builder
	b.WriteString("go test fuzz v1\n")
	for _, arg := range s {
		switch v := arg.(type) {
		case []byte:
			fmt.Fprintf(&b, "[]byte(%q)\n", v)
		case string:
			fmt.Fprintf(&b, "string(%q)\n", v)
		case uint8:
			fmt.Fprintf(&b, "byte(%q)\n", v)
		case bool:
			fmt.Fprintf(&b, "bool(%v)\n", v)
		default:
			panic(fmt.Sprintf("seed argument of type %T", arg))
		}
	}
	return []byte(b.String())
}

// seedCorpus returns the seed-* entries of every target, by target and
// file name.
func seedCorpus(t *testing.T) map[string]map[string]seed {
	docs := seedDocuments(t)
	corpus := map[string]map[string]seed{
		"FuzzPolicyParse":           {},
		"FuzzARNRoundTrip":          {},
		"FuzzWildcardMatch":         {},
		"FuzzConditionOperator":     {},
		"FuzzConditionEval":         {},
		"FuzzEvaluatorDifferential": {},
		"FuzzEvaluatorInvariants":   {},
	}
	for name, data := range docs {
		corpus["FuzzPolicyParse"]["seed-"+name] = seed{data}
	}

	// Resource patterns and operator names from the documents that parse.
	resources, operators := map[string]bool{}, map[string]bool{}
	for _, data := range docs {
		p, err := policy.Parse(data)
		if err != nil {
			continue
		}
		for _, s := range p.Statements {
			for _, r := range append(append([]string(nil), s.Resource...), s.NotResource...) {
				resources[r] = true
			}
			for _, c := range s.Conditions {
				operators[c.Operator.String()] = true
			}
		}
	}
	for i, r := range sortedKeys(resources) {
		corpus["FuzzARNRoundTrip"][fmt.Sprintf("seed-resource-%03d", i)] = seed{r}
	}
	for i, r := range requestResources {
		corpus["FuzzARNRoundTrip"][fmt.Sprintf("seed-request-%02d", i)] = seed{r}
		pattern := resourcePatterns[i%len(resourcePatterns)]
		corpus["FuzzWildcardMatch"][fmt.Sprintf("seed-resource-%02d", i)] = seed{pattern, r, uint8(i)}
	}
	corpus["FuzzARNRoundTrip"]["seed-parts"] = seed{"aws\x00s3\x00us-west-2\x00111122223333\x00accesspoint/ap1"}
	for i, a := range requestActions {
		pattern := actionPatterns[i%len(actionPatterns)]
		corpus["FuzzWildcardMatch"][fmt.Sprintf("seed-action-%02d", i)] = seed{pattern, a, uint8(i)}
	}
	corpus["FuzzWildcardMatch"]["seed-variables"] = seed{"home/${aws:username}/${k, 'x'}/*${*}", "home/alice/*?/a*", uint8(3)}
	for i, name := range append(sortedKeys(operators), "Null", "ForAnyValue:Null", "StringLikeIfExistsIfExists",
		"stringequals", "ForAllValues:", "IfExists") {
		corpus["FuzzConditionOperator"][fmt.Sprintf("seed-%02d", i)] = seed{name}
	}

	// Conditions of the generator's vocabulary against each value list the
	// request context may give their key.
	index := map[string]int{}
	for i, name := range conditionOperators() {
		index[name] = i
	}
	n := 0
	for _, c := range conditionVocabulary {
		for _, entry := range contextVocabulary {
			if !strings.EqualFold(entry.key, c.key) {
				continue
			}
			for _, values := range entry.values {
				corpus["FuzzConditionEval"][fmt.Sprintf("seed-%03d", n)] = seed{uint8(index[c.op]),
					strings.Join(c.values, "\x00"), strings.Join(values, "\x00"), n%2 == 0}
				n++
			}
		}
	}

	// The evaluator targets read their input as choices: fixed random
	// bytes give a spread of generated sets.
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 24 {
		data := make([]byte, 64+r.IntN(256))
		for j := range data {
			data[j] = byte(r.IntN(256))
		}
		name := fmt.Sprintf("seed-random-%02d", i)
		corpus["FuzzEvaluatorDifferential"][name] = seed{data}
		corpus["FuzzEvaluatorInvariants"][name] = seed{data}
	}
	return corpus
}

// seedDocuments returns the policy documents used as seeds, by seed name.
func seedDocuments(t *testing.T) map[string][]byte {
	t.Helper()
	docs := map[string][]byte{}
	for _, dir := range []string{"real", "invalid"} {
		files, err := filepath.Glob(filepath.Join("../policy/testdata", dir, "*.json"))
		require.NoError(t, err)
		require.NotEmpty(t, files, dir)
		for _, file := range files {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			docs[dir+"-"+strings.TrimSuffix(filepath.Base(file), ".json")] = data
		}
	}
	for _, name := range managedSeeds {
		data, err := os.ReadFile(filepath.Join("../policy/testdata/managed-mit", name+".json"))
		require.NoError(t, err)
		docs["managed-"+name] = data
	}
	return docs
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestSeedCorpus checks that every seed-* file of testdata/fuzz holds what
// its source gives now, and with -update-seeds writes them. A source added
// since the last update is only logged, so that a new test document does
// not fail this package.
func TestSeedCorpus(t *testing.T) {
	const refresh = "run go test ./fuzz -run TestSeedCorpus -update-seeds"
	for target, seeds := range seedCorpus(t) {
		dir := filepath.Join("testdata", "fuzz", target)
		old, err := filepath.Glob(filepath.Join(dir, "seed-*"))
		require.NoError(t, err)
		if *updateSeeds {
			for _, file := range old {
				require.NoError(t, os.Remove(file))
			}
			require.NoError(t, os.MkdirAll(dir, 0o755))
			for name, s := range seeds {
				require.NoError(t, os.WriteFile(filepath.Join(dir, name), s.encode(), 0o644))
			}
			continue
		}

		require.NotEmpty(t, old, "no seeds for %s; %s", target, refresh)
		for _, file := range old {
			if _, ok := seeds[filepath.Base(file)]; !ok {
				t.Errorf("seed %s has no source any more; %s", file, refresh)
			}
		}
		for name, s := range seeds {
			file := filepath.Join(dir, name)
			got, err := os.ReadFile(file)
			switch {
			case os.IsNotExist(err):
				t.Logf("seed %s is new; %s", file, refresh)
			case err != nil:
				t.Error(err)
			case string(got) != string(s.encode()):
				t.Errorf("seed %s no longer matches its source; %s", file, refresh)
			}
		}
	}
}

// TestSeedDocumentsCoverKinds checks that the policy seeds include
// documents that parse and documents that do not, so the round trip and
// the error checks of FuzzPolicyParse both start from real input.
func TestSeedDocumentsCoverKinds(t *testing.T) {
	parsed, rejected := 0, 0
	for _, data := range seedDocuments(t) {
		if _, err := policy.Parse(data); err != nil {
			rejected++
		} else {
			parsed++
		}
	}
	require.Greater(t, parsed, 50, "documents that parse")
	require.GreaterOrEqual(t, rejected, 16, "documents that are rejected")
}
