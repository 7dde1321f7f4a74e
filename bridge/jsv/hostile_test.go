//go:build js && wasm

package jsv

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostileValues are JS values built to throw from every place a JS
// operation can run user code. If any jsv operation let their exception
// unwind through Go frames, the test binary would die ("fatal error:
// unknown caller pc" / "Go program has already exited") instead of failing.
var hostileValues = []struct{ name, js string }{
	{"revoked Proxy (a finished Immer draft)", "(() => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; })()"},
	{"revoked Proxy of an array", "(() => { const r = Proxy.revocable([], {}); r.revoke(); return r.proxy; })()"},
	{"revoked Proxy of a function", "(() => { const r = Proxy.revocable(function(){}, {}); r.revoke(); return r.proxy; })()"},
	{"Proxy whose every trap throws an Error", `new Proxy({}, new Proxy({}, {get: () => () => { throw new Error('trap'); }}))`},
	{"Proxy whose every trap throws null", `new Proxy({}, new Proxy({}, {get: () => () => { throw null; }}))`},
	{"Proxy whose every trap throws a revoked Proxy", `new Proxy(function(){}, new Proxy({}, {get: () => () => { const r = Proxy.revocable({}, {}); r.revoke(); throw r.proxy; }}))`},
	{"getters that throw undefined", "Object.defineProperties({}, {length: {get() { throw undefined; }}, message: {get() { throw undefined; }}, then: {get() { throw 'then'; }}, constructor: {get() { throw 1; }}})"},
	{"Symbol.toPrimitive, toString and toJSON that throw", "({[Symbol.toPrimitive]() { throw null; }, toString() { throw null; }, toJSON() { throw null; }})"},
	{"an Error whose message getter throws", "Object.defineProperty(new Error('x'), 'message', {get() { throw new Error('again'); }})"},
	{"a BigInt", "10n"},
	{"a Symbol", "Symbol('s')"},
	{"null", "null"},
	{"undefined", "undefined"},
	{"a huge length", "({length: 1e300})"},
	{"a negative length", "({length: -1})"},
	{"NaN length", "({length: NaN})"},
	{"an object with a null prototype", "Object.create(null)"},
}

// TestEveryPrimitiveSafeWithHostileValues is issue 9 point 1: each
// operation jsv offers — and through them each syscall/js primitive the
// module uses (Get, Set, Index, SetIndex, Length, Call, Invoke, New,
// InstanceOf, Type, Bool, Float, Int, String, Truthy, Equal, ValueOf,
// FuncOf) — runs against every hostile value, as receiver and as argument,
// and returns (a value or an error) instead of killing the program.
func TestEveryPrimitiveSafeWithHostileValues(t *testing.T) {
	object := eval(t, "Object")
	fn := eval(t, "(function f(a) { return a; })")
	ops := []struct {
		name string
		run  func(h Value) error
	}{
		{"Type", func(h Value) error { _ = h.Type().String(); return nil }},
		{"Get", func(h Value) error { _, err := h.Get("x"); return err }},
		{"Get message", func(h Value) error { _, err := h.Get("message"); return err }},
		{"Set", func(h Value) error { return h.Set("x", 1) }},
		{"Set with hostile value", func(h Value) error { return eval(t, "({})").Set("x", h) }},
		{"DefineData", func(h Value) error { return h.DefineData("__proto__", 1) }},
		{"Index", func(h Value) error { _, err := h.Index(0); return err }},
		{"SetIndex", func(h Value) error { return h.SetIndex(0, h) }},
		{"Length", func(h Value) error { _, err := h.Length(); return err }},
		{"Call", func(h Value) error { _, err := h.Call("then", 1); return err }},
		{"Call toString", func(h Value) error { _, err := h.Call("toString"); return err }},
		{"Invoke", func(h Value) error { _, err := h.Invoke(h); return err }},
		{"Invoke with hostile argument", func(h Value) error { _, err := fn.Invoke(h); return err }},
		{"New", func(h Value) error { _, err := h.New(h); return err }},
		{"InstanceOf (left)", func(h Value) error { _, err := h.InstanceOf(object); return err }},
		{"InstanceOf (right)", func(h Value) error { _, err := object.InstanceOf(h); return err }},
		{"Prototype", func(h Value) error { _, err := h.Prototype(); return err }},
		{"IsArray", func(h Value) error { _, err := h.IsArray(); return err }},
		{"Keys", func(h Value) error { _, err := h.Keys(); return err }},
		{"Bool", func(h Value) error { _, err := h.Bool(); return err }},
		{"Float", func(h Value) error { _, err := h.Float(); return err }},
		{"Int", func(h Value) error { _, err := h.Int(); return err }},
		{"String", func(h Value) error { _, err := h.String(); return err }},
		{"StringMax", func(h Value) error { _, _, err := h.StringMax(10); return err }},
		{"Truthy", func(h Value) error { _, err := h.Truthy(); return err }},
		{"Equal", func(h Value) error { _ = h.Equal(h); return nil }},
		{"ID", func(h Value) error { _ = h.ID(); return nil }},
		{"Describe", func(h Value) error { assert.NotEmpty(t, Describe(h)); return nil }},
		{"ValueOf", func(h Value) error { _, err := ValueOf([]any{h, 1, "x", nil}); return err }},
		{"FuncOf returning it", func(h Value) error {
			f, _ := FuncOf(func(Value, []Value) any { return h })
			defer f.Release()
			_, err := f.Value().Invoke()
			return err
		}},
		{"thrown by a JS function", func(h Value) error {
			thrower := eval(t, "(v) => { throw v; }")
			_, err := thrower.Invoke(h)
			require.Error(t, err, "a throw is always an error")
			var je *Error
			require.ErrorAs(t, err, &je)
			assert.True(t, je.Thrown)
			assert.True(t, je.Value.Equal(Unsafe(h)) || h.Type() == TypeNumber, "the thrown value is kept")
			assert.NotEmpty(t, err.Error())
			return err
		}},
	}
	for _, hv := range hostileValues {
		h := eval(t, hv.js)
		for _, op := range ops {
			t.Run(hv.name+"/"+op.name, func(t *testing.T) {
				_ = op.run(h) // an error is fine; dying is not
			})
		}
	}
	// Still alive: a normal call works after all of the above.
	r, err := fn.Invoke(41)
	require.NoError(t, err)
	n, _ := r.Int()
	assert.Equal(t, 41, n)
}

func TestHostileValuesGiveClearErrors(t *testing.T) {
	tests := []struct {
		name, js string
		run      func(h Value) error
		msg      string
	}{
		{"issue 9 point 1: InstanceOf on a revoked Proxy is an error", hostileValues[0].js,
			func(h Value) error { _, err := h.InstanceOf(eval(t, "Object")); return err }, "revoked"},
		{"issue 9 point 1: IsArray on a revoked Proxy is an error", hostileValues[0].js,
			func(h Value) error { _, err := h.IsArray(); return err }, "revoked"},
		{"issue 9 point 3: throw null is described, not read for .message", "(() => { throw null; })",
			func(h Value) error { _, err := h.Invoke(); return err }, "threw null"},
		{"issue 9 point 3: throw undefined", "(() => { throw undefined; })",
			func(h Value) error { _, err := h.Invoke(); return err }, "threw undefined"},
		{"issue 9 point 3: throw 'x' keeps the text", "(() => { throw 'card declined'; })",
			func(h Value) error { _, err := h.Invoke(); return err }, "card declined"},
		{"issue 9 point 3: a thrown revoked Proxy", "(() => { const r = Proxy.revocable({}, {}); r.revoke(); throw r.proxy; })",
			func(h Value) error { _, err := h.Invoke(); return err }, "cannot be described"},
		{"D34: a BigInt is its own type", "10n",
			func(h Value) error { _, err := h.Float(); return err }, "bigint, not a number"},
		{"a length that is not an array length", "({length: 1e300})",
			func(h Value) error { _, err := h.Length(); return err }, "not a valid array length"},
		{"Call of a missing method", "({})",
			func(h Value) error { _, err := h.Call("nope"); return err }, "'nope' is not a function"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.ErrorContains(t, tc.run(eval(t, tc.js)), tc.msg)
		})
	}
}

func TestFuncOfRecoversPanics(t *testing.T) {
	var got any
	PanicHandler = func(r any) { got = r }
	defer func() { PanicHandler = nil }()
	f, _ := FuncOf(func(Value, []Value) any { panic("boom") })
	defer f.Release()
	r, err := f.Value().Invoke()
	require.NoError(t, err)
	assert.True(t, r.IsUndefined())
	assert.Equal(t, "boom", got)
}

func TestIDAndStringMax(t *testing.T) {
	o := eval(t, "({a: {}, b: 1})")
	a1, _ := o.Get("a")
	a2, _ := o.Get("a")
	assert.Equal(t, a1.ID(), a2.ID(), "the same object has one ID (syscall/js layout check)")
	assert.NotEqual(t, a1.ID(), o.ID())
	s, over, err := eval(t, "'héllo'").StringMax(3)
	require.NoError(t, err)
	assert.True(t, over)
	assert.Equal(t, "hé", s, "cut on a character boundary")
	s, over, err = eval(t, "'x'.repeat(50e6)").StringMax(16)
	require.NoError(t, err)
	assert.True(t, over)
	assert.Len(t, s, 16)
	s, over, _ = eval(t, "'abc'").StringMax(3)
	assert.False(t, over)
	assert.Equal(t, "abc", s)
}

func TestDefineDataKeepsProtoAnOwnKey(t *testing.T) {
	o, err := NewObject()
	require.NoError(t, err)
	require.NoError(t, o.DefineData("__proto__", "p"))
	check, err := eval(t, "(o) => Object.getPrototypeOf(o) === Object.prototype && Object.keys(o).join() === '__proto__' && o.__proto__ === 'p'").Invoke(o)
	require.NoError(t, err)
	ok, _ := check.Bool()
	assert.True(t, ok, "issue 9 point 7: __proto__ stays an own data key")
}
