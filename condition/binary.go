package condition

// BinaryEquals values are base64 (standard alphabet, RFC 4648 section 4).
// Padding is optional on both sides, so "YQ==" and "YQ" are the same bytes.
// A request value is decoded a block at a time and compared as it goes,
// which needs no buffer on the heap.

// base64Value maps a character of the standard base64 alphabet to its six
// bits, and every other byte to invalidBase64.
var base64Value = func() [256]byte {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	var t [256]byte
	for i := range t {
		t[i] = invalidBase64
	}
	for i := 0; i < len(alphabet); i++ {
		t[alphabet[i]] = byte(i)
	}
	return t
}()

const invalidBase64 = 0xFF

// trimPadding removes up to two '=' at the end of s and reports whether the
// rest has a length that base64 can produce.
func trimPadding(s string) (string, bool) {
	for range 2 {
		if s != "" && s[len(s)-1] == '=' {
			s = s[:len(s)-1]
		}
	}
	return s, len(s)%4 != 1
}

// decodeBlock decodes up to four base64 characters into dst and returns
// the number of bytes written.
func decodeBlock(dst *[3]byte, block string) (int, bool) {
	var bits uint32
	for i := 0; i < len(block); i++ {
		v := base64Value[block[i]]
		if v == invalidBase64 {
			return 0, false
		}
		bits |= uint32(v) << (18 - 6*i)
	}
	dst[0], dst[1], dst[2] = byte(bits>>16), byte(bits>>8), byte(bits)
	return len(block) * 6 / 8, true
}

// decodeBase64 decodes a policy value once, when the condition is built.
func decodeBase64(s string) ([]byte, bool) {
	s, ok := trimPadding(s)
	if !ok {
		return nil, false
	}
	out := make([]byte, 0, len(s)*3/4)
	var block [3]byte
	for len(s) > 0 {
		k := min(4, len(s))
		n, ok := decodeBlock(&block, s[:k])
		if !ok {
			return nil, false
		}
		out = append(out, block[:n]...)
		s = s[k:]
	}
	return out, true
}

// equalBase64 reports whether the base64 request value decodes to exactly
// want. A value that is not valid base64 equals nothing.
func equalBase64(value string, want string) bool {
	value, ok := trimPadding(value)
	if !ok || len(value)*6/8 != len(want) {
		return false
	}
	var block [3]byte
	for len(value) > 0 {
		k := min(4, len(value))
		n, ok := decodeBlock(&block, value[:k])
		if !ok || string(block[:n]) != want[:n] {
			return false
		}
		value, want = value[k:], want[n:]
	}
	return true
}
