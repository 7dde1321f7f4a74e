package store

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/core/value/valuejson"
)

// obj parses a JSON object literal into a *value.Object.
func obj(t testing.TB, s string) *value.Object {
	t.Helper()
	v, err := valuejson.Parse([]byte(s))
	require.NoError(t, err)
	o, ok := v.(*value.Object)
	require.True(t, ok, "not an object: %s", s)
	return o
}

// arr parses a JSON array literal into a []any.
func arr(t testing.TB, s string) []any {
	t.Helper()
	v, err := valuejson.Parse([]byte(s))
	require.NoError(t, err)
	a, ok := v.([]any)
	require.True(t, ok, "not an array: %s", s)
	return a
}

// js renders a value as JSON text (undefined keys are left out, as in JS).
func js(v any) string { return string(valuejson.Marshal(v)) }

func boolPtr(b bool) *bool { return &b }
