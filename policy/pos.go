package policy

import (
	"fmt"
	"strings"
)

// Pos is a position in the document a Policy was parsed from: the byte
// offset plus one. The zero value, NoPos, marks an element that was built
// in code rather than parsed. Policy.Position turns a Pos into a line and
// column.
type Pos int

// NoPos is the Pos of elements that were not parsed from a document.
const NoPos Pos = 0

func posAt(offset int) Pos { return Pos(offset + 1) }

// IsValid reports whether p is a position in a document.
func (p Pos) IsValid() bool { return p > 0 }

// Offset returns the byte offset of p from the start of the document, or
// -1 for NoPos.
func (p Pos) Offset() int {
	if p <= 0 {
		return -1
	}
	return int(p) - 1
}

// Position is a place in a document as a byte offset, line and column.
// Lines and columns start at 1 and columns count bytes, as in go/token.
// The zero value is an unknown position.
type Position struct {
	Offset int
	Line   int
	Column int
}

// IsValid reports whether the position is known.
func (p Position) IsValid() bool { return p.Line > 0 }

// String returns "line L, column C", or "unknown position".
func (p Position) String() string {
	if !p.IsValid() {
		return "unknown position"
	}
	return fmt.Sprintf("line %d, column %d", p.Line, p.Column)
}

// Position returns the line and column of pos in the document p was
// parsed from. It returns the zero Position for NoPos and for a Pos
// outside the document.
func (p *Policy) Position(pos Pos) Position {
	off := pos.Offset()
	if off < 0 || off >= len(p.src) {
		return Position{}
	}
	return positionOf(p.src, off)
}

// positionOf computes the line and column of a byte offset in src. The cost
// is linear in offset, which is fine for errors and findings but too slow
// for a hot path.
func positionOf(src string, offset int) Position {
	before := src[:offset]
	line := 1 + strings.Count(before, "\n")
	column := offset - strings.LastIndexByte(before, '\n')
	return Position{Offset: offset, Line: line, Column: column}
}
