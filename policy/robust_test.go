package policy_test

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/policy"
)

// checkAnyInput checks the promises Parse makes for every input: it does
// not panic, an error is a *ParseError of one documented kind with a
// position inside the input, and an accepted document survives the
// marshal round trip.
func checkAnyInput(t *testing.T, data []byte) {
	t.Helper()
	p, err := policy.Parse(data)
	if err != nil {
		var perr *policy.ParseError
		require.ErrorAs(t, err, &perr, "input %q", data)
		require.Nil(t, p)
		require.GreaterOrEqual(t, perr.Offset, 0)
		require.LessOrEqual(t, perr.Offset, len(data), "input %q: %v", data, err)
		if !errors.Is(err, policy.ErrTooLarge) {
			require.Positive(t, perr.Line, "input %q: %v", data, err)
		}
		if errors.Is(err, policy.ErrInvalidJSON) && json.Valid(data) {
			// Only text checks reject valid JSON: a byte order mark or
			// invalid UTF-8, which encoding/json lets through.
			require.Contains(t, err.Error(), "UTF-8", "input %q: %v", data, err)
		}
		return
	}

	out, err := p.MarshalJSON()
	require.NoError(t, err, "input %q", data)
	again, err := policy.Parse(out)
	require.NoError(t, err, "input %q marshalled to %q", data, out)
	require.True(t, p.Equal(again), "input %q marshalled to %q", data, out)
}

// TestValidatorsAgree mutates corpus documents byte by byte and checks
// every result with checkAnyInput. It also checks that encoding/json, which
// locates syntax errors, rejects exactly what gjson rejects, so that every
// ErrInvalidJSON error carries a position.
func TestValidatorsAgree(t *testing.T) {
	files := corpusFiles(t, "testdata/real")
	r := rand.New(rand.NewPCG(3, 4))
	const alphabet = "{}[]\",:\\ \n\t0123456789.eE+-tfnul*$?\x00\x1f\x7f\xff\xc2\xa0"

	for _, file := range files {
		data := readTestdata(t, file)
		for range 200 {
			mutated := mutate(r, data, alphabet)
			checkAnyInput(t, mutated)
		}
	}
}

func mutate(r *rand.Rand, data []byte, alphabet string) []byte {
	out := append([]byte(nil), data...)
	for range 1 + r.IntN(3) {
		if len(out) == 0 {
			return append(out, alphabet[r.IntN(len(alphabet))])
		}
		i := r.IntN(len(out))
		c := alphabet[r.IntN(len(alphabet))]
		switch r.IntN(3) {
		case 0:
			out[i] = c
		case 1:
			out = append(out[:i], out[i+1:]...)
		default:
			out = append(out[:i], append([]byte{c}, out[i:]...)...)
		}
	}
	return out
}

// FuzzParse runs checkAnyInput on generated inputs. Without -fuzz it runs
// the seeds: the real policies, the invalid documents and a few corners.
func FuzzParse(f *testing.F) {
	for _, dir := range []string{"testdata/real", "testdata/invalid"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			f.Add(readTestdataF(f, file))
		}
	}
	f.Add([]byte(`{"Statement": []}`))
	f.Add([]byte("\uFEFF{}"))
	f.Add([]byte(`{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"NumericEquals": {"k": 1e999}}}}`))

	f.Fuzz(func(t *testing.T, data []byte) {
		checkAnyInput(t, data)
	})
}

func readTestdataF(f *testing.F, file string) []byte {
	f.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		f.Fatal(err)
	}
	return data
}

// TestPolicyConcurrentUse reads one parsed policy from many goroutines;
// run with -race it checks that nothing mutates a Policy after Parse.
func TestPolicyConcurrentUse(t *testing.T) {
	p := policy.MustParse(positioned)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				st := p.Statements[0]
				_ = p.Position(st.ActionPos[1])
				_ = st.Principal.NormalizedAWS("aws")
				_ = st.Principal.Anyone()
				out, err := p.MarshalJSON()
				if err != nil {
					t.Error(err)
					return
				}
				if q, err := policy.Parse(out); err != nil || !p.Equal(q) {
					t.Errorf("round trip failed: %v", err)
					return
				}
				_ = p.String()
			}
		})
	}
	wg.Wait()
}
