//go:build js && wasm

// Package snapjson encodes core value trees (core/value) as the snapshot
// JSON of the Go <-> checkout.js protocol (docs/contracts.md): one string
// per publication, which checkout.js turns into frozen snapshot objects with
// one JSON.parse instead of one Go -> JS call per object and property.
//
// The encoding is JSON (RFC 8259) plus one escape for what JSON cannot say,
// an object whose only key is the one-character string "\u0000":
//
//	{"\u0000": n}   n >= 0: the JS value Refs()[n] (a value.Opaque's Ref:
//	                a function, a class instance, ... kept as the same value)
//	{"\u0000": -1}  undefined (value.Undefined, and any Go type that has no
//	                JS form)
//	{"\u0000": -2}  NaN      {"\u0000": -3} Infinity
//	{"\u0000": -4}  -Infinity {"\u0000": -5} -0
//
// An object key that starts with "\u0000" is written with one more "\u0000"
// in front, so no data can be mistaken for the escape; the reader removes
// it. Strings that are not valid UTF-8 have each bad byte replaced by
// U+FFFD (what JS would hold for them). Key order is the value.Object's.
//
// The package is pure Go (no syscall/js); like all of bridge/ it is built
// for js/wasm only (its tests run under Node and Chromium).
package snapjson

import (
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/wcblocks/checkoutwasm/core/value"
)

// Escape is the key of the escape object.
const Escape = "\u0000"

// PatchKey is the key of a patch object (see Encoder.Patch). No data key
// is ever written as it: a data key that starts with "\u0000" is written
// with a second one.
const PatchKey = "\u0000p"

// The escape codes below 0 (see the package comment).
const (
	CodeUndefined = -1
	CodeNaN       = -2
	CodePosInf    = -3
	CodeNegInf    = -4
	CodeNegZero   = -5
)

// maxDepth bounds nesting; a deeper value is written as undefined. Core
// value trees are immutable and so acyclic; the bound only guards the stack.
const maxDepth = 200

// Encoder appends encoded values to a reusable buffer. The zero value is
// ready to use; an Encoder is not safe for concurrent use.
type Encoder struct {
	buf  []byte
	refs []any
}

// Reset empties the buffer and the refs, keeping the buffer's capacity.
func (e *Encoder) Reset() {
	e.buf = e.buf[:0]
	clear(e.refs)
	e.refs = e.refs[:0]
}

// Bytes is the encoding so far (valid until the next call on e).
func (e *Encoder) Bytes() []byte { return e.buf }

// Refs are the opaque values' Refs, in the order of their escape numbers.
func (e *Encoder) Refs() []any { return e.refs }

// Byte appends one raw byte (for the caller's own punctuation: { , : }).
func (e *Encoder) Byte(c byte) { e.buf = append(e.buf, c) }

// Key appends s as an object key with the "\u0000" prefix rule, then ':'.
func (e *Encoder) Key(s string) {
	if len(s) > 0 && s[0] == 0 {
		e.buf = append(e.buf, `"\u0000`...)
		e.appendStringBody(s)
	} else {
		e.buf = append(e.buf, '"')
		e.appendStringBody(s)
	}
	e.buf = append(e.buf, '"', ':')
}

// String appends s as a JSON string.
func (e *Encoder) String(s string) {
	e.buf = append(e.buf, '"')
	e.appendStringBody(s)
	e.buf = append(e.buf, '"')
}

// Value appends v: nil, bool, float64, int, int64, string, []any,
// []string, *value.Object (nil: null), value.Opaque (a ref) and
// value.Undefined; any other type is written as undefined.
func (e *Encoder) Value(v any) { e.value(v, 0) }

func (e *Encoder) value(v any, depth int) {
	if depth > maxDepth {
		e.escape(CodeUndefined)
		return
	}
	switch x := v.(type) {
	case nil:
		e.buf = append(e.buf, "null"...)
	case bool:
		if x {
			e.buf = append(e.buf, "true"...)
		} else {
			e.buf = append(e.buf, "false"...)
		}
	case string:
		e.String(x)
	case float64:
		e.number(x)
	case int:
		e.buf = strconv.AppendInt(e.buf, int64(x), 10)
	case int64:
		e.number(float64(x))
	case *value.Object:
		if x == nil {
			e.buf = append(e.buf, "null"...)
			return
		}
		e.buf = append(e.buf, '{')
		first := true
		x.Range(func(k string, el any) bool {
			if !first {
				e.buf = append(e.buf, ',')
			}
			first = false
			e.Key(k)
			e.value(el, depth+1)
			return true
		})
		e.buf = append(e.buf, '}')
	case []any:
		e.buf = append(e.buf, '[')
		for i, el := range x {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.value(el, depth+1)
		}
		e.buf = append(e.buf, ']')
	case []string:
		e.buf = append(e.buf, '[')
		for i, s := range x {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.String(s)
		}
		e.buf = append(e.buf, ']')
	case value.Opaque:
		if x.Ref == nil {
			e.escape(CodeUndefined)
			return
		}
		e.refs = append(e.refs, x.Ref)
		e.escape(len(e.refs) - 1)
	default: // value.Undefined and types with no JS form
		e.escape(CodeUndefined)
	}
}

func (e *Encoder) escape(code int) {
	e.buf = append(e.buf, `{"\u0000":`...)
	e.buf = strconv.AppendInt(e.buf, int64(code), 10)
	e.buf = append(e.buf, '}')
}

func (e *Encoder) number(f float64) {
	switch {
	case math.IsNaN(f):
		e.escape(CodeNaN)
	case math.IsInf(f, 1):
		e.escape(CodePosInf)
	case math.IsInf(f, -1):
		e.escape(CodeNegInf)
	case f == 0 && math.Signbit(f):
		e.escape(CodeNegZero)
	case f == math.Trunc(f) && math.Abs(f) < 1e15:
		e.buf = strconv.AppendInt(e.buf, int64(f), 10)
	default:
		// Shortest form that reads back as the same float64; exponents
		// ("1e+21", "5e-07") are valid JSON.
		e.buf = strconv.AppendFloat(e.buf, f, 'g', -1, 64)
	}
}

const hex = "0123456789abcdef"

// appendStringBody appends s escaped for the inside of a JSON string.
func (e *Encoder) appendStringBody(s string) {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			e.buf = append(e.buf, s[start:i]...)
			switch c {
			case '"', '\\':
				e.buf = append(e.buf, '\\', c)
			case '\n':
				e.buf = append(e.buf, '\\', 'n')
			case '\r':
				e.buf = append(e.buf, '\\', 'r')
			case '\t':
				e.buf = append(e.buf, '\\', 't')
			default:
				e.buf = append(e.buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			e.buf = append(e.buf, s[start:i]...)
			e.buf = append(e.buf, `\ufffd`...)
			i++
			start = i
			continue
		}
		i += size
	}
	e.buf = append(e.buf, s[start:]...)
}

// Patch appends next as a patch of prev, an object checkout.js already
// holds, when both have the same keys in the same order:
//
//	{"\u0000p": {"<key>": value, ...}}
//
// with only the keys whose value the reader would not hold identically
// (Same is false); a value that is itself an object with the same keys as
// its counterpart is written as a patch in turn, anything else in full (the
// reader still keeps every unchanged part of a full value). The reader
// makes a new object with prev's keys in prev's order, takes the patched
// values and keeps prev's for the rest. Patch writes nothing and returns
// false when the keys differ (or either object is nil): the caller then
// writes next in full.
func (e *Encoder) Patch(prev, next *value.Object) bool { return e.patch(prev, next, 0) }

func (e *Encoder) patch(prev, next *value.Object, depth int) bool {
	if prev == nil || next == nil || prev.Len() != next.Len() || depth > maxDepth {
		return false
	}
	for i := range next.Len() {
		pk, _ := prev.Entry(i)
		nk, _ := next.Entry(i)
		if pk != nk {
			return false
		}
	}
	e.buf = append(e.buf, `{"\u0000p":{`...)
	first := true
	for i := range next.Len() {
		k, nv := next.Entry(i)
		_, pv := prev.Entry(i)
		if Same(pv, nv) {
			continue
		}
		if !first {
			e.buf = append(e.buf, ',')
		}
		first = false
		e.Key(k)
		po, _ := pv.(*value.Object)
		no, _ := nv.(*value.Object)
		if po != nil && no != nil {
			mark, refs := len(e.buf), len(e.refs)
			if e.patch(po, no, depth+1) {
				continue
			}
			e.buf, e.refs = e.buf[:mark], e.refs[:refs]
		}
		e.value(nv, depth+1)
	}
	e.buf = append(e.buf, '}', '}')
	return true
}

// Same reports whether the reader would hold a and b as the same JS value
// (Object.is for primitives, the same contents for plain objects and
// arrays). It may say false for values that are in fact the same (NaN,
// opaque values, Go types with no JS form),
// never true for values that differ: a patch then carries a value it could
// have left out, which the reader keeps by identity anyway.
func Same(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case string:
		y, ok := b.(string)
		return ok && x == y
	case float64, int, int64:
		f, _ := value.Number(x)
		y, ok := value.Number(b)
		// Object.is: the same bits, so 0 and -0 differ (value.Equal says
		// they are equal, hence this walk of its own); NaN never matches.
		return ok && f == y && math.Signbit(f) == math.Signbit(y)
	case value.Undefined:
		_, ok := b.(value.Undefined)
		return ok
	case *value.Object:
		y, ok := b.(*value.Object)
		if !ok || x == nil || y == nil {
			return ok && x == y
		}
		if x == y {
			return true // values do not change once built
		}
		if x.Len() != y.Len() {
			return false
		}
		for i := range x.Len() {
			xk, xv := x.Entry(i)
			yk, yv := y.Entry(i)
			if xk != yk || !Same(xv, yv) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		if len(x) > 0 && &x[0] == &y[0] {
			return true
		}
		for i := range x {
			if !Same(x[i], y[i]) {
				return false
			}
		}
		return true
	case []string:
		y, ok := b.([]string)
		return ok && slices.Equal(x, y)
	}
	return false // opaque values and Go types with no JS form
}

// PlainJSON appends v as JSON.stringify would write it for plain data:
// keys whose value is undefined left out, undefined array elements, NaN
// and ±Infinity written as null, -0 as 0. It returns false, leaving the
// buffer in an unspecified state, when v holds something whose JSON form
// only JS knows (an opaque value: a function, a class instance with
// toJSON, ...), a Go type with no JS form, or nests deeper than the bound:
// the caller then lets JS stringify the value instead.
func (e *Encoder) PlainJSON(v any) bool { return e.plain(v, 0) }

func (e *Encoder) plain(v any, depth int) bool {
	if depth > maxDepth {
		return false
	}
	switch x := v.(type) {
	case nil, value.Undefined:
		e.buf = append(e.buf, "null"...)
	case bool, string, int:
		e.value(x, depth)
	case int64:
		e.plainNumber(float64(x))
	case float64:
		e.plainNumber(x)
	case []string:
		e.value(x, depth)
	case []any:
		e.buf = append(e.buf, '[')
		for i, el := range x {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			if !e.plain(el, depth+1) {
				return false
			}
		}
		e.buf = append(e.buf, ']')
	case *value.Object:
		if x == nil {
			e.buf = append(e.buf, "null"...)
			return true
		}
		e.buf = append(e.buf, '{')
		first, ok := true, true
		x.Range(func(k string, el any) bool {
			if _, undef := el.(value.Undefined); undef {
				return true
			}
			if !first {
				e.buf = append(e.buf, ',')
			}
			first = false
			e.String(k)
			e.buf = append(e.buf, ':')
			ok = e.plain(el, depth+1)
			return ok
		})
		if !ok {
			return false
		}
		e.buf = append(e.buf, '}')
	default: // value.Opaque and types with no JS form
		return false
	}
	return true
}

func (e *Encoder) plainNumber(f float64) {
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		e.buf = append(e.buf, "null"...)
	case f == 0:
		e.buf = append(e.buf, '0')
	default:
		e.number(f)
	}
}
