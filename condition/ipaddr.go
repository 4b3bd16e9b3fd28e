package condition

import (
	"net/netip"
	"strings"
)

// parseCIDR parses an IpAddress policy value: a CIDR block such as
// 203.0.113.0/24 or 2001:db8::/32, or a bare address, which means the
// block holding only that address (/32 for IPv4, /128 for IPv6). Host
// bits set after the prefix length are cleared, so 10.1.2.3/8 is
// 10.0.0.0/8. An IPv4-mapped IPv6 block stays an IPv6 block.
func parseCIDR(s string) (netip.Prefix, string) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, "not a CIDR block"
		}
		return p.Masked(), ""
	}
	addr, err := netip.ParseAddr(s)
	if err != nil || addr.Zone() != "" {
		return netip.Prefix{}, "not an IP address or CIDR block"
	}
	return netip.PrefixFrom(addr, addr.BitLen()), ""
}

// parseRequestAddr parses a request value such as aws:SourceIp: an IPv4
// address in dotted decimal, or an IPv6 address in any of its text forms,
// without a zone. It accepts exactly what netip.ParseAddr accepts, zones
// aside, but never keeps the text: netip.ParseAddr puts its input into the
// error it returns, which would make every request value escape to the
// heap and the request context with it.
func parseRequestAddr(s string) (netip.Addr, bool) {
	if strings.IndexByte(s, ':') < 0 {
		a, ok := parseIPv4(s)
		return netip.AddrFrom4(a), ok
	}
	a, ok := parseIPv6(s)
	return netip.AddrFrom16(a), ok
}

// parseIPv4 parses four decimal octets separated by dots, each without a
// leading zero.
func parseIPv4(s string) ([4]byte, bool) {
	var out [4]byte
	for i := range out {
		if i > 0 {
			if s == "" || s[0] != '.' {
				return out, false
			}
			s = s[1:]
		}
		n := digitRun(s)
		if n == 0 || n > 3 || (n > 1 && s[0] == '0') {
			return out, false
		}
		v := 0
		for _, c := range []byte(s[:n]) {
			v = v*10 + int(c-'0')
		}
		if v > 255 {
			return out, false
		}
		out[i] = byte(v)
		s = s[n:]
	}
	return out, s == ""
}

// parseIPv6 parses eight groups of one to four hexadecimal digits separated
// by colons, where one "::" may replace a run of zero groups and the last
// two groups may be written as an IPv4 address.
func parseIPv6(s string) ([16]byte, bool) {
	var out [16]byte
	gap := -1 // byte offset of the "::", or -1
	i := 0
	if strings.HasPrefix(s, "::") {
		gap = 0
		s = s[2:]
	}
	for s != "" && i < 16 {
		n := hexRun(s)
		if n < len(s) && s[n] == '.' {
			// An embedded IPv4 address takes the last four bytes.
			v4, ok := parseIPv4(s)
			if !ok || i > 12 {
				return out, false
			}
			copy(out[i:], v4[:])
			i += 4
			s = ""
			break
		}
		if n == 0 || n > 4 {
			return out, false
		}
		v := 0
		for _, c := range []byte(s[:n]) {
			v = v<<4 | int(hexValue(c))
		}
		out[i], out[i+1] = byte(v>>8), byte(v)
		i += 2
		s = s[n:]
		switch {
		case s == "":
		case strings.HasPrefix(s, "::"):
			if gap >= 0 {
				return out, false
			}
			gap = i
			s = s[2:]
		case s[0] == ':' && len(s) > 1:
			s = s[1:]
		default:
			return out, false
		}
	}
	if s != "" {
		return out, false
	}
	return expandGap(out, i, gap)
}

// expandGap moves the groups after "::" to the end of the address. Without
// "::" the groups must fill all sixteen bytes. With it they must leave room
// for at least one zero group.
func expandGap(out [16]byte, used, gap int) ([16]byte, bool) {
	if gap < 0 {
		return out, used == 16
	}
	if used == 16 {
		return out, false
	}
	shift := 16 - used
	copy(out[gap+shift:], out[gap:used])
	clear(out[gap : gap+shift])
	return out, true
}

func hexRun(s string) int {
	i := 0
	for i < len(s) && hexValue(s[i]) < 16 {
		i++
	}
	return i
}

func hexValue(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10
	}
	return 16
}

// containsAddr reports whether any block contains addr. An IPv4 address
// is never inside an IPv6 block, IPv4-mapped or not, and the reverse.
func containsAddr(blocks []netip.Prefix, addr netip.Addr) bool {
	for _, p := range blocks {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}
