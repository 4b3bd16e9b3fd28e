package condition

import (
	"math/rand/v2"
	"net/netip"
	"strings"
	"testing"
)

// checkAddrAgainstNetip compares parseRequestAddr with netip.ParseAddr, the
// reference, on one text. Zones are the one deliberate difference.
func checkAddrAgainstNetip(t *testing.T, s string) {
	t.Helper()
	want, err := netip.ParseAddr(s)
	wantOK := err == nil && want.Zone() == ""
	got, ok := parseRequestAddr(s)
	if ok != wantOK {
		t.Fatalf("parseRequestAddr(%q) ok = %v, netip.ParseAddr says %v (%v)", s, ok, wantOK, err)
	}
	if ok && got != want {
		t.Fatalf("parseRequestAddr(%q) = %v, want %v", s, got, want)
	}
}

func TestParseRequestAddrAgainstNetip(t *testing.T) {
	texts := []string{
		"0.0.0.0", "255.255.255.255", "203.0.113.7", "1.2.3", "1.2.3.4.5", "256.1.1.1",
		"01.2.3.4", "1..2.3", "1.2.3.4 ", "", ".", "1.2.3.", "0x1.2.3.4",
		"::", "::1", "1::", "2001:db8::1", "2001:DB8:0:0:0:0:0:1", "2001:0db8:0000::0001",
		"1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::", "::1:2:3:4:5:6:7",
		"1::2::3", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", ":::", "12345::", "g::1",
		"::ffff:1.2.3.4", "::1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "1.2.3.4::",
		"::ffff:1.2.3", "fe80::1%eth0", "[::1]", "1:2:3:4:5::1.2.3.4", "::1.2.3.4:5", "1:2:3:4::5:6:7:8",
	}
	for _, s := range texts {
		checkAddrAgainstNetip(t, s)
	}
}

func TestParseRequestAddrRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	const alphabet = "0123456789abcdefABCDEF:.:"
	for range 200000 {
		var sb strings.Builder
		for range rng.IntN(24) {
			sb.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		checkAddrAgainstNetip(t, sb.String())
	}
	for range 20000 {
		var b [16]byte
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		if rng.IntN(2) == 0 {
			// A run of zero groups, so String uses "::".
			start := rng.IntN(8) * 2
			clear(b[start : start+2+rng.IntN(8-start/2)*2])
		}
		a := netip.AddrFrom16(b)
		checkAddrAgainstNetip(t, a.String())
		checkAddrAgainstNetip(t, a.StringExpanded())
		checkAddrAgainstNetip(t, netip.AddrFrom4([4]byte(b[:4])).String())
	}
}

func FuzzParseRequestAddr(f *testing.F) {
	for _, s := range []string{"203.0.113.7", "2001:db8::1", "::ffff:1.2.3.4", "1::2::3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkAddrAgainstNetip(t, s)
	})
}
