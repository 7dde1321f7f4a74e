//go:build js && wasm

// Package jsv is the only package that imports syscall/js. Every operation
// it offers either runs in pure Go or reaches JS through one of the three
// wasm_exec.js imports that catch JS exceptions (valueInvoke, valueNew and
// valueCall; only the first two are used). Every other syscall/js import —
// valueGet, valueSet, valueIndex, valueSetIndex, valueDelete, valueLength,
// valueInstanceOf — runs JS with no try/catch: a throwing getter, a Proxy
// trap or a revoked Proxy there unwinds through Go's frames and kills the
// Go program for good ("fatal error: unknown caller pc", then "Go program
// has already exited"). So this package never calls them:
//
//   - property reads and writes go through Reflect.get / Reflect.set,
//     invoked with valueInvoke;
//   - method calls read the method with Reflect.get, then call it through
//     Function.prototype.call (bound to itself), invoked with valueInvoke —
//     js.Value.Call is not used because its failure path re-reads the
//     property with the unprotected valueGet;
//   - instanceof is Function.prototype[Symbol.hasInstance] (the ordinary
//     instanceof algorithm), invoked; the prototype walk happens inside the
//     protected call;
//   - Type never fails: a value syscall/js cannot classify (a BigInt, or an
//     exotic object such as document.all) is TypeBigInt, not a panic;
//   - Bool, Float, Int, String, Truthy, Equal read the value in Go (String
//     only for JS strings, whose conversion cannot run user code).
//
// A thrown value is described without trusting it (see Error): `throw
// null`, `throw 'x'`, a thrown revoked Proxy or a thrown object whose
// `message` getter throws all become an ordinary *Error.
//
// The JS builtins used (Reflect.get, Reflect.set, Reflect.getPrototypeOf,
// Reflect.defineProperty, Array.of, Array.isArray, Object.keys, String,
// String.prototype.slice, Function.prototype.call, Symbol.hasInstance) are
// read once, on first use, before any page code runs through the module;
// later changes to those globals by page scripts do not affect the module.
//
// It is written without fmt or reflect: measured, hack-pad/safejs costs
// 154 KB brotli in this module (it imports fmt).
package jsv

import (
	"math"
	"strconv"
	"sync"
	"syscall/js"
	"unicode/utf8"
	"unsafe"
)

// builtins are the JS functions every operation goes through.
type builtinSet struct {
	get, set, getProto, defineProp js.Value
	call                           js.Value // Function.prototype.call.bind(Function.prototype.call)
	hasInstance                    js.Value // Function.prototype[Symbol.hasInstance]
	arrayOf, isArray               js.Value
	objectCtor, keys, fromEntries  js.Value
	stringFn, slice                js.Value
}

// builtins is read once with the unprotected primitives: at that time the
// values are the engine's own builtins, which do not throw.
var builtins = sync.OnceValue(func() *builtinSet {
	g := js.Global()
	reflect := g.Get("Reflect")
	object := g.Get("Object")
	array := g.Get("Array")
	fnProto := g.Get("Function").Get("prototype")
	callFn := fnProto.Get("call")
	b := &builtinSet{
		get:         reflect.Get("get"),
		set:         reflect.Get("set"),
		getProto:    reflect.Get("getPrototypeOf"),
		defineProp:  reflect.Get("defineProperty"),
		call:        callFn.Call("bind", callFn),
		arrayOf:     array.Get("of"),
		isArray:     array.Get("isArray"),
		objectCtor:  object,
		keys:        object.Get("keys"),
		fromEntries: object.Get("fromEntries"),
		stringFn:    g.Get("String"),
		slice:       g.Get("String").Get("prototype").Get("slice"),
	}
	b.hasInstance = reflect.Get("get").Invoke(fnProto, g.Get("Symbol").Get("hasInstance"))
	return b
})

// Value is a JS value.
type Value struct{ v js.Value }

// Type is a JS type, as typeof says (null is TypeNull).
type Type int

// The JS types. TypeBigInt also covers the rare values syscall/js cannot
// classify (typeof "bigint", or an exotic object like document.all).
const (
	TypeUndefined Type = iota
	TypeNull
	TypeBoolean
	TypeNumber
	TypeString
	TypeSymbol
	TypeObject
	TypeFunction
	TypeBigInt
)

// String is the typeof name ("null" for TypeNull).
func (t Type) String() string {
	switch t {
	case TypeUndefined:
		return "undefined"
	case TypeNull:
		return "null"
	case TypeBoolean:
		return "boolean"
	case TypeNumber:
		return "number"
	case TypeString:
		return "string"
	case TypeSymbol:
		return "symbol"
	case TypeObject:
		return "object"
	case TypeFunction:
		return "function"
	}
	return "bigint"
}

// Error is a JS exception (or a wrong-type access) caught in Go.
type Error struct {
	msg string
	// Value is the thrown JS value when Thrown is true (it may be null,
	// undefined, a string, a revoked Proxy: any value); undefined otherwise.
	Value  js.Value
	Thrown bool
}

func (e *Error) Error() string { return e.msg }

func errorf(msg string) *Error { return &Error{msg: msg, Value: js.Undefined()} }

// maxMessageBytes bounds the text read from a thrown value.
const maxMessageBytes = 2048

// fromPanic turns a panic raised by syscall/js (or by Go code under it)
// into *Error. describe is false while describing a thrown value, so a value
// whose description throws again cannot recurse.
func fromPanic(r any, describe bool) *Error {
	switch x := r.(type) {
	case js.Error:
		msg := "JS exception"
		if describe {
			msg = Describe(Value{x.Value})
		}
		return &Error{msg: msg, Value: x.Value, Thrown: true}
	case *js.ValueError:
		return errorf("jsv: " + x.Error())
	case error:
		return errorf("jsv: " + x.Error())
	case string:
		return errorf("jsv: " + x)
	}
	return errorf("jsv: unexpected panic")
}

// invoke calls fn(args...) through valueInvoke, the import that catches.
func invoke(describe bool, fn js.Value, args ...any) (r js.Value, err *Error) {
	defer func() {
		if x := recover(); x != nil {
			r, err = js.Undefined(), fromPanic(x, describe)
		}
	}()
	return fn.Invoke(args...), nil
}

// Describe is a short text for a thrown or rejected value, computed without
// trusting it: an object's string `message` if reading it succeeds and it is
// not empty, else String(v) if that succeeds, else a fixed text. A thrown
// string is itself; null, undefined, numbers and symbols read "threw null"
// and so on. The text is cut at 2 KiB.
func Describe(v Value) string {
	b := builtins()
	switch v.Type() {
	case TypeString:
		s, _, err := v.StringMax(maxMessageBytes)
		if err == nil && s != "" {
			return s
		}
		return "threw an empty string"
	case TypeObject, TypeFunction:
		if m, err := invoke(false, b.get, v.v, "message"); err == nil && m.Type() == js.TypeString {
			if s, _, err := (Value{m}).StringMax(maxMessageBytes); err == nil && s != "" {
				return s
			}
		}
	}
	s, err := invoke(false, b.stringFn, v.v)
	if err == nil && s.Type() == js.TypeString {
		if str, _, err := (Value{s}).StringMax(maxMessageBytes); err == nil {
			return "threw " + str
		}
	}
	return "threw a value that cannot be described"
}

// Safe wraps a raw js.Value; Unsafe unwraps it (only for handing a value
// back to syscall/js unchanged, e.g. as a js.FuncOf result: never call its
// methods).
func Safe(v js.Value) Value   { return Value{v} }
func Unsafe(v Value) js.Value { return v.v }

// Global is globalThis.
func Global() Value { return Value{js.Global()} }

// Undefined and Null are the JS values.
func Undefined() Value { return Value{js.Undefined()} }
func Null() Value      { return Value{js.Null()} }

// ValueOf converts a Go value: Value, Func, nil, bool, the number types,
// string, and []any (a new array made with Array.of, so no setter on
// Array.prototype runs). Another type is an error.
func ValueOf(x any) (r Value, err error) {
	v, e := valueOf(x)
	if e != nil {
		return Undefined(), e
	}
	return Value{v}, nil
}

func valueOf(x any) (js.Value, *Error) {
	switch v := x.(type) {
	case Value:
		return v.v, nil
	case Func:
		return v.f.Value, nil
	case js.Value:
		return v, nil
	case nil:
		return js.Null(), nil
	case bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64, string:
		return js.ValueOf(v), nil
	case []any:
		args := make([]any, len(v))
		for i, e := range v {
			jv, err := valueOf(e)
			if err != nil {
				return js.Undefined(), err
			}
			args[i] = jv
		}
		return invoke(true, builtins().arrayOf, args...)
	}
	return js.Undefined(), errorf("jsv: ValueOf: cannot convert a Go value of this type")
}

func unwrapAll(args []any) ([]any, *Error) {
	out := make([]any, len(args))
	for i, a := range args {
		v, err := valueOf(a)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// Type is the JS type of v. It never fails.
func (v Value) Type() (t Type) {
	defer func() {
		if recover() != nil { // "bad type flag": typeof is bigint (or exotic)
			t = TypeBigInt
		}
	}()
	switch v.v.Type() {
	case js.TypeUndefined:
		return TypeUndefined
	case js.TypeNull:
		return TypeNull
	case js.TypeBoolean:
		return TypeBoolean
	case js.TypeNumber:
		return TypeNumber
	case js.TypeString:
		return TypeString
	case js.TypeSymbol:
		return TypeSymbol
	case js.TypeObject:
		return TypeObject
	case js.TypeFunction:
		return TypeFunction
	}
	return TypeBigInt
}

// ID identifies the JS value v: two Values hold the same JS object iff
// their IDs are equal, as long as one of them is alive (syscall/js gives a
// JS object one reference id while Go holds it; the id may be reused after
// every Go reference to the object is collected). It is syscall/js's
// reference word, read without a JS call (a test checks the layout).
func (v Value) ID() uint64 { return *(*uint64)(unsafe.Pointer(&v.v)) }

// IsUndefined, IsNull: what they say.
func (v Value) IsUndefined() bool { return v.v.IsUndefined() }
func (v Value) IsNull() bool      { return v.v.IsNull() }

// Equal is JS === (except that NaN equals NaN, as in syscall/js).
func (v Value) Equal(w Value) bool { return v.v.Equal(w.v) }

// isObjectLike reports whether v can have properties read through Reflect.
func (v Value) isObjectLike() bool {
	t := v.Type()
	return t == TypeObject || t == TypeFunction
}

// Get reads property p with Reflect.get: a throwing getter, a Proxy trap or
// a revoked Proxy is an error. Reading from a non-object is an error.
func (v Value) Get(p string) (Value, error) {
	if !v.isObjectLike() {
		return Undefined(), errorf("jsv: cannot read property '" + p + "' of " + v.Type().String())
	}
	r, err := invoke(true, builtins().get, v.v, Name(p).v)
	if err != nil {
		return Undefined(), err
	}
	return Value{r}, nil
}

// maxNames bounds the names Name keeps; a name beyond them, or longer than
// maxNameBytes, is made afresh on every call.
const (
	maxNames     = 128
	maxNameBytes = 40
)

var names struct {
	sync.Mutex
	m map[string]js.Value
}

// Name is the JS string s, kept for the next call when s is short and
// fewer than maxNames are kept: property names and event names cross on
// every publication and emission, and each fresh JS string made from Go
// costs a decode of Go's bytes and a finalized reference (issue 10). Names
// are never released; dynamic texts should not go through Name.
func Name(s string) Value {
	if len(s) > maxNameBytes {
		return Value{js.ValueOf(s)}
	}
	names.Lock()
	defer names.Unlock()
	if v, ok := names.m[s]; ok {
		return Value{v}
	}
	v := js.ValueOf(s)
	if len(names.m) < maxNames {
		if names.m == nil {
			names.m = make(map[string]js.Value)
		}
		names.m[s] = v
	}
	return Value{v}
}

// Set writes property p with Reflect.set: a throwing setter or trap is an
// error, and so is a write that Reflect.set refuses (frozen, read-only).
func (v Value) Set(p string, x any) error {
	if !v.isObjectLike() {
		return errorf("jsv: cannot set property '" + p + "' of " + v.Type().String())
	}
	jx, err := valueOf(x)
	if err != nil {
		return err
	}
	ok, err := invoke(true, builtins().set, v.v, Name(p).v, jx)
	if err != nil {
		return err
	}
	if ok.Type() != js.TypeBoolean || !ok.Bool() {
		return errorf("jsv: property '" + p + "' is read-only")
	}
	return nil
}

// DefineData makes p an own, enumerable, writable, configurable data
// property of v holding x, with Reflect.defineProperty: unlike Set it never
// runs a setter (not even Object.prototype's __proto__ setter), so a key
// named "__proto__" stays an ordinary own key.
func (v Value) DefineData(p string, x any) error {
	if !v.isObjectLike() {
		return errorf("jsv: cannot define property '" + p + "' of " + v.Type().String())
	}
	jx, err := valueOf(x)
	if err != nil {
		return err
	}
	b := builtins()
	entries, err := invoke(true, b.arrayOf,
		arrayOf2("value", jx), arrayOf2("writable", true), arrayOf2("enumerable", true), arrayOf2("configurable", true))
	if err != nil {
		return err
	}
	desc, err := invoke(true, b.fromEntries, entries)
	if err != nil {
		return err
	}
	ok, err := invoke(true, b.defineProp, v.v, p, desc)
	if err != nil {
		return err
	}
	if ok.Type() != js.TypeBoolean || !ok.Bool() {
		return errorf("jsv: property '" + p + "' cannot be defined")
	}
	return nil
}

func arrayOf2(a, b any) js.Value {
	r, err := invoke(true, builtins().arrayOf, a, b)
	if err != nil {
		return js.Undefined()
	}
	return r
}

// Index reads element i.
func (v Value) Index(i int) (Value, error) { return v.Get(strconv.Itoa(i)) }

// SetIndex writes element i.
func (v Value) SetIndex(i int, x any) error { return v.Set(strconv.Itoa(i), x) }

// MaxLength is the largest length Length accepts (the largest JS array length).
const MaxLength = 1<<32 - 1

// Length is v.length read with Reflect.get; it is an error unless it is an
// integer number from 0 to MaxLength.
func (v Value) Length() (int, error) {
	l, err := v.Get("length")
	if err != nil {
		return 0, err
	}
	f, err := l.Float()
	if err != nil {
		return 0, errorf("jsv: length is a " + l.Type().String() + ", not a number")
	}
	if math.IsNaN(f) || f < 0 || f > MaxLength || f != math.Trunc(f) {
		return 0, errorf("jsv: length is not a valid array length")
	}
	return int(f), nil
}

// Call calls method m of v with v as this: the method is read with
// Reflect.get and called through Function.prototype.call. A missing or
// non-callable method, a throwing getter or a throw is an error.
func (v Value) Call(m string, args ...any) (Value, error) {
	fn, err := v.Get(m)
	if err != nil {
		return Undefined(), err
	}
	if fn.Type() != TypeFunction {
		return Undefined(), errorf("jsv: property '" + m + "' is not a function, got " + fn.Type().String())
	}
	jargs, jerr := unwrapAll(args)
	if jerr != nil {
		return Undefined(), jerr
	}
	all := make([]any, 0, len(jargs)+2)
	all = append(all, fn.v, v.v)
	all = append(all, jargs...)
	r, e := invoke(true, builtins().call, all...)
	if e != nil {
		return Undefined(), e
	}
	return Value{r}, nil
}

// Invoke calls v as a function with this undefined.
func (v Value) Invoke(args ...any) (Value, error) {
	if v.Type() != TypeFunction {
		return Undefined(), errorf("jsv: cannot call a " + v.Type().String())
	}
	jargs, jerr := unwrapAll(args)
	if jerr != nil {
		return Undefined(), jerr
	}
	r, err := invoke(true, v.v, jargs...)
	if err != nil {
		return Undefined(), err
	}
	return Value{r}, nil
}

// New calls v as a constructor.
func (v Value) New(args ...any) (r Value, err error) {
	if v.Type() != TypeFunction {
		return Undefined(), errorf("jsv: cannot construct a " + v.Type().String())
	}
	jargs, jerr := unwrapAll(args)
	if jerr != nil {
		return Undefined(), jerr
	}
	defer func() {
		if x := recover(); x != nil {
			r, err = Undefined(), fromPanic(x, true)
		}
	}()
	return Value{v.v.New(jargs...)}, nil
}

// InstanceOf is JS `v instanceof t` by the ordinary algorithm (t's own
// Symbol.hasInstance is ignored): a right-hand side that is not a function,
// or a Proxy trap that throws while walking v's prototype chain, is an error.
func (v Value) InstanceOf(t Value) (bool, error) {
	if t.Type() != TypeFunction {
		return false, errorf("jsv: right-hand side of instanceof is not callable")
	}
	r, err := invoke(true, builtins().call, builtins().hasInstance, t.v, v.v)
	if err != nil {
		return false, err
	}
	return r.Type() == js.TypeBoolean && r.Bool(), nil
}

// Prototype is Reflect.getPrototypeOf(v) (a Proxy trap that throws, or a
// revoked Proxy, is an error).
func (v Value) Prototype() (Value, error) {
	if !v.isObjectLike() {
		return Undefined(), errorf("jsv: a " + v.Type().String() + " has no prototype")
	}
	r, err := invoke(true, builtins().getProto, v.v)
	if err != nil {
		return Undefined(), err
	}
	return Value{r}, nil
}

// IsArray is Array.isArray(v) (a revoked Proxy is an error).
func (v Value) IsArray() (bool, error) {
	if v.Type() != TypeObject {
		return false, nil
	}
	r, err := invoke(true, builtins().isArray, v.v)
	if err != nil {
		return false, err
	}
	return r.Type() == js.TypeBoolean && r.Bool(), nil
}

// Keys is Object.keys(v): a JS array of v's own enumerable string keys (an
// ownKeys or getOwnPropertyDescriptor trap that throws is an error).
func (v Value) Keys() (Value, error) {
	if !v.isObjectLike() {
		return Undefined(), errorf("jsv: cannot list the keys of a " + v.Type().String())
	}
	r, err := invoke(true, builtins().keys, v.v)
	if err != nil {
		return Undefined(), err
	}
	return Value{r}, nil
}

// NewObject is a new empty plain object.
func NewObject() (Value, error) { return builtinNew(builtins().objectCtor) }

func builtinNew(ctor js.Value) (r Value, err error) {
	defer func() {
		if x := recover(); x != nil {
			r, err = Undefined(), fromPanic(x, true)
		}
	}()
	return Value{ctor.New()}, nil
}

// Bool, Float, Int, String read a value of the matching JS type in Go; another
// type is an error. Int truncates toward zero and is an error for NaN,
// infinities and numbers outside the int range.
func (v Value) Bool() (bool, error) {
	if v.Type() != TypeBoolean {
		return false, errorf("jsv: value is a " + v.Type().String() + ", not a boolean")
	}
	return v.v.Bool(), nil
}

func (v Value) Float() (float64, error) {
	if v.Type() != TypeNumber {
		return 0, errorf("jsv: value is a " + v.Type().String() + ", not a number")
	}
	return v.v.Float(), nil
}

func (v Value) Int() (int, error) {
	f, err := v.Float()
	if err != nil {
		return 0, err
	}
	if math.IsNaN(f) || f >= 1<<63 || f < -(1<<63) {
		return 0, errorf("jsv: number is not in the int range")
	}
	return int(f), nil
}

func (v Value) String() (string, error) {
	if v.Type() != TypeString {
		return "", errorf("jsv: value is a " + v.Type().String() + ", not a string")
	}
	return v.v.String(), nil
}

// StringMax reads a JS string of at most maxBytes UTF-8 bytes. For a longer
// string it reads only a prefix (String.prototype.slice, invoked, so the
// whole string is never copied into Go) and returns over = true with the
// prefix cut to at most maxBytes bytes on a character boundary.
func (v Value) StringMax(maxBytes int) (s string, over bool, err error) {
	if v.Type() != TypeString {
		return "", false, errorf("jsv: value is a " + v.Type().String() + ", not a string")
	}
	if maxBytes < 0 {
		maxBytes = 0
	}
	// A JS string of n UTF-16 units has at least n UTF-8 bytes, so its
	// first maxBytes+1 units hold more than maxBytes bytes iff it is too long.
	cut, e := invoke(true, builtins().call, builtins().slice, v.v, 0, maxBytes+1)
	if e != nil {
		return "", false, e
	}
	s = cut.String()
	if len(s) <= maxBytes {
		return s, false, nil
	}
	s = s[:maxBytes]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s, true, nil
}

// Truthy is JS truthiness (no JS code runs: objects are always truthy).
func (v Value) Truthy() (bool, error) {
	switch v.Type() {
	case TypeUndefined, TypeNull:
		return false, nil
	case TypeBoolean:
		return v.v.Bool(), nil
	case TypeNumber:
		f := v.v.Float()
		return f != 0 && !math.IsNaN(f), nil
	case TypeString:
		return v.v.String() != "", nil
	}
	return true, nil
}

// PanicHandler, when set, is told about a panic recovered from a FuncOf
// callback (the callback then returns undefined to JS).
var PanicHandler func(r any)

// Func is a Go function callable from JS. Release it when JS no longer needs it.
type Func struct{ f js.Func }

// FuncOf wraps fn as a JS function. A panic in fn is recovered (a panic
// escaping a js.FuncOf callback would kill the Go program): the call returns
// undefined to JS and PanicHandler is told. Callers that must report the
// failure to JS (the bridge's exports) recover first and return an envelope.
// fn's result is converted as ValueOf converts; a result it cannot convert
// becomes undefined.
func FuncOf(fn func(this Value, args []Value) any) (Func, error) {
	return Func{js.FuncOf(func(this js.Value, args []js.Value) (ret any) {
		defer func() {
			if r := recover(); r != nil {
				ret = js.Undefined()
				if h := PanicHandler; h != nil {
					func() {
						defer func() { _ = recover() }()
						h(r)
					}()
				}
			}
		}()
		wrapped := make([]Value, len(args))
		for i, a := range args {
			wrapped[i] = Value{a}
		}
		r, err := valueOf(fn(Value{this}, wrapped))
		if err != nil {
			return js.Undefined()
		}
		return r
	})}, nil
}

// Value is the JS function.
func (f Func) Value() Value { return Value{f.f.Value} }

// Release frees the function; JS must not call it afterwards.
func (f Func) Release() { f.f.Release() }
