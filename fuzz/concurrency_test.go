package fuzz

import (
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/evaluator"
)

// concurrentRequests returns a request for every caller, action and
// resource of the vocabulary, each with a random context.
func concurrentRequests() []*evaluator.Request {
	r := rand.New(rand.NewPCG(7, 8))
	var requests []*evaluator.Request
	for _, c := range callers {
		principal := evaluator.MustParsePrincipal(c.principal, c.issuer)
		for _, action := range requestActions {
			for _, resource := range requestResources {
				ctx := map[string][]string{}
				for _, entry := range contextVocabulary {
					if r.IntN(3) == 0 {
						ctx[entry.key] = entry.values[r.IntN(len(entry.values))]
					}
				}
				requests = append(requests, &evaluator.Request{Principal: principal, Action: action,
					Resource: resource, ResourceAccount: accountA, Context: condition.NewContext(ctx)})
			}
		}
	}
	return requests
}

// concurrentEvaluator returns an evaluator built from a generated set that
// has identity-based policies, a bucket policy, an access point with its
// policy and SCPs, and that allows some of the requests and explicitly
// denies others. It also returns each request's result as JSON.
func concurrentEvaluator(t *testing.T, requests []*evaluator.Request) (*evaluator.Evaluator, []string) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 10_000 {
		data := make([]byte, 512)
		for i := range data {
			data[i] = byte(r.IntN(256))
		}
		g := genSetFrom(&byteSource{data: data})
		if len(g.identity) == 0 || g.resourcePolicy == nil || g.ap == nil || len(g.scps) == 0 {
			continue
		}
		ev, err := evaluator.New(g.build(t).set)
		require.NoError(t, err)

		results := make([]string, len(requests))
		decisions := map[evaluator.Decision]int{}
		for i, req := range requests {
			res := ev.Evaluate(req)
			require.NoError(t, res.Err)
			data, err := res.MarshalJSON()
			require.NoError(t, err)
			results[i] = string(data)
			decisions[res.Decision]++
		}
		if decisions[evaluator.Allow] > 0 && decisions[evaluator.ExplicitDeny] > 0 {
			return ev, results
		}
	}
	t.Fatal("no generated set has every kind of policy and both allows and denies")
	return nil, nil
}

// TestOneEvaluatorSixtyFourGoroutines shares one evaluator between 64
// goroutines that each decide a different selection of requests in their
// own order, and checks every result against sequential use. Run with
// -race, it also checks that Evaluate and Explain write nothing shared.
func TestOneEvaluatorSixtyFourGoroutines(t *testing.T) {
	requests := concurrentRequests()
	ev, want := concurrentEvaluator(t, requests)

	const workers = 64
	const perWorker = 200
	var wg sync.WaitGroup
	errs := make(chan string, workers)
	for w := range workers {
		order := rand.New(rand.NewPCG(uint64(w), 9)).Perm(len(requests))[:perWorker]
		wg.Go(func() {
			for n, i := range order {
				res := ev.Evaluate(requests[i])
				if n%50 == 0 {
					res = ev.Explain(requests[i]).Result
				}
				data, err := res.MarshalJSON()
				if err != nil || string(data) != want[i] {
					errs <- "request " + requests[i].Principal.String() + " " + requests[i].Action + " " +
						requests[i].Resource + ": got " + string(data) + ", want " + want[i]
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
