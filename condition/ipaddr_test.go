package condition_test

import "testing"

func TestIPAddressOperators(t *testing.T) {
	const key = "aws:SourceIp"
	ip := func(v ...string) map[string][]string { return one(key, v...) }
	runEvalCases(t, []evalCase{
		{name: "IpAddress inside IPv4 block", op: "IpAddress", key: key, values: []string{"203.0.113.0/24"}, context: ip("203.0.113.7"), want: T},
		{name: "IpAddress outside IPv4 block", op: "IpAddress", key: key, values: []string{"203.0.113.0/24"}, context: ip("198.51.100.7"), want: F},
		{name: "IpAddress bare IPv4 is a /32", op: "IpAddress", key: key, values: []string{"203.0.113.5"}, context: ip("203.0.113.6"), want: F},
		{name: "IpAddress bare IPv4 matches itself", op: "IpAddress", key: key, values: []string{"203.0.113.5"}, context: ip("203.0.113.5"), want: T},
		{name: "IpAddress IPv6 block with compressed lower-case request", op: "IpAddress", key: key, values: []string{"203.0.113.0/24", "2001:DB8:1234:5678::/64"}, context: ip("2001:db8:1234:5678:abcd::1"), want: T},
		{name: "IpAddress IPv6 request in full form", op: "IpAddress", key: key, values: []string{"2001:db8::/32"}, context: ip("2001:0DB8:0000:0000:0000:0000:0000:0001"), want: T},
		{name: "model: IpAddress bare IPv6 is a /128", op: "IpAddress", key: key, values: []string{"2001:db8::1"}, context: ip("2001:db8::2"), want: F},
		{name: "IpAddress host bits in block are masked", op: "IpAddress", key: key, values: []string{"10.1.2.3/8"}, context: ip("10.200.0.1"), want: T},
		{name: "model: IPv4 request never in IPv6 block", op: "IpAddress", key: key, values: []string{"::/0"}, context: ip("203.0.113.7"), want: F},
		{name: "model: IPv6 request never in IPv4 block", op: "IpAddress", key: key, values: []string{"0.0.0.0/0"}, context: ip("2001:db8::1"), want: F},
		{name: "model: IPv4-mapped request not in IPv4 block", op: "IpAddress", key: key, values: []string{"203.0.113.0/24"}, context: ip("::ffff:203.0.113.7"), want: F},
		{name: "model: IPv4 request not in IPv4-mapped block", op: "IpAddress", key: key, values: []string{"::ffff:203.0.113.0/120"}, context: ip("203.0.113.7"), want: F},
		{name: "IpAddress zero-length block matches every IPv4", op: "IpAddress", key: key, values: []string{"0.0.0.0/0"}, context: ip("198.51.100.1"), want: T},
		{name: "IpAddress unparsable request is false", op: "IpAddress", key: key, values: []string{"0.0.0.0/0"}, context: ip("not-an-ip"), want: F},
		{name: "IpAddress request with zone is unparsable", op: "IpAddress", key: key, values: []string{"fe80::/10"}, context: ip("fe80::1%eth0"), want: F},
		{name: "IpAddress request CIDR is unparsable", op: "IpAddress", key: key, values: []string{"10.0.0.0/8"}, context: ip("10.0.0.0/8"), want: F},
		{name: "IpAddress absent key is false", op: "IpAddress", key: key, values: []string{"0.0.0.0/0"}, want: F},
		{name: "NotIpAddress outside block is true", op: "NotIpAddress", key: key, values: []string{"203.0.113.0/24"}, context: ip("198.51.100.7"), want: T},
		{name: "NotIpAddress inside block is false", op: "NotIpAddress", key: key, values: []string{"203.0.113.0/24"}, context: ip("203.0.113.200"), want: F},
		{name: "NotIpAddress must be outside every block", op: "NotIpAddress", key: key, values: []string{"10.0.0.0/8", "203.0.113.0/24"}, context: ip("203.0.113.1"), want: F},
		{name: "NotIpAddress absent key is true", op: "NotIpAddress", key: key, values: []string{"203.0.113.0/24"}, context: one("aws:SourceVpce", "vpce-1a2b3c"), want: T},
		{name: "NotIpAddress unparsable request is true", op: "NotIpAddress", key: key, values: []string{"203.0.113.0/24"}, context: ip("999.1.1.1"), want: T},
		{name: "IpAddress key name case-insensitive", op: "IpAddress", key: "AWS:SourceIP", values: []string{"203.0.113.0/24"}, context: ip("203.0.113.5"), want: T},
	})
}

func TestIPAddressBadValues(t *testing.T) {
	runBadValueCases(t, []badValueCase{
		{name: "prefix length too long", op: "IpAddress", values: []string{"10.0.0.0/33"}},
		{name: "octet out of range", op: "IpAddress", values: []string{"10.0.0.256"}},
		{name: "hostname is not an address", op: "NotIpAddress", values: []string{"example.com"}},
		{name: "zone is not accepted", op: "IpAddress", values: []string{"fe80::1%eth0"}},
		{name: "wildcard is not accepted", op: "IpAddress", values: []string{"10.0.0.*"}},
		{name: "policy variable is literal text", op: "IpAddress", values: []string{"${aws:SourceIp}"}, variables: true},
		{name: "second value is checked", op: "IpAddress", values: []string{"10.0.0.0/8", "10.0.0.0/"}, index: 1},
	})
}
