package condition

import (
	"strings"
	"testing"
	"unicode"
)

// referenceFolded reports whether key is in folded form by folding it rune
// by rune, the slow and obviously correct reference for isFolded.
func referenceFolded(key string) bool {
	var sb strings.Builder
	for i, r := range key {
		if r == unicode.ReplacementChar && !strings.HasPrefix(key[i:], "\uFFFD") {
			sb.WriteByte(key[i]) // an invalid byte stays as it is
			continue
		}
		sb.WriteRune(unicode.ToLower(unicode.ToUpper(r)))
	}
	return sb.String() == key
}

// TestIsFoldedAgainstReference puts an upper-case letter, a byte outside
// ASCII and other bytes at every position of keys of every length up to
// 40, so that each block of the word-at-a-time test and its overlapping
// last block see them.
func TestIsFoldedAgainstReference(t *testing.T) {
	specials := []string{"A", "Z", "@", "[", "`", "{", "a", "z", "é", "É", "\u212a", "\xff", "_", "/"}
	for n := 0; n <= 40; n++ {
		base := strings.Repeat("k", n)
		keys := []string{base}
		for i := 0; i < n; i++ {
			for _, sp := range specials {
				keys = append(keys, base[:i]+sp+base[i+1:])
			}
		}
		for _, key := range keys {
			if got, want := isFolded(key), referenceFolded(key); got != want {
				t.Errorf("isFolded(%q) = %v, want %v", key, got, want)
			}
		}
	}
}
