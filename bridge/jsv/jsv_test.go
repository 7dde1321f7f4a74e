//go:build js && wasm

package jsv

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func eval(t *testing.T, expr string) Value {
	t.Helper()
	fn, err := Global().Get("Function")
	require.NoError(t, err)
	f, err := fn.New("return (" + expr + ");")
	require.NoError(t, err)
	v, err := f.Invoke()
	require.NoError(t, err)
	return v
}

func TestErrorsInsteadOfPanics(t *testing.T) {
	thrower := eval(t, "({get bad() { throw new Error('getter threw'); }, f: function(){ throw new TypeError('call threw'); }})")
	tests := []struct {
		name string
		run  func() error
		msg  string
	}{
		{"property of undefined", func() error { _, err := Undefined().Get("x"); return err }, ""},
		{"throwing getter", func() error { _, err := thrower.Get("bad"); return err }, "getter threw"},
		{"throwing method", func() error { _, err := thrower.Call("f"); return err }, "call threw"},
		{"calling a non-function", func() error { _, err := thrower.Call("missing"); return err }, ""},
		{"invoking a non-function", func() error { _, err := eval(t, "1").Invoke(); return err }, ""},
		{"new on a non-constructor", func() error { _, err := eval(t, "Math.max").New(); return err }, ""},
		{"set on null", func() error { return Null().Set("x", 1) }, ""},
		{"index of undefined", func() error { _, err := Undefined().Index(0); return err }, ""},
		{"setIndex on undefined", func() error { return Undefined().SetIndex(0, 1) }, ""},
		{"length of a number", func() error { _, err := eval(t, "1").Length(); return err }, ""},
		{"bool of a string", func() error { _, err := eval(t, "'x'").Bool(); return err }, ""},
		{"float of a string", func() error { _, err := eval(t, "'x'").Float(); return err }, ""},
		{"int of a string", func() error { _, err := eval(t, "'x'").Int(); return err }, ""},
		{"string of a number", func() error { _, err := eval(t, "1").String(); return err }, ""},
		{"instanceof a non-callable", func() error { _, err := eval(t, "({})").InstanceOf(eval(t, "1")); return err }, ""},
		{"ValueOf a channel", func() error { _, err := ValueOf(make(chan int)); return err }, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			require.Error(t, err)
			var je *Error
			if tc.msg != "" {
				require.ErrorAs(t, err, &je)
				assert.Contains(t, err.Error(), tc.msg)
				assert.False(t, je.Value.IsUndefined(), "the thrown value is kept")
			}
		})
	}
}

func TestRoundTripAndFuncs(t *testing.T) {
	obj := eval(t, "({a: [1, 'x', true, null]})")
	a, err := obj.Get("a")
	require.NoError(t, err)
	n, err := a.Length()
	require.NoError(t, err)
	assert.Equal(t, 4, n)
	v, _ := a.Index(1)
	s, err := v.String()
	require.NoError(t, err)
	assert.Equal(t, "x", s)
	truthy, _ := v.Truthy()
	assert.True(t, truthy)
	require.NoError(t, obj.Set("b", []any{Null(), 2}))
	b, _ := obj.Get("b")
	first, _ := b.Index(0)
	assert.True(t, first.IsNull())
	f, err := FuncOf(func(_ Value, args []Value) any {
		x, _ := args[0].Float()
		return x * 2
	})
	require.NoError(t, err)
	defer f.Release()
	r, err := f.Value().Invoke(21)
	require.NoError(t, err)
	got, _ := r.Float()
	assert.Equal(t, 42.0, got)
	assert.True(t, Safe(Unsafe(r)).Equal(r))
	assert.Equal(t, TypeNumber, r.Type())
	ok, err := eval(t, "new Date()").InstanceOf(eval(t, "Date"))
	require.NoError(t, err)
	assert.True(t, ok)
	i, err := r.Int()
	require.NoError(t, err)
	assert.Equal(t, 42, i)
	bv, err := eval(t, "true").Bool()
	require.NoError(t, err)
	assert.True(t, bv)
	fv, err := ValueOf(f)
	require.NoError(t, err)
	assert.Equal(t, TypeFunction, fv.Type())
}

// TestName: issue 10 — short names are made into JS strings once and kept
// (the same JS value each time), long ones and those beyond the cap are
// made afresh; every one reads back as the Go string.
func TestName(t *testing.T) {
	same := eval(t, "(a, b) => a === b")
	t.Run("a short name is kept", func(t *testing.T) {
		a, b := Name("flushRender"), Name("flushRender")
		s, err := a.String()
		require.NoError(t, err)
		assert.Equal(t, "flushRender", s)
		r, err := same.Invoke(a, b)
		require.NoError(t, err)
		ok, _ := r.Truthy()
		assert.True(t, ok)
		assert.Equal(t, a.v, b.v, "the same kept reference")
	})
	t.Run("a long name is not kept", func(t *testing.T) {
		long := "a-name-longer-than-forty-bytes-is-not-kept-at-all"
		require.Greater(t, len(long), maxNameBytes)
		v := Name(long)
		s, _ := v.String()
		assert.Equal(t, long, s)
		names.Lock()
		_, kept := names.m[long]
		names.Unlock()
		assert.False(t, kept)
	})
	t.Run("at most maxNames are kept", func(t *testing.T) {
		for i := 0; i < 2*maxNames; i++ {
			v := Name("n" + strconv.Itoa(i))
			s, _ := v.String()
			require.Equal(t, "n"+strconv.Itoa(i), s)
		}
		names.Lock()
		n := len(names.m)
		names.Unlock()
		assert.Equal(t, maxNames, n)
	})
	t.Run("Get and Set read and write through kept names", func(t *testing.T) {
		o := eval(t, "({})")
		require.NoError(t, o.Set("k", 1.0))
		v, err := o.Get("k")
		require.NoError(t, err)
		f, _ := v.Float()
		assert.Equal(t, 1.0, f)
	})
}
