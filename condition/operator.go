package condition

import (
	"errors"
	"fmt"
	"strings"
)

// ErrUnknownOperator is returned, wrapped, by ParseOperator for a name that is
// not a condition operator AWS defines.
var ErrUnknownOperator = errors.New("unknown condition operator")

// Base is a condition operator without its set qualifier and IfExists
// suffix, such as StringEquals or IpAddress. The zero value is not a valid
// operator.
type Base uint8

// The base operators, in the order the AWS operator reference lists them.
const (
	StringEquals Base = iota + 1
	StringNotEquals
	StringEqualsIgnoreCase
	StringNotEqualsIgnoreCase
	StringLike
	StringNotLike
	NumericEquals
	NumericNotEquals
	NumericLessThan
	NumericLessThanEquals
	NumericGreaterThan
	NumericGreaterThanEquals
	DateEquals
	DateNotEquals
	DateLessThan
	DateLessThanEquals
	DateGreaterThan
	DateGreaterThanEquals
	Bool
	BinaryEquals
	IpAddress
	NotIpAddress
	ArnEquals
	ArnLike
	ArnNotEquals
	ArnNotLike
	Null
	baseEnd
)

var baseNames = [baseEnd]string{
	StringEquals:              "StringEquals",
	StringNotEquals:           "StringNotEquals",
	StringEqualsIgnoreCase:    "StringEqualsIgnoreCase",
	StringNotEqualsIgnoreCase: "StringNotEqualsIgnoreCase",
	StringLike:                "StringLike",
	StringNotLike:             "StringNotLike",
	NumericEquals:             "NumericEquals",
	NumericNotEquals:          "NumericNotEquals",
	NumericLessThan:           "NumericLessThan",
	NumericLessThanEquals:     "NumericLessThanEquals",
	NumericGreaterThan:        "NumericGreaterThan",
	NumericGreaterThanEquals:  "NumericGreaterThanEquals",
	DateEquals:                "DateEquals",
	DateNotEquals:             "DateNotEquals",
	DateLessThan:              "DateLessThan",
	DateLessThanEquals:        "DateLessThanEquals",
	DateGreaterThan:           "DateGreaterThan",
	DateGreaterThanEquals:     "DateGreaterThanEquals",
	Bool:                      "Bool",
	BinaryEquals:              "BinaryEquals",
	IpAddress:                 "IpAddress",
	NotIpAddress:              "NotIpAddress",
	ArnEquals:                 "ArnEquals",
	ArnLike:                   "ArnLike",
	ArnNotEquals:              "ArnNotEquals",
	ArnNotLike:                "ArnNotLike",
	Null:                      "Null",
}

// String returns the operator's name as written in a policy, or a
// placeholder naming the number for an invalid Base.
func (b Base) String() string {
	if !b.valid() {
		return fmt.Sprintf("Base(%d)", uint8(b))
	}
	return baseNames[b]
}

func (b Base) valid() bool {
	return b > 0 && b < baseEnd
}

// Negated reports whether b is a negated operator (StringNotEquals,
// NotIpAddress, ArnNotLike, ...). A negated operator is true for a request
// value that matches none of the policy's values, and true when the key is
// absent.
func (b Base) Negated() bool {
	switch b {
	case StringNotEquals, StringNotEqualsIgnoreCase, StringNotLike,
		NumericNotEquals, DateNotEquals, NotIpAddress, ArnNotEquals, ArnNotLike:
		return true
	}
	return false
}

// Family returns the kind of value b compares.
func (b Base) Family() Family {
	switch {
	case b >= StringEquals && b <= StringNotLike:
		return FamilyString
	case b >= NumericEquals && b <= NumericGreaterThanEquals:
		return FamilyNumeric
	case b >= DateEquals && b <= DateGreaterThanEquals:
		return FamilyDate
	case b == Bool:
		return FamilyBool
	case b == BinaryEquals:
		return FamilyBinary
	case b == IpAddress || b == NotIpAddress:
		return FamilyIP
	case b >= ArnEquals && b <= ArnNotLike:
		return FamilyARN
	case b == Null:
		return FamilyNull
	}
	return 0
}

// Family is the kind of value an operator compares. The zero value belongs
// to no operator.
type Family uint8

// The operator families.
const (
	FamilyString Family = iota + 1
	FamilyNumeric
	FamilyDate
	FamilyBool
	FamilyBinary
	FamilyIP
	FamilyARN
	FamilyNull
)

var familyNames = [...]string{
	FamilyString:  "String",
	FamilyNumeric: "Numeric",
	FamilyDate:    "Date",
	FamilyBool:    "Bool",
	FamilyBinary:  "Binary",
	FamilyIP:      "IpAddress",
	FamilyARN:     "Arn",
	FamilyNull:    "Null",
}

// String returns the family's name, such as "Numeric".
func (f Family) String() string {
	if f == 0 || int(f) >= len(familyNames) {
		return fmt.Sprintf("Family(%d)", uint8(f))
	}
	return familyNames[f]
}

// Qualifier is the set prefix of an operator name. The zero value,
// Single, means the operator has no prefix.
type Qualifier uint8

// The set qualifiers.
const (
	// Single is an operator written without a set prefix.
	Single Qualifier = iota
	// ForAnyValue is true when at least one request value satisfies the
	// operator, and false when the key is absent or has no values.
	ForAnyValue
	// ForAllValues is true when every request value satisfies the
	// operator, and true when the key is absent or has no values.
	ForAllValues
)

const (
	forAnyValuePrefix  = "ForAnyValue:"
	forAllValuesPrefix = "ForAllValues:"
	ifExistsSuffix     = "IfExists"
)

// String returns the prefix as written in a policy, without its colon, or
// "" for Single.
func (q Qualifier) String() string {
	switch q {
	case Single:
		return ""
	case ForAnyValue:
		return "ForAnyValue"
	case ForAllValues:
		return "ForAllValues"
	}
	return fmt.Sprintf("Qualifier(%d)", uint8(q))
}

// Operator is a full condition operator name taken apart: an optional set
// qualifier, a base operator and an optional IfExists suffix. Operators are
// comparable values. The zero value is not a valid operator.
type Operator struct {
	Qualifier Qualifier
	Base      Base
	IfExists  bool
}

// ParseOperator parses a condition operator name:
//
//	operator  = [ qualifier ":" ] base [ "IfExists" ]
//	qualifier = "ForAnyValue" | "ForAllValues"
//	base      = "StringEquals" | "StringLike" | ... | "Null"
//
// Names are matched case-sensitively against their canonical spelling,
// because AWS documents no case rule for them and a spelling AWS might not
// accept must not be evaluated. Null takes neither a qualifier nor
// IfExists. Every error wraps ErrUnknownOperator.
func ParseOperator(name string) (Operator, error) {
	var op Operator
	rest := name

	switch {
	case strings.HasPrefix(rest, forAnyValuePrefix):
		op.Qualifier = ForAnyValue
		rest = rest[len(forAnyValuePrefix):]
	case strings.HasPrefix(rest, forAllValuesPrefix):
		op.Qualifier = ForAllValues
		rest = rest[len(forAllValuesPrefix):]
	}

	base, ok := lookupBase(rest)
	if !ok {
		trimmed, found := strings.CutSuffix(rest, ifExistsSuffix)
		if !found {
			return Operator{}, unknownOperator(name, "")
		}
		base, ok = lookupBase(trimmed)
		if !ok {
			return Operator{}, unknownOperator(name, "")
		}
		op.IfExists = true
	}
	op.Base = base

	if base == Null && (op.IfExists || op.Qualifier != Single) {
		return Operator{}, unknownOperator(name, ": Null takes no set qualifier and no IfExists")
	}
	return op, nil
}

// MustParseOperator is like ParseOperator but panics on an invalid name. It
// is meant for tests and package-level variables.
func MustParseOperator(name string) Operator {
	op, err := ParseOperator(name)
	if err != nil {
		panic(err)
	}
	return op
}

func lookupBase(name string) (Base, bool) {
	for b := StringEquals; b < baseEnd; b++ {
		if baseNames[b] == name {
			return b, true
		}
	}
	return 0, false
}

func unknownOperator(name, detail string) error {
	return fmt.Errorf("condition: %w %q%s", ErrUnknownOperator, name, detail)
}

// String returns the operator's name as written in a policy, for example
// "ForAnyValue:StringLikeIfExists".
func (op Operator) String() string {
	var sb strings.Builder
	if op.Qualifier != Single {
		sb.WriteString(op.Qualifier.String())
		sb.WriteByte(':')
	}
	sb.WriteString(op.Base.String())
	if op.IfExists {
		sb.WriteString(ifExistsSuffix)
	}
	return sb.String()
}

// IsValid reports whether op names an operator ParseOperator accepts.
func (op Operator) IsValid() bool {
	if !op.Base.valid() || op.Qualifier > ForAllValues {
		return false
	}
	return op.Base != Null || (op.Qualifier == Single && !op.IfExists)
}
