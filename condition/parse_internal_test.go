package condition

import (
	"encoding/base64"
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// referenceDecimal parses s with math/big, the slow and obviously correct
// reference for parseDecimal. big.Rat accepts more forms than the policy
// grammar does, so only its value is used.
func referenceDecimal(t *testing.T, s string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("reference cannot parse %q", s)
	}
	return r
}

func TestCompareDecimalAgainstBigRat(t *testing.T) {
	numbers := []string{
		"0", "-0", "0.0", "00.000", ".5", "5.", "0.5", "-0.5", "10", "10.0", "010",
		"1e1", "1E+1", "100e-1", "0.001", "1e-3", "-1e-3", "123.456", "123.4560",
		"9007199254740993", "9007199254740992", "0.1", "0.10000000000000000001",
		"-999999999999999999999", "1.5e3", "1500", "-1500.000", "+7", "7",
		"0.000000000000000000001", "1e-21", "12345678901234567890.123456789",
	}
	for _, a := range numbers {
		for _, b := range numbers {
			da, okA := parseDecimal(a)
			db, okB := parseDecimal(b)
			if !okA || !okB {
				t.Fatalf("parseDecimal rejected %q or %q", a, b)
			}
			want := referenceDecimal(t, a).Cmp(referenceDecimal(t, b))
			assert.Equal(t, want, compareDecimal(da, db), "compare %q with %q", a, b)
		}
	}
}

func TestCompareDecimalRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	digits := func(n int) string {
		var sb strings.Builder
		for range n {
			sb.WriteByte(byte('0' + rng.IntN(10)))
		}
		return sb.String()
	}
	randomNumber := func() string {
		s := digits(rng.IntN(4))
		if rng.IntN(2) == 0 || s == "" {
			s += "." + digits(1+rng.IntN(4))
		}
		if rng.IntN(3) == 0 {
			s += fmt.Sprintf("e%d", rng.IntN(9)-4)
		}
		if rng.IntN(2) == 0 {
			s = "-" + s
		}
		return s
	}
	for range 20000 {
		a, b := randomNumber(), randomNumber()
		da, okA := parseDecimal(a)
		db, okB := parseDecimal(b)
		if !okA || !okB {
			t.Fatalf("parseDecimal rejected %q or %q", a, b)
		}
		want := referenceDecimal(t, a).Cmp(referenceDecimal(t, b))
		if got := compareDecimal(da, db); got != want {
			t.Fatalf("compare %q with %q = %d, want %d", a, b, got, want)
		}
	}
}

func TestParseDecimalRejects(t *testing.T) {
	for _, s := range []string{"", "+", "-", ".", "e5", "1e", "1e+", "1.2.3", "1,5", " 1", "1 ", "0x1F", "NaN", "Inf", "--1", "1e5.5", "١"} {
		_, ok := parseDecimal(s)
		assert.False(t, ok, "parseDecimal(%q)", s)
	}
}

func TestParseDateAgainstTimePackage(t *testing.T) {
	layouts := []string{
		"2006-01-02T15:04:05Z07:00",
		"2006-01-02T15:04Z07:00",
		"2006-01-02T15:04:05.999999999Z07:00",
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		ts := time.Unix(rng.Int64N(400*365*86400)-200*365*86400, rng.Int64N(1e9))
		zone := time.FixedZone("", (rng.IntN(47)-23)*1800)
		ts = ts.In(zone)
		for _, layout := range layouts {
			text := ts.Format(layout)
			got, form := parseDate(text)
			if form != dateValid {
				t.Fatalf("parseDate(%q) rejected", text)
			}
			want, _ := time.Parse(layout, text)
			assert.Equal(t, want.Unix(), got.seconds, "seconds of %q", text)
			wantFraction := strings.TrimRight(fmt.Sprintf("%09d", want.Nanosecond()), "0")
			assert.Equal(t, wantFraction, got.fraction, "fraction of %q", text)
		}
	}
}

func TestDaysSinceEpochAgainstTimePackage(t *testing.T) {
	for year := 0; year <= 9999; year += 7 {
		for month := 1; month <= 12; month++ {
			for _, day := range []int{1, daysIn(year, month)} {
				want := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC).Unix() / 86400
				if got := daysSinceEpoch(year, month, day); got != want {
					t.Fatalf("daysSinceEpoch(%d, %d, %d) = %d, want %d", year, month, day, got, want)
				}
			}
		}
	}
}

func TestParseDateForms(t *testing.T) {
	tests := []struct {
		text string
		form dateForm
		want instant
	}{
		{"2020", dateAmbiguous, instant{}},
		{"0000", dateAmbiguous, instant{}},
		{"2020-02", dateValid, instant{seconds: 1580515200}},
		{"2020-02-29", dateValid, instant{seconds: 1582934400}},
		{"2020-02-29T01:02Z", dateValid, instant{seconds: 1582934400 + 3720}},
		{"2020-02-29T01:02:03.120Z", dateValid, instant{seconds: 1582934400 + 3723, fraction: "12"}},
		{"1970-01-01T00:00:00+00:30", dateValid, instant{seconds: -1800}},
		{"0", dateValid, instant{}},
		{"20201", dateValid, instant{seconds: 20201}},
		{"9223372036854775807", dateValid, instant{seconds: 1<<63 - 1}},
		{"9223372036854775808", dateInvalid, instant{}},
		{"202", dateValid, instant{seconds: 202}},
		{"2020-1-1", dateInvalid, instant{}},
		{"2020-01-01T00:00:60Z", dateInvalid, instant{}},
		{"2020-01-01T00:00:00+24:00", dateInvalid, instant{}},
		{"2020-01-01T00:00:00+01:60", dateInvalid, instant{}},
		{"2020-01-01T00:00:00+0100", dateInvalid, instant{}},
		{"2020-01-01 00:00:00Z", dateInvalid, instant{}},
		{"2020-01-01T00Z", dateInvalid, instant{}},
		{"", dateInvalid, instant{}},
		{"-2020", dateInvalid, instant{}},
	}
	for _, tc := range tests {
		got, form := parseDate(tc.text)
		assert.Equal(t, tc.form, form, "form of %q", tc.text)
		assert.Equal(t, tc.want, got, "instant of %q", tc.text)
	}
}

func TestBase64AgainstEncodingPackage(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for n := range 40 {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(rng.IntN(256))
		}
		padded := base64.StdEncoding.EncodeToString(data)
		raw := base64.RawStdEncoding.EncodeToString(data)
		for _, text := range []string{padded, raw} {
			got, ok := decodeBase64(text)
			assert.True(t, ok, "decode %q", text)
			assert.Equal(t, string(data), string(got), "decode %q", text)
			assert.True(t, equalBase64(text, string(data)), "equal %q", text)
		}
		if n > 0 {
			other := append([]byte(nil), data...)
			other[n-1] ^= 1
			assert.False(t, equalBase64(padded, string(other)), "one bit differs in %q", padded)
		}
	}
}

func TestFoldKeyMatchesFoldEqual(t *testing.T) {
	keys := []string{"aws:SourceIp", "AWS:SOURCEIP", "aws:PrincipalTag/Équipe", "ǅ", "ǆ", "Ǆ", "ΣΑΣ", "σας", "\xff\xfeA", "K", "k"}
	for _, a := range keys {
		assert.Equal(t, foldKey(a), foldKey(foldKey(a)), "folding is idempotent for %q", a)
		assert.True(t, isFolded(foldKey(a)), "foldKey(%q) is folded", a)
		for _, b := range keys {
			assert.Equal(t, foldKey(a) == foldKey(b), foldEqual(a, b), "fold %q vs %q", a, b)
		}
	}
}
