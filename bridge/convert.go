//go:build js && wasm

package bridge

import (
	"github.com/wcblocks/checkoutwasm/bridge/jsv"

	"github.com/wcblocks/checkoutwasm/core/engine"
	"github.com/wcblocks/checkoutwasm/core/value"
)

// Limits are the budgets of every JS → Go conversion (value.DefaultLimits:
// depth 64, 100,000 values, 4 MiB of strings). A value beyond them, a cycle,
// or a getter, Proxy trap or revoked Proxy that throws while it is read,
// ends the conversion with an error naming the action, observer or option
// that gave the value; nothing half-converted is used.
var Limits = value.DefaultLimits

// converter turns JS values into core value trees and back. It holds the
// few JS builtins it needs, read once.
type converter struct {
	object, array jsv.Value
	freezeFn      jsv.Value
}

func newConverter() *converter {
	obj := global("Object")
	return &converter{
		object:   obj,
		array:    global("Array"),
		freezeFn: get(obj, "freeze"),
	}
}

// convertError is a conversion from JS that failed: Who names the action,
// observer or option that gave the value. It is a TypeError for JS (D34).
type convertError struct {
	Who string
	Err error
}

func (e *convertError) Error() string { return e.Who + ": " + e.Err.Error() }
func (e *convertError) Unwrap() error { return e.Err }

// convert turns a JS value into a core value tree (ref §0 plain-object
// rule: an Object instance whose constructor is exactly Object; functions,
// symbols, bigints, class instances and null-prototype objects become
// value.Opaque keeping the original) within Limits. A shared reference is
// converted once and shared in the result; a cycle is an error. Errors are
// *convertError naming who.
func (c *converter) convert(v jsv.Value, who string) (any, error) {
	src := &jsSource{conv: c}
	out, err := value.Convert[jsv.Value](src, v, Limits)
	src.keep = nil
	if err != nil {
		return nil, &convertError{Who: who, Err: err}
	}
	return out, nil
}

// toValue is convert for values where a bad one only keeps a default
// (load options): a value that cannot be converted is undefined.
func (c *converter) toValue(v jsv.Value) any {
	out, err := c.convert(v, "value")
	if err != nil {
		return value.Undef
	}
	return out
}

// jsSource reads JS values for value.Convert, every read through jsv (so
// nothing a JS value does can unwind Go frames).
type jsSource struct {
	conv *converter
	keep []jsv.Value // every object given an ID stays referenced, so its ID is not reused
}

func (s *jsSource) Kind(v jsv.Value) (value.Kind, error) {
	switch v.Type() {
	case jsv.TypeUndefined:
		return value.KindUndefined, nil
	case jsv.TypeNull:
		return value.KindNull, nil
	case jsv.TypeBoolean:
		return value.KindBool, nil
	case jsv.TypeNumber:
		return value.KindNumber, nil
	case jsv.TypeString:
		return value.KindString, nil
	case jsv.TypeSymbol:
		return value.KindSymbol, nil
	case jsv.TypeFunction:
		return value.KindFunction, nil
	case jsv.TypeObject:
	default:
		return value.KindBigInt, nil
	}
	isArr, err := v.IsArray()
	if err != nil {
		return 0, err
	}
	if isArr {
		return value.KindArray, nil
	}
	inst, err := v.InstanceOf(s.conv.object)
	if err != nil {
		return 0, err
	}
	if !inst {
		return value.KindObject, nil
	}
	ctor, err := v.Get("constructor")
	if err != nil {
		return 0, err
	}
	if ctor.Equal(s.conv.object) {
		return value.KindPlain, nil
	}
	return value.KindObject, nil
}

func (s *jsSource) Bool(v jsv.Value) bool {
	b, _ := v.Bool()
	return b
}

func (s *jsSource) Number(v jsv.Value) float64 {
	f, _ := v.Float()
	return f
}

func (s *jsSource) String(v jsv.Value, maxBytes int) (string, bool, error) {
	return v.StringMax(maxBytes)
}

func (s *jsSource) Len(v jsv.Value) (int, error) { return v.Length() }

func (s *jsSource) Index(v jsv.Value, i int) (jsv.Value, error) { return v.Index(i) }

func (s *jsSource) Keys(v jsv.Value) (int, func(int) (jsv.Value, error), error) {
	keys, err := v.Keys()
	if err != nil {
		return 0, nil, err
	}
	n, err := keys.Length()
	if err != nil {
		return 0, nil, err
	}
	return n, keys.Index, nil
}

func (s *jsSource) Prop(v jsv.Value, k string) (jsv.Value, error) { return v.Get(k) }

func (s *jsSource) ID(v jsv.Value) uint64 {
	s.keep = append(s.keep, v)
	return v.ID()
}

func (s *jsSource) Opaque(v jsv.Value, k value.Kind) value.Opaque {
	t := "object"
	switch k {
	case value.KindFunction:
		t = "function"
	case value.KindSymbol:
		t = "symbol"
	case value.KindBigInt:
		t = "bigint"
	}
	return value.Opaque{TypeOf: t, Ref: v}
}

// toJS converts a core value tree into JS objects, one Go -> JS call per
// object and property (observer data, outcomes, trace records; snapshots
// travel as one string instead, see publish.go). With freeze, every object
// and array made is frozen.
func (c *converter) toJS(v any, freeze bool) jsv.Value {
	switch x := v.(type) {
	case value.Undefined:
		return jsv.Undefined()
	case nil:
		return jsv.Null()
	case bool, float64, string:
		r, err := jsv.ValueOf(x)
		if err != nil {
			return jsv.Undefined()
		}
		return r
	case int:
		r, _ := jsv.ValueOf(float64(x))
		return r
	case int64:
		r, _ := jsv.ValueOf(float64(x))
		return r
	case []string:
		arr := make([]any, len(x))
		for i, s := range x {
			arr[i] = s
		}
		return c.toJS(arr, freeze)
	case []any:
		elems := make([]any, len(x))
		for i, e := range x {
			elems[i] = c.toJS(e, freeze)
		}
		arr, err := jsv.ValueOf(elems) // Array.of: no Array.prototype setter runs
		if err != nil {
			return jsv.Undefined()
		}
		if freeze {
			_, _ = c.freezeFn.Invoke(arr)
		}
		return arr
	case *value.Object:
		if x == nil {
			return jsv.Null()
		}
		obj, err := c.object.New()
		if err != nil {
			return jsv.Undefined()
		}
		x.Range(func(k string, e any) bool {
			ev := c.toJS(e, freeze)
			if k == "__proto__" {
				// An own data key, never the prototype (issue 9 point 7).
				_ = obj.DefineData(k, ev)
			} else if obj.Set(k, ev) != nil {
				// A setter a page defined on Object.prototype refused it.
				_ = obj.DefineData(k, ev)
			}
			return true
		})
		if freeze {
			_, _ = c.freezeFn.Invoke(obj)
		}
		return obj
	case value.Opaque:
		if ref, ok := x.Ref.(jsv.Value); ok {
			return ref
		}
		obj, _ := c.object.New()
		return obj
	case engine.Outcome:
		return c.toJS(x.Object(), false)
	}
	r, err := jsv.ValueOf(v)
	if err != nil {
		return jsv.Undefined()
	}
	return r
}
