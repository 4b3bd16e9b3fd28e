package arn

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// referenceSplit splits s with strings.SplitN, the obviously correct
// reference for split.
func referenceSplit(s string) (ARN, bool) {
	rest, ok := strings.CutPrefix(s, prefix)
	parts := strings.SplitN(rest, ":", 5)
	if !ok || len(parts) < 5 {
		return ARN{}, false
	}
	return ARN{Partition: parts[0], Service: parts[1], Region: parts[2], Account: parts[3], Resource: parts[4]}, true
}

// TestSplitAgainstReference puts colons at every position of texts of
// every length up to 40. The word-at-a-time search thus meets colons in
// every byte of a block, in the bytes after the last block, and more than
// four in one block.
func TestSplitAgainstReference(t *testing.T) {
	var texts []string
	for n := 0; n <= 40; n++ {
		body := []byte(strings.Repeat("x", n))
		for i := 0; i < n; i++ {
			for _, step := range []int{1, 2, 3, 7, 9} {
				b := append([]byte(nil), body...)
				for j := i; j < n; j += step {
					b[j] = ':'
				}
				texts = append(texts, prefix+string(b))
			}
		}
	}
	texts = append(texts, "arn:aws:s3:::b", "arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/k:e:y", "arn::::", "arn:")
	for _, s := range texts {
		got, _, err := split(s)
		want, ok := referenceSplit(s)
		if ok != (err == nil) {
			t.Errorf("split(%q) error %v, want ok %v", s, err, ok)
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("split(%q) mismatch (-want +got):\n%s", s, diff)
		}
	}
}
