package condition

// Eval evaluates the condition against the request context ctx, which may
// be nil for an empty context. It does not allocate.
//
// Null is true when a listed value matches the key's presence: "true" for
// an absent key, "false" for a present one.
//
// For every other operator an absent key (no values) gives True with
// IfExists, True with ForAllValues, False with ForAnyValue, and otherwise
// False for a positive operator and True for a negated one. A present key
// is tested value by value with EvalValue: ForAnyValue needs one request
// value to satisfy the operator, ForAllValues needs all of them. Without a
// set qualifier the key must have exactly one value. AWS does not document
// how a plain operator treats a key with several values, so for such a key
// Eval returns Indeterminate.
//
// Results combine with three-valued logic, so a request value that cannot
// be read (Indeterminate from EvalValue) decides the outcome only when the
// other values do not. A Condition holding a policy value whose meaning is
// undocumented (see New) always evaluates to Indeterminate.
func (c *Condition) Eval(ctx *Context) Outcome {
	if !c.decided {
		return Indeterminate
	}
	values, present := ctx.lookup(c.key)
	if c.Operator.Base == Null {
		return outcomeOf(c.bools.contains(!present))
	}
	if !present {
		return c.absent()
	}
	switch c.Operator.Qualifier {
	case ForAnyValue:
		return c.anyValue(ctx, values)
	case ForAllValues:
		return c.allValues(ctx, values)
	}
	if len(values) > 1 {
		return Indeterminate
	}
	return c.evalValue(ctx, values[0])
}

// absent returns the outcome for a key with no values.
func (c *Condition) absent() Outcome {
	switch {
	case c.Operator.IfExists:
		return True
	case c.Operator.Qualifier == ForAllValues:
		return True
	case c.Operator.Qualifier == ForAnyValue:
		return False
	}
	return outcomeOf(c.negated)
}

func (c *Condition) anyValue(ctx *Context, values []string) Outcome {
	result := False
	for _, v := range values {
		result = result.Or(c.evalValue(ctx, v))
		if result == True {
			break
		}
	}
	return result
}

func (c *Condition) allValues(ctx *Context, values []string) Outcome {
	result := True
	for _, v := range values {
		result = result.And(c.evalValue(ctx, v))
		if result == False {
			break
		}
	}
	return result
}

// EvalValue reports whether one request value satisfies the operator
// against the policy's values, ignoring the set qualifier and IfExists:
// for a positive operator, whether value matches at least one policy value,
// and for a negated one, whether it matches none. ctx supplies the policy
// variables in String and Arn values. An explanation can use EvalValue to
// name the request values that failed.
//
// A request value that cannot be read for the operator matches no policy
// value, so it makes a positive operator False and a negated one True.
// Examples are "ten" under NumericLessThan, "10.0.0.300" under IpAddress, a
// non-ARN under ArnLike, and anything but "true" or "false" under Bool. The
// exception is Date: a request value that is not a date, or is four digits
// (a year, or seconds since the epoch), gives Indeterminate.
//
// EvalValue for Null reports whether a key holding value satisfies the
// policy, that is whether the policy lists "false".
func (c *Condition) EvalValue(ctx *Context, value string) Outcome {
	if !c.decided {
		return Indeterminate
	}
	if c.Operator.Base == Null {
		return outcomeOf(c.bools.contains(false))
	}
	return c.evalValue(ctx, value)
}

// evalValue reports whether value satisfies the operator, negation
// included. The match of each family is written out here, rather than in
// a function of its own, to save a call on the request path.
func (c *Condition) evalValue(ctx *Context, value string) Outcome {
	var matched bool
	switch c.Operator.Base.Family() {
	case FamilyString:
		matched = c.matchString(ctx, value)
	case FamilyNumeric:
		matched = c.matchNumber(value)
	case FamilyDate:
		o := c.matchDate(value)
		if o == Indeterminate {
			return Indeterminate
		}
		matched = o == True
	case FamilyBool:
		matched = c.bools.matchBool(value)
	case FamilyBinary:
		matched = c.matchBinary(value)
	case FamilyIP:
		addr, ok := parseRequestAddr(value)
		matched = ok && containsAddr(c.blocks, addr)
	case FamilyARN:
		matched = c.matchARN(ctx, value)
	}
	return outcomeOf(matched != c.negated)
}

func (c *Condition) matchNumber(value string) bool {
	n, ok := parseDecimal(value)
	if !ok {
		return false
	}
	for _, p := range c.numbers {
		if compareOutcome(c.Operator.Base, compareDecimal(n, p)) {
			return true
		}
	}
	return false
}

func (c *Condition) matchDate(value string) Outcome {
	t, form := parseDate(value)
	if form != dateValid {
		return Indeterminate
	}
	for _, p := range c.dates {
		if compareOutcome(c.Operator.Base, compareInstant(t, p)) {
			return True
		}
	}
	return False
}

func (c *Condition) matchBinary(value string) bool {
	for _, want := range c.binaries {
		if equalBase64(value, want) {
			return true
		}
	}
	return false
}

// Block is the Condition element of one statement: the conditions of every
// operator and key in it, all of which must hold. A nil or empty Block is
// True, like a statement without a Condition element.
type Block []*Condition

// Eval returns the Kleene conjunction of the conditions' outcomes: False
// if any is False, otherwise Indeterminate if any is Indeterminate,
// otherwise True. It stops at the first False and does not allocate.
func (b Block) Eval(ctx *Context) Outcome {
	result := True
	for _, c := range b {
		result = result.And(c.Eval(ctx))
		if result == False {
			return False
		}
	}
	return result
}
