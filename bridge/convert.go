//go:build js && wasm

package bridge

import (
	"github.com/wcblocks/checkoutwasm/bridge/jsv"

	"github.com/wcblocks/checkoutwasm/core/engine"
	"github.com/wcblocks/checkoutwasm/core/value"
)

// maxDepth bounds JS → Go conversion; deeper values (or cycles) become opaque.
const maxDepth = 64

// converter turns JS values into core value trees and back. It holds the
// few JS builtins it needs, read once.
type converter struct {
	object, array  jsv.Value
	isArray, keys  jsv.Value
	freezeFn       jsv.Value
	getProto       jsv.Value
	objectProtoVal jsv.Value
}

func newConverter() *converter {
	obj := global("Object")
	arr := global("Array")
	return &converter{
		object:         obj,
		array:          arr,
		isArray:        get(arr, "isArray"),
		keys:           get(obj, "keys"),
		freezeFn:       get(obj, "freeze"),
		getProto:       get(obj, "getPrototypeOf"),
		objectProtoVal: get(obj, "prototype"),
	}
}

// toValue converts a JS value (ref §0 plain-object rule: an Object instance
// whose constructor is exactly Object) into a core value tree. Functions,
// class instances and null-prototype objects become value.Opaque keeping the
// original (so they convert back to the same JS value).
func (c *converter) toValue(v jsv.Value) any {
	return c.toValueDepth(v, 0)
}

func (c *converter) toValueDepth(v jsv.Value, depth int) any {
	switch v.Type() {
	case jsv.TypeUndefined:
		return value.Undef
	case jsv.TypeNull:
		return nil
	case jsv.TypeBoolean:
		b, _ := v.Bool()
		return b
	case jsv.TypeNumber:
		f, _ := v.Float()
		return f
	case jsv.TypeString:
		s, _ := v.String()
		return s
	case jsv.TypeFunction:
		return value.Opaque{TypeOf: "function", Ref: v}
	case jsv.TypeSymbol:
		return value.Opaque{TypeOf: "symbol", Ref: v}
	}
	if v.Type() != jsv.TypeObject {
		return value.Opaque{TypeOf: v.Type().String(), Ref: v}
	}
	if depth >= maxDepth {
		return value.Opaque{TypeOf: "object", Ref: v}
	}
	if arr, err := c.isArray.Invoke(v); err == nil {
		if ok, _ := arr.Bool(); ok {
			n, _ := v.Length()
			out := make([]any, n)
			for i := 0; i < n; i++ {
				e, err := v.Index(i)
				if err != nil {
					out[i] = value.Undef
					continue
				}
				out[i] = c.toValueDepth(e, depth+1)
			}
			return out
		}
	}
	if !c.isPlain(v) {
		return value.Opaque{TypeOf: "object", Ref: v}
	}
	keys, err := c.keys.Invoke(v)
	if err != nil {
		return value.Opaque{TypeOf: "object", Ref: v}
	}
	n, _ := keys.Length()
	var b value.Builder
	for i := 0; i < n; i++ {
		kv, _ := keys.Index(i)
		k, _ := kv.String()
		pv, err := v.Get(k)
		if err != nil { // a throwing getter
			b.Set(k, value.Undef)
			continue
		}
		b.Set(k, c.toValueDepth(pv, depth+1))
	}
	return b.Build()
}

// isPlain is ref §0: an Object instance whose constructor is exactly Object.
func (c *converter) isPlain(v jsv.Value) bool {
	inst, err := v.InstanceOf(c.object)
	if err != nil || !inst {
		return false
	}
	ctor, err := v.Get("constructor")
	return err == nil && ctor.Equal(c.object)
}

// toJS converts a core value tree into JS. With freeze, every object and
// array made is frozen (snapshots); cache, when non-nil, reuses the JS
// object made for the same *value.Object in the previous publication, so
// unchanged parts keep their references.
func (c *converter) toJS(v any, freeze bool, cache *objCache) jsv.Value {
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
		return c.toJS(arr, freeze, cache)
	case []any:
		arr, err := c.array.New(len(x))
		if err != nil {
			return jsv.Undefined()
		}
		raw := jsv.Unsafe(arr) // a fresh array: setting cannot throw
		for i, e := range x {
			raw.SetIndex(i, jsv.Unsafe(c.toJS(e, freeze, cache)))
		}
		if freeze {
			_, _ = c.freezeFn.Invoke(arr)
		}
		return arr
	case *value.Object:
		if x == nil {
			return jsv.Null()
		}
		if cache != nil {
			if r, ok := cache.lookup(x); ok {
				return r
			}
		}
		obj, err := c.object.New()
		if err != nil {
			return jsv.Undefined()
		}
		raw := jsv.Unsafe(obj) // a fresh plain object: no setter can throw
		x.Range(func(k string, e any) bool {
			raw.Set(k, jsv.Unsafe(c.toJS(e, freeze, cache)))
			return true
		})
		if freeze {
			_, _ = c.freezeFn.Invoke(obj)
		}
		if cache != nil {
			cache.store(x, obj)
		}
		return obj
	case value.Opaque:
		if ref, ok := x.Ref.(jsv.Value); ok {
			return ref
		}
		obj, _ := c.object.New()
		return obj
	case engine.Outcome:
		return c.toJS(x.Object(), false, nil)
	}
	r, err := jsv.ValueOf(v)
	if err != nil {
		return jsv.Undefined()
	}
	return r
}

// objCache maps value objects to the JS objects made for them in the last
// publication (and the current one while it is being built).
type objCache struct {
	prev, next map[*value.Object]jsv.Value
}

func (oc *objCache) lookup(o *value.Object) (jsv.Value, bool) {
	if r, ok := oc.next[o]; ok {
		return r, true
	}
	if r, ok := oc.prev[o]; ok {
		oc.next[o] = r
		return r, true
	}
	return jsv.Value{}, false
}

func (oc *objCache) store(o *value.Object, r jsv.Value) { oc.next[o] = r }

// begin starts a publication; end keeps only what it used.
func (oc *objCache) begin() {
	if oc.next == nil {
		oc.next = map[*value.Object]jsv.Value{}
	}
}

func (oc *objCache) end() {
	oc.prev, oc.next = oc.next, map[*value.Object]jsv.Value{}
}
