//go:build js && wasm

// Package jsv is a thin layer over syscall/js in which every operation that
// can throw in JS (property access on null, calling a non-function, a
// throwing getter or callee) returns an error instead of panicking, so a JS
// mistake can never kill the Go program. It follows the discipline of
// github.com/hack-pad/safejs but is written here without fmt or reflect:
// measured, safejs costs 154 KB brotli in this module (it imports fmt), which
// alone breaks the 650 KB budget (see README, "Size").
package jsv

import (
	"errors"
	"strconv"
	"sync"
	"syscall/js"
)

// reflectFns holds Reflect.get and Reflect.set. Property access goes through
// them because syscall/js catches JS exceptions only around calls: a throwing
// getter read with js.Value.Get would abort the whole Go program.
var reflectFns = sync.OnceValues(func() (js.Value, js.Value) {
	r := js.Global().Get("Reflect")
	return r.Get("get"), r.Get("set")
})

// Value is a JS value.
type Value struct{ v js.Value }

// Type is a JS type.
type Type = js.Type

// The JS types.
const (
	TypeUndefined = js.TypeUndefined
	TypeNull      = js.TypeNull
	TypeBoolean   = js.TypeBoolean
	TypeNumber    = js.TypeNumber
	TypeString    = js.TypeString
	TypeSymbol    = js.TypeSymbol
	TypeObject    = js.TypeObject
	TypeFunction  = js.TypeFunction
)

// Error is a JS exception (or a wrong-type access) caught in Go.
type Error struct {
	msg   string
	Value js.Value // the thrown JS value, when there is one
}

func (e *Error) Error() string { return e.msg }

// catch turns a panic from syscall/js into *Error.
func catch(err *error) {
	r := recover()
	if r == nil {
		return
	}
	switch x := r.(type) {
	case js.Error:
		msg := "JS exception"
		if m := x.Value.Get("message"); m.Type() == js.TypeString {
			msg = m.String()
		}
		*err = &Error{msg: msg, Value: x.Value}
	case *js.ValueError:
		*err = &Error{msg: x.Error()}
	case error:
		*err = &Error{msg: x.Error()}
	case string:
		*err = &Error{msg: x}
	default:
		*err = errors.New("jsv: unexpected panic")
	}
}

// Safe wraps a raw js.Value; Unsafe unwraps it.
func Safe(v js.Value) Value   { return Value{v} }
func Unsafe(v Value) js.Value { return v.v }

// Global is globalThis.
func Global() Value { return Value{js.Global()} }

// Undefined and Null are the JS values.
func Undefined() Value { return Value{js.Undefined()} }
func Null() Value      { return Value{js.Null()} }

// ValueOf converts a Go value as js.ValueOf does (Values are unwrapped),
// returning an error for a type it cannot convert.
func ValueOf(x any) (r Value, err error) {
	defer catch(&err)
	return Value{js.ValueOf(unwrap(x))}, nil
}

func unwrap(x any) any {
	switch v := x.(type) {
	case Value:
		return v.v
	case Func:
		return v.f.Value
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = unwrap(e)
		}
		return out
	}
	return x
}

func unwrapAll(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = unwrap(a)
	}
	return out
}

// Type is the JS type of v.
func (v Value) Type() Type { return v.v.Type() }

// IsUndefined, IsNull: what they say.
func (v Value) IsUndefined() bool { return v.v.IsUndefined() }
func (v Value) IsNull() bool      { return v.v.IsNull() }

// Equal is JS ===.
func (v Value) Equal(w Value) bool { return v.v.Equal(w.v) }

// isObjectLike reports whether properties can be read from v without a TypeError.
func (v Value) isObjectLike() bool {
	t := v.v.Type()
	return t == js.TypeObject || t == js.TypeFunction
}

// Get reads property p (through Reflect.get, so a throwing getter is an error).
func (v Value) Get(p string) (r Value, err error) {
	defer catch(&err)
	if !v.isObjectLike() {
		return Undefined(), &Error{msg: "jsv: cannot read property '" + p + "' of " + v.v.Type().String()}
	}
	get, _ := reflectFns()
	return Value{get.Invoke(v.v, p)}, nil
}

// Set writes property p (through Reflect.set, so a throwing setter is an
// error; writing to a frozen object is an error too).
func (v Value) Set(p string, x any) (err error) {
	defer catch(&err)
	if !v.isObjectLike() {
		return &Error{msg: "jsv: cannot set property '" + p + "' of " + v.v.Type().String()}
	}
	_, set := reflectFns()
	if !set.Invoke(v.v, p, unwrap(x)).Bool() {
		return &Error{msg: "jsv: property '" + p + "' is read-only"}
	}
	return nil
}

// Index reads element i.
func (v Value) Index(i int) (r Value, err error) {
	return v.Get(strconv.Itoa(i))
}

// SetIndex writes element i.
func (v Value) SetIndex(i int, x any) (err error) {
	return v.Set(strconv.Itoa(i), x)
}

// Length is v.length (an error unless it is a number).
func (v Value) Length() (n int, err error) {
	l, err := v.Get("length")
	if err != nil {
		return 0, err
	}
	return l.Int()
}

// Call calls method m of v.
func (v Value) Call(m string, args ...any) (r Value, err error) {
	defer catch(&err)
	return Value{v.v.Call(m, unwrapAll(args)...)}, nil
}

// Invoke calls v as a function.
func (v Value) Invoke(args ...any) (r Value, err error) {
	defer catch(&err)
	return Value{v.v.Invoke(unwrapAll(args)...)}, nil
}

// New calls v as a constructor.
func (v Value) New(args ...any) (r Value, err error) {
	defer catch(&err)
	return Value{v.v.New(unwrapAll(args)...)}, nil
}

// InstanceOf is JS instanceof; a right-hand side that is not a function is an error.
func (v Value) InstanceOf(t Value) (ok bool, err error) {
	defer catch(&err)
	if t.v.Type() != js.TypeFunction {
		return false, &Error{msg: "jsv: right-hand side of instanceof is not callable"}
	}
	return v.v.InstanceOf(t.v), nil
}

// Bool, Float, Int, String read a value of the matching JS type; another
// type is an error (String never fails: it is JS String(v) for non-strings).
func (v Value) Bool() (b bool, err error) {
	defer catch(&err)
	return v.v.Bool(), nil
}

func (v Value) Float() (f float64, err error) {
	defer catch(&err)
	return v.v.Float(), nil
}

func (v Value) Int() (n int, err error) {
	defer catch(&err)
	return v.v.Int(), nil
}

func (v Value) String() (s string, err error) {
	defer catch(&err)
	if v.v.Type() != js.TypeString {
		return "", &Error{msg: "jsv: value is not a string"}
	}
	return v.v.String(), nil
}

// Truthy is JS truthiness.
func (v Value) Truthy() (b bool, err error) {
	defer catch(&err)
	return v.v.Truthy(), nil
}

// Func is a Go function callable from JS. Release it when JS no longer needs it.
type Func struct{ f js.Func }

// FuncOf wraps fn as a JS function. It does not recover panics: a Go
// callback cannot throw into its JS caller, so the caller decides what a
// failure returns (the bridge's export wrapper recovers and returns an
// envelope that checkout.js throws).
func FuncOf(fn func(this Value, args []Value) any) (Func, error) {
	return Func{js.FuncOf(func(this js.Value, args []js.Value) any {
		wrapped := make([]Value, len(args))
		for i, a := range args {
			wrapped[i] = Value{a}
		}
		return unwrap(fn(Value{this}, wrapped))
	})}, nil
}

// Value is the JS function.
func (f Func) Value() Value { return Value{f.f.Value} }

// Release frees the function; JS must not call it afterwards.
func (f Func) Release() { f.f.Release() }
