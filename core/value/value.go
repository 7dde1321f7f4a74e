// Package value models JavaScript values in pure Go, so that core can apply
// the reference's JS-typed rules ("plain object", "has key", typeof, truthiness)
// without importing syscall/js.
//
// The mapping is fixed and total:
//
//	JS undefined            -> Undefined{} (the Undef variable)
//	JS null                 -> nil
//	boolean                 -> bool
//	number                  -> float64
//	string                  -> string
//	Array                   -> []any
//	plain object            -> *Object (own enumerable keys, insertion order kept)
//	anything else           -> Opaque (class instance, null-prototype object,
//	                           function, symbol, bigint), carrying its typeof
//
// Values are treated as immutable once built: functions here never modify
// their arguments, and stores hand them out without copying.
package value

import (
	"math"
	"strconv"
)

// Undefined is JS undefined. It is distinct from nil (JS null).
type Undefined struct{}

// Undef is the one Undefined value.
var Undef = Undefined{}

// Opaque stands for a JS value core does not look into: a function, a class
// instance, an object with a null prototype, a symbol or a bigint.
// TypeOf is what JS typeof returns for it ("function", "object", ...).
// Ref lets the bridge keep the original JS value (core never reads it).
type Opaque struct {
	TypeOf string
	Ref    any
}

// Object is a JS plain object: ordered own keys, as JS preserves insertion
// order for string keys. The zero value is an empty object. Methods with a
// pointer receiver accept a nil *Object and treat it as empty.
//
// The entries are a slice in key order; an object of more than
// smallObject keys also gets an index map. Views and observer data are
// mostly small objects built on every change: a linear scan of a few
// keys costs less than hashing them into a map (on WebAssembly Go hashes
// strings without hardware help).
type Object struct {
	kv    []entry
	index map[string]int // key -> position in kv; nil while the object is small
}

type entry struct {
	k string
	v any
}

// smallObject is the most keys an Object looks up without its index.
const smallObject = 32

// NewObject builds an object from alternating key, value pairs.
// It panics if kv has odd length or a key is not a string (programmer error).
func NewObject(kv ...any) *Object {
	if len(kv)%2 != 0 {
		panic("value.NewObject: odd number of arguments")
	}
	o := &Object{}
	if n := len(kv) / 2; n > 0 {
		o.kv = make([]entry, 0, n) // sized once
	}
	// seen has a bit per key sketch (length and end bytes): a key whose bit
	// is clear cannot be a repeat, so it is appended without a scan. Views
	// are built with distinct literal keys on every change (issue 10).
	var seen uint64
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			panic("value.NewObject: key is not a string")
		}
		bit := keyBit(k)
		if seen&bit == 0 && o.index == nil && len(o.kv) < smallObject {
			seen |= bit
			o.kv = append(o.kv, entry{k, kv[i+1]})
			continue
		}
		seen |= bit
		o.set(k, kv[i+1])
	}
	return o
}

// keyBit is one of 64 bits chosen by k's length and first and last bytes.
func keyBit(k string) uint64 {
	h := uint(len(k))
	if len(k) > 0 {
		h = h*31 + uint(k[0])
		h = h*31 + uint(k[len(k)-1])
	}
	return 1 << (h & 63)
}

// find is the position of k in o.kv, or -1. It is not inlined: Get and
// Has are called from hundreds of places, and a copy of this loop in each
// costs module size for no measurable speed.
//
//go:noinline
func (o *Object) find(k string) int {
	if o.index != nil {
		if i, ok := o.index[k]; ok {
			return i
		}
		return -1
	}
	for i := range o.kv {
		if o.kv[i].k == k {
			return i
		}
	}
	return -1
}

// set is the only mutator; it is used while building an object. A key
// already present keeps its place and takes the new value.
func (o *Object) set(k string, v any) {
	if i := o.find(k); i >= 0 {
		o.kv[i].v = v
		return
	}
	o.kv = append(o.kv, entry{k, v})
	switch {
	case o.index != nil:
		o.index[k] = len(o.kv) - 1
	case len(o.kv) > smallObject:
		o.index = make(map[string]int, 2*len(o.kv))
		for i, e := range o.kv {
			o.index[e.k] = i
		}
	}
}

// Builder builds an Object key by key. Use it once; Build hands the object over.
type Builder struct{ o *Object }

// Set adds or replaces key k (a replaced key keeps its first position, as in JS).
func (b *Builder) Set(k string, v any) *Builder {
	if b.o == nil {
		b.o = &Object{}
	}
	b.o.set(k, v)
	return b
}

// Build returns the built object (an empty one if nothing was set).
func (b *Builder) Build() *Object {
	if b.o == nil {
		return &Object{}
	}
	o := b.o
	b.o = nil
	return o
}

// Len is the number of keys.
func (o *Object) Len() int {
	if o == nil {
		return 0
	}
	return len(o.kv)
}

// Keys returns the keys in insertion order (a copy).
func (o *Object) Keys() []string {
	if o == nil {
		return nil
	}
	keys := make([]string, len(o.kv))
	for i, e := range o.kv {
		keys[i] = e.k
	}
	return keys
}

// Has reports whether k is a key (JS `k in o` for plain objects).
func (o *Object) Has(k string) bool {
	return o != nil && o.find(k) >= 0
}

// Get returns the value at k, or Undef when absent.
//
//go:noinline
func (o *Object) Get(k string) any {
	if o == nil {
		return Undef
	}
	if i := o.find(k); i >= 0 {
		return o.kv[i].v
	}
	return Undef
}

// With returns a copy of o with k set to v (o is unchanged).
func (o *Object) With(k string, v any) *Object {
	c := o.clone(1)
	c.set(k, v)
	return c
}

// Without returns a copy of o without k (o is unchanged).
func (o *Object) Without(k string) *Object {
	c := &Object{}
	if o == nil {
		return c
	}
	c.kv = make([]entry, 0, len(o.kv))
	for _, e := range o.kv {
		if e.k != k {
			c.set(e.k, e.v)
		}
	}
	return c
}

// Clone returns a shallow copy.
func (o *Object) Clone() *Object { return o.clone(0) }

// clone copies o with room for extra more keys.
func (o *Object) clone(extra int) *Object {
	c := &Object{}
	if o == nil || len(o.kv) == 0 {
		return c
	}
	c.kv = make([]entry, len(o.kv), len(o.kv)+extra)
	copy(c.kv, o.kv)
	if o.index != nil {
		c.index = make(map[string]int, len(o.index)+extra)
		for k, i := range o.index {
			c.index[k] = i
		}
	}
	return c
}

// Merge returns a shallow merge: the keys of o, then the keys of over;
// values from over win (JS `{...o, ...over}`).
func (o *Object) Merge(over *Object) *Object {
	c := o.clone(over.Len())
	if over != nil {
		for _, e := range over.kv {
			c.set(e.k, e.v)
		}
	}
	return c
}

// Entry is the i-th key and its value (0 <= i < Len(); it panics
// otherwise, like an index out of range).
func (o *Object) Entry(i int) (string, any) {
	e := o.kv[i]
	return e.k, e.v
}

// Range calls f for each key in order until f returns false. Objects do
// not change once built, so it walks the entries themselves (no copy).
func (o *Object) Range(f func(k string, v any) bool) {
	if o == nil {
		return
	}
	for _, e := range o.kv {
		if !f(e.k, e.v) {
			return
		}
	}
}

// IsPlainObject reports whether v is a JS plain object (ref §0).
func IsPlainObject(v any) bool {
	_, ok := v.(*Object)
	return ok
}

// AsObject returns v as *Object, or nil when v is not a plain object.
func AsObject(v any) *Object {
	o, _ := v.(*Object)
	return o
}

// TypeOf returns JS typeof for v.
func TypeOf(v any) string {
	switch x := v.(type) {
	case Undefined:
		return "undefined"
	case nil:
		return "object"
	case bool:
		return "boolean"
	case float64, int, int64:
		return "number"
	case string:
		return "string"
	case []any, *Object:
		return "object"
	case Opaque:
		return x.TypeOf
	default:
		return "object"
	}
}

// Truthy is JS truthiness.
func Truthy(v any) bool {
	switch x := v.(type) {
	case Undefined, nil:
		return false
	case bool:
		return x
	case float64:
		return x != 0 && !math.IsNaN(x)
	case int:
		return x != 0
	case int64:
		return x != 0
	case string:
		return x != ""
	default:
		return true
	}
}

// IsUndefined reports whether v is JS undefined.
func IsUndefined(v any) bool {
	_, ok := v.(Undefined)
	return ok
}

// String is JS String(v) for the values core meets: numbers use the
// shortest round-trip form ("2", "2.5", "NaN", "Infinity"), objects give
// "[object Object]", arrays join their items with ",".
func String(v any) string {
	switch x := v.(type) {
	case Undefined:
		return "undefined"
	case nil:
		return "null"
	case bool:
		if x {
			return "true"
		}
		return "false"
	case float64:
		return formatNumber(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case string:
		return x
	case []any:
		s := ""
		for i, e := range x {
			if i > 0 {
				s += ","
			}
			if e == nil || IsUndefined(e) {
				continue
			}
			s += String(e)
		}
		return s
	case *Object:
		return "[object Object]"
	case Opaque:
		if x.TypeOf == "function" {
			return "function"
		}
		return "[object Object]"
	default:
		return "[object Object]"
	}
}

func formatNumber(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0"
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// Number returns v as a float64 when it is a JS number.
func Number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	}
	return 0, false
}

// Str returns v as a string when it is a JS string.
func Str(v any) (string, bool) {
	s, ok := v.(string)
	return s, ok
}

// NonEmptyString returns v when it is a non-empty JS string.
func NonEmptyString(v any) (string, bool) {
	s, ok := v.(string)
	return s, ok && s != ""
}

// Equal is a deep structural equality used to decide whether an action
// changed state (a stricter, order-sensitive stand-in for reference
// equality on values that were rebuilt).
func Equal(a, b any) bool {
	switch x := a.(type) {
	case *Object:
		y, ok := b.(*Object)
		if !ok || x.Len() != y.Len() {
			return false
		}
		if x == y {
			return true // the same object (values are not changed once built)
		}
		for i := range x.Len() {
			if y.kv[i].k != x.kv[i].k || !Equal(x.kv[i].v, y.kv[i].v) {
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
			return true // the same array (values are not changed once built)
		}
		for i := range x {
			if !Equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case Opaque:
		// Ref may hold a non-comparable bridge value; opaque values are
		// equal only when neither carries one.
		y, ok := b.(Opaque)
		return ok && x.TypeOf == y.TypeOf && x.Ref == nil && y.Ref == nil
	case float64:
		y, ok := Number(b)
		return ok && x == y
	case int:
		y, ok := Number(b)
		return ok && float64(x) == y
	default:
		return a == b
	}
}
