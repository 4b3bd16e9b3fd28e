package condition

// instant is a point in time: whole seconds since the Unix epoch plus the
// digits of a fractional second. The fraction is kept as written, without
// trailing zeros, so two instants compare exactly whatever their precision.
type instant struct {
	seconds  int64
	fraction string
}

// dateForm is the reading parseDate found for a date value.
type dateForm uint8

const (
	dateInvalid   dateForm = iota // neither an ISO 8601 date nor epoch seconds
	dateValid                     // one unambiguous instant
	dateAmbiguous                 // four digits: a year, or seconds since the epoch
)

// parseDate parses a date in one of the forms of the W3C profile of ISO
// 8601, or as seconds since the Unix epoch:
//
//	YYYY
//	YYYY-MM
//	YYYY-MM-DD
//	YYYY-MM-DDThh:mmTZD
//	YYYY-MM-DDThh:mm:ssTZD
//	YYYY-MM-DDThh:mm:ss.sTZD   (one or more digits of fraction)
//	TZD = "Z" | ("+" | "-") hh ":" mm
//	epoch = digits
//
// A date without a time denotes its first instant in UTC. Text of exactly
// four digits fits both YYYY and epoch seconds, so parseDate reports it as
// dateAmbiguous: AWS does not document which reading it uses.
//
// NOTE: a time without a zone designator, such as 2020-01-01T00:00:00, is
// rejected as the W3C profile requires. AWS may read it as UTC, in which
// case New rejects a policy AWS accepts.
func parseDate(s string) (instant, dateForm) {
	if n := digitRun(s); n == len(s) && n > 0 {
		if n == 4 {
			return instant{}, dateAmbiguous
		}
		return parseEpoch(s)
	}
	if t, ok := parseISODate(s); ok {
		return t, dateValid
	}
	return instant{}, dateInvalid
}

// parseEpoch parses whole seconds since the epoch.
func parseEpoch(s string) (instant, dateForm) {
	const limit = (1<<63 - 1) / 10
	var seconds int64
	for i := 0; i < len(s); i++ {
		if seconds > limit {
			return instant{}, dateInvalid
		}
		seconds = seconds*10 + int64(s[i]-'0')
		if seconds < 0 {
			return instant{}, dateInvalid
		}
	}
	return instant{seconds: seconds}, dateValid
}

// dateFields is an ISO 8601 date and time of day, before the zone offset
// is applied.
type dateFields struct {
	year, month, day     int
	hour, minute, second int
	fraction             string
	offset               int // seconds east of UTC
}

func parseISODate(s string) (instant, bool) {
	f := dateFields{month: 1, day: 1}
	var ok bool
	if f.year, s, ok = fixedDigits(s, 4); !ok {
		return instant{}, false
	}
	if s != "" {
		if f.month, s, ok = field(s, '-', 1, 12); !ok {
			return instant{}, false
		}
		if s != "" {
			if f.day, s, ok = field(s, '-', 1, daysIn(f.year, f.month)); !ok {
				return instant{}, false
			}
			if s != "" {
				if f, ok = parseTime(f, s); !ok {
					return instant{}, false
				}
			}
		}
	}
	return f.instant(), true
}

// parseTime parses "Thh:mm", optional seconds and fraction, and the
// required zone designator into a copy of f. It takes and returns f by
// value, not by pointer, so the fraction's text stays off the heap.
func parseTime(f dateFields, s string) (dateFields, bool) {
	var ok bool
	if f.hour, s, ok = field(s, 'T', 0, 23); !ok {
		return f, false
	}
	if f.minute, s, ok = field(s, ':', 0, 59); !ok {
		return f, false
	}
	if s != "" && s[0] == ':' {
		if f.second, s, ok = field(s, ':', 0, 59); !ok {
			return f, false
		}
		if s != "" && s[0] == '.' {
			n := digitRun(s[1:])
			if n == 0 {
				return f, false
			}
			f.fraction = trimTrailingZeros(s[1 : 1+n])
			s = s[1+n:]
		}
	}
	f.offset, ok = parseZone(s)
	return f, ok
}

// parseZone parses "Z" or an offset "+hh:mm" / "-hh:mm" that makes up the
// whole of s, and returns the offset in seconds east of UTC.
func parseZone(s string) (int, bool) {
	if s == "Z" {
		return 0, true
	}
	if len(s) != 6 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	hours, rest, ok := fixedDigits(s[1:], 2)
	if !ok || hours > 23 {
		return 0, false
	}
	minutes, rest, ok := field(rest, ':', 0, 59)
	if !ok || rest != "" {
		return 0, false
	}
	offset := hours*3600 + minutes*60
	if s[0] == '-' {
		offset = -offset
	}
	return offset, true
}

// field parses sep followed by two digits in [lo, hi].
func field(s string, sep byte, lo, hi int) (int, string, bool) {
	if s == "" || s[0] != sep {
		return 0, s, false
	}
	n, rest, ok := fixedDigits(s[1:], 2)
	if !ok || n < lo || n > hi {
		return 0, s, false
	}
	return n, rest, true
}

// fixedDigits parses exactly width digits at the start of s.
func fixedDigits(s string, width int) (int, string, bool) {
	if len(s) < width {
		return 0, s, false
	}
	n := 0
	for i := range width {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, s, false
		}
		n = n*10 + int(c-'0')
	}
	return n, s[width:], true
}

func (f dateFields) instant() instant {
	days := daysSinceEpoch(f.year, f.month, f.day)
	seconds := days*86400 + int64(f.hour*3600+f.minute*60+f.second-f.offset)
	return instant{seconds: seconds, fraction: f.fraction}
}

// daysSinceEpoch returns the number of days from 1970-01-01 to the given
// date of the proleptic Gregorian calendar. It counts in 400-year eras,
// each 146097 days long, with years starting in March so that the leap day
// is the last day of a year.
func daysSinceEpoch(year, month, day int) int64 {
	if month <= 2 {
		year--
	}
	era := year / 400
	if year < 0 && year%400 != 0 {
		era--
	}
	yearOfEra := year - era*400
	shifted := (month + 9) % 12 // March is 0
	dayOfYear := (153*shifted+2)/5 + day - 1
	dayOfEra := yearOfEra*365 + yearOfEra/4 - yearOfEra/100 + dayOfYear
	return int64(era)*146097 + int64(dayOfEra) - 719468
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// compareInstant returns -1, 0 or +1 as a is before, equal to or after b.
func compareInstant(a, b instant) int {
	if a.seconds != b.seconds {
		if a.seconds < b.seconds {
			return -1
		}
		return 1
	}
	// Without trailing zeros, fractions compare as strings: a fraction that
	// is a prefix of the other is the smaller one.
	switch {
	case a.fraction < b.fraction:
		return -1
	case a.fraction > b.fraction:
		return 1
	}
	return 0
}
