package arn

import (
	"strings"
	"testing"
)

// TestMatchWorkGrowsLinearly counts matcher steps, not time: doubling the
// value must at most double the work, whatever the number of stars.
func TestMatchWorkGrowsLinearly(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		pattern string
		value   func(n int) string
	}{
		{"stars separated by a ending in b", strings.Repeat("*a", 50) + "*b", func(n int) string { return strings.Repeat("a", n) }},
		{"stars separated by ab ending in c", strings.Repeat("*ab", 50) + "*c", func(n int) string { return strings.Repeat("ab", n/2) }},
		{"question pieces", strings.Repeat("*a?", 30) + "*b", func(n int) string { return strings.Repeat("a", n) }},
		{"missing middle piece", "*" + strings.Repeat("a", 20) + "b*", func(n int) string { return strings.Repeat("a", n) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			const n = 10 << 10
			ok1, work1 := match(tc.pattern, tc.value(n), false)
			ok2, work2 := match(tc.pattern, tc.value(2*n), false)
			if ok1 || ok2 {
				t.Fatalf("pattern %q matched, want no match", tc.pattern)
			}
			// The 5% slack covers work that does not depend on the value size.
			if limit := 2*work1 + work1/20; work2 > limit {
				t.Errorf("work for %d bytes = %d, for %d bytes = %d, want at most %d", n, work1, 2*n, work2, limit)
			}
		})
	}
}

// TestMatchWorkBound checks the stated worst case on a pattern whose middle
// pieces need a search at almost every position.
func TestMatchWorkBound(t *testing.T) {
	t.Parallel()
	pattern := "*" + strings.Repeat("a", 30) + "b*"
	value := strings.Repeat("a", 4096)
	_, work := match(pattern, value, true)
	if limit := (len(pattern) + 1) * (len(value) + 1); work > limit {
		t.Errorf("work = %d, want at most len(pattern) x len(value) = %d", work, limit)
	}
}
