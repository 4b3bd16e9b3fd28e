package policy

import (
	"fmt"
	"slices"
)

// Severity ranks a Finding. The zero value is not a valid severity.
type Severity uint8

// The severities, from most to least serious. They follow the four finding
// types of IAM Access Analyzer policy validation.
const (
	// SeverityError means AWS rejects the policy, or accepts it but the
	// element cannot work as written.
	SeverityError Severity = iota + 1

	// SeveritySecurityWarning means the policy may grant more than its
	// author intends, or deny less.
	SeveritySecurityWarning

	// SeverityWarning means the element probably does not work as
	// intended or goes against AWS best practice.
	SeverityWarning

	// SeveritySuggestion means the element works but can be written more
	// simply or more clearly.
	SeveritySuggestion
)

var severityNames = [...]string{
	SeverityError:           "error",
	SeveritySecurityWarning: "security-warning",
	SeverityWarning:         "warning",
	SeveritySuggestion:      "suggestion",
}

// String returns "error", "security-warning", "warning" or "suggestion",
// or a placeholder naming the number for an invalid Severity.
func (s Severity) String() string {
	if s == 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("Severity(%d)", uint8(s))
	}
	return severityNames[s]
}

// Finding is one problem Validate reports.
type Finding struct {
	// Severity ranks the finding. A check may report a different severity
	// for some policy kinds; Codes lists the exceptions.
	Severity Severity

	// Code identifies the check. Codes are stable across releases.
	Code Code

	// Message explains what is wrong and what to change. Its wording may
	// change between releases, so match on Code instead.
	Message string

	// Path is the JSON path of the element, such as
	// "Statement[1].Condition.StringLike.s3:prefix[0]", or "" for the
	// document as a whole.
	Path string

	// Pos locates the element in the document, or is NoPos for a policy
	// built in code.
	Pos Pos

	// Position is the line and column of Pos, or the zero Position.
	Position Position
}

// String returns the finding as "LINE:COL: SEVERITY CODE: PATH: MESSAGE",
// leaving out the parts that are unknown.
func (f Finding) String() string {
	s := ""
	if f.Position.IsValid() {
		s = fmt.Sprintf("%d:%d: ", f.Position.Line, f.Position.Column)
	}
	s += f.Severity.String() + " " + string(f.Code) + ": "
	if f.Path != "" {
		s += f.Path + ": "
	}
	return s + f.Message
}

// compareFindings orders findings by position in the document, then by
// path and code, so that the order is stable.
func compareFindings(a, b Finding) int {
	if a.Pos != b.Pos {
		return int(a.Pos) - int(b.Pos)
	}
	if a.Path != b.Path {
		if a.Path < b.Path {
			return -1
		}
		return 1
	}
	if a.Code != b.Code {
		if a.Code < b.Code {
			return -1
		}
		return 1
	}
	if a.Message < b.Message {
		return -1
	}
	if a.Message > b.Message {
		return 1
	}
	return 0
}

// CodeInfo describes one check of Validate.
type CodeInfo struct {
	Code Code

	// Severity is the severity the check reports, except for the policy
	// kinds named in Summary.
	Severity Severity

	// Summary describes in one sentence what the check looks for.
	Summary string
}

// Codes returns every check of Validate, in the order of the table in the
// documentation of Code. The caller may modify the returned slice.
func Codes() []CodeInfo {
	return slices.Clone(codeTable[:])
}

// Info returns the description of the code, and false for a code that
// Validate does not use.
func (c Code) Info() (CodeInfo, bool) {
	i := slices.IndexFunc(codeTable[:], func(info CodeInfo) bool { return info.Code == c })
	if i < 0 {
		return CodeInfo{}, false
	}
	return codeTable[i], true
}

// severity returns the default severity of a code.
func (c Code) severity() Severity {
	info, _ := c.Info()
	return info.Severity
}
