package condition

// decimal is an exact decimal number, parsed without allocating: its value
// is ±0.D × 10^point, where D, the significant digits, is the concatenation
// head+tail with no leading and no trailing zero. Zero has no digits.
// Keeping D as two substrings of the input, split where the input had its
// decimal point, avoids building a new string.
type decimal struct {
	negative   bool
	head, tail string
	point      int
}

// maxExponent bounds the exponent of a number written as 1e5, so the
// position of the decimal point cannot overflow. It is far beyond any value
// a condition compares.
const maxExponent = 1_000_000_000

// parseDecimal parses a number of the form
//
//	number   = [ "+" | "-" ] mantissa [ exponent ]
//	mantissa = digits [ "." [ digits ] ] | "." digits
//	exponent = ( "e" | "E" ) [ "+" | "-" ] digits
//
// such as 10, -3.25, .5 or 1.5E3. It reports false for any other text,
// including surrounding spaces, hexadecimal, "NaN" and "Infinity".
//
// NOTE: AWS documents only "integers and decimals". The sign, the forms
// ".5" and "5." and the exponent are accepted because a policy may write a
// value as a JSON number, whose text can take them.
func parseDecimal(s string) (decimal, bool) {
	var d decimal
	if s != "" && (s[0] == '+' || s[0] == '-') {
		d.negative = s[0] == '-'
		s = s[1:]
	}

	intEnd := digitRun(s)
	intPart, rest := s[:intEnd], s[intEnd:]
	var fracPart string
	if rest != "" && rest[0] == '.' {
		fracEnd := 1 + digitRun(rest[1:])
		fracPart, rest = rest[1:fracEnd], rest[fracEnd:]
	}
	if intPart == "" && fracPart == "" {
		return decimal{}, false
	}

	exp := 0
	if rest != "" {
		var ok bool
		if exp, ok = parseExponent(rest); !ok {
			return decimal{}, false
		}
	}
	return withDigits(d.negative, intPart, fracPart, exp), true
}

// withDigits returns the number with the given sign, digits before and
// after the point, and exponent. It strips the zeros that do not change the
// value and records where the decimal point falls. Taking and returning
// values, not a pointer, keeps the input text off the heap.
func withDigits(negative bool, intPart, fracPart string, exp int) decimal {
	d := decimal{negative: negative}
	intPart = trimLeadingZeros(intPart)
	if intPart == "" {
		// 0.00123: the leading zeros of the fraction move the point left.
		trimmed := trimLeadingZeros(fracPart)
		d.point = exp - (len(fracPart) - len(trimmed))
		fracPart = trimmed
	} else {
		d.point = exp + len(intPart)
	}

	fracPart = trimTrailingZeros(fracPart)
	if fracPart == "" {
		intPart = trimTrailingZeros(intPart)
	}
	d.head, d.tail = intPart, fracPart
	if d.isZero() {
		return decimal{}
	}
	return d
}

// parseExponent parses "e" or "E", an optional sign and digits.
func parseExponent(s string) (int, bool) {
	if s[0] != 'e' && s[0] != 'E' {
		return 0, false
	}
	s = s[1:]
	negative := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		negative = s[0] == '-'
		s = s[1:]
	}
	if s == "" || digitRun(s) != len(s) {
		return 0, false
	}
	exp := 0
	for i := 0; i < len(s); i++ {
		exp = exp*10 + int(s[i]-'0')
		if exp > maxExponent {
			return 0, false
		}
	}
	if negative {
		exp = -exp
	}
	return exp, true
}

func (d decimal) isZero() bool { return d.head == "" && d.tail == "" }

func (d decimal) digitCount() int { return len(d.head) + len(d.tail) }

func (d decimal) digit(i int) byte {
	if i < len(d.head) {
		return d.head[i]
	}
	return d.tail[i-len(d.head)]
}

// compareDecimal returns -1, 0 or +1 as a is less than, equal to or greater
// than b.
func compareDecimal(a, b decimal) int {
	switch {
	case a.isZero() && b.isZero():
		return 0
	case a.isZero():
		return -b.sign()
	case b.isZero():
		return a.sign()
	case a.negative != b.negative:
		return a.sign()
	}
	m := compareMagnitude(a, b)
	if a.negative {
		return -m
	}
	return m
}

func (d decimal) sign() int {
	if d.negative {
		return -1
	}
	return 1
}

// compareMagnitude compares two non-zero numbers ignoring their signs. With
// no leading zeros, the position of the point decides first, then the
// digits in order. A number whose digits are a prefix of the other's is the
// smaller one, because neither has trailing zeros.
func compareMagnitude(a, b decimal) int {
	if a.point != b.point {
		return cmpInt(a.point, b.point)
	}
	n := min(a.digitCount(), b.digitCount())
	for i := range n {
		if da, db := a.digit(i), b.digit(i); da != db {
			return cmpInt(int(da), int(db))
		}
	}
	return cmpInt(a.digitCount(), b.digitCount())
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// digitRun returns the length of the run of ASCII digits at the start of s.
func digitRun(s string) int {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return i
}

func trimLeadingZeros(s string) string {
	for s != "" && s[0] == '0' {
		s = s[1:]
	}
	return s
}

func trimTrailingZeros(s string) string {
	for s != "" && s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	return s
}

// compareOutcome applies a comparison operator of the Numeric or Date family
// to cmp, the result of comparing the request value with the policy value.
// The negated operators are handled by the caller, so NumericNotEquals and
// DateNotEquals arrive here as their Equals twins.
func compareOutcome(b Base, cmp int) bool {
	switch b {
	case NumericEquals, NumericNotEquals, DateEquals, DateNotEquals:
		return cmp == 0
	case NumericLessThan, DateLessThan:
		return cmp < 0
	case NumericLessThanEquals, DateLessThanEquals:
		return cmp <= 0
	case NumericGreaterThan, DateGreaterThan:
		return cmp > 0
	case NumericGreaterThanEquals, DateGreaterThanEquals:
		return cmp >= 0
	}
	return false
}

// Decimal is an exact decimal number as the Numeric operators compare it,
// kept as digit text, so a value such as 1e900000000 costs no more than its
// length. The zero value is 0.
type Decimal struct{ d decimal }

// ParseDecimal parses a value of a Numeric operator, such as 10, -3.25, .5
// or 1.5E3. It reports false for text the Numeric operators reject.
func ParseDecimal(s string) (Decimal, bool) {
	d, ok := parseDecimal(s)
	return Decimal{d}, ok
}

// Compare returns -1, 0 or 1 as a is less than, equal to or greater than b.
func (a Decimal) Compare(b Decimal) int {
	return compareDecimal(a.d, b.d)
}
