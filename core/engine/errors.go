package engine

// ArgError is bad input at the boundary: a call got an argument of the
// wrong type or shape (D34). The bridge turns it into a JS TypeError whose
// message names the function and the argument. The engine's state is left
// exactly as it was before the call.
type ArgError struct {
	Func string // e.g. "dispatch('wc/store/checkout').__internalSetOrderNotes"
	Arg  string // e.g. "orderNotes"
	Want string // e.g. "a string"
	Got  string // JS typeof of what was given
}

func (e *ArgError) Error() string {
	msg := e.Func + ": argument '" + e.Arg + "' must be " + e.Want
	if e.Got != "" {
		msg += " (got " + e.Got + ")"
	}
	return msg
}

// UnknownError reports a store key, action or registration name that does
// not exist. It is also a TypeError for JS (D34).
type UnknownError struct {
	Func string
	What string // "store", "action", "event"
	Name string
}

func (e *UnknownError) Error() string {
	return e.Func + ": unknown " + e.What + " '" + e.Name + "'"
}
