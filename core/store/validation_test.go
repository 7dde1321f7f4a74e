package store

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/value"
)

func validationFrom(t *testing.T, s string) Validation {
	t.Helper()
	v := NewValidation().SetValidationErrors(obj(t, s))
	require.Equal(t, obj(t, s).Len(), v.Errors().Len(), "setup")
	return v
}

// TestSetValidationErrors checks the merge rule of ref §4 and our string
// normalisation.
func TestSetValidationErrors(t *testing.T) {
	start := `{"a":{"message":"A","hidden":false},"b":{"message":"B","hidden":true}}`
	tests := []struct {
		name   string
		errors func(t *testing.T) any
		want   string // "" means unchanged
	}{
		{"ref §4 falsy (undefined) -> unchanged", func(*testing.T) any { return value.Undef }, ""},
		{"ref §4 falsy (null) -> unchanged", func(*testing.T) any { return nil }, ""},
		{"ref §4 falsy (false) -> unchanged", func(*testing.T) any { return false }, ""},
		{"non-plain-object (array) -> unchanged", func(*testing.T) any {
			return []any{value.NewObject("message", "m", "hidden", false)}
		}, ""},
		{"ref §4 new id with string message -> added at the end", func(t *testing.T) any {
			return obj(t, `{"c":{"message":"C","hidden":false}}`)
		}, `{"a":{"message":"A","hidden":false},"b":{"message":"B","hidden":true},"c":{"message":"C","hidden":false}}`},
		{"ref §4 shallowly equal existing entry -> unchanged", func(t *testing.T) any {
			return obj(t, `{"a":{"message":"A","hidden":false}}`)
		}, ""},
		{"ref §4 existing id with a different value -> replaced in place", func(t *testing.T) any {
			return obj(t, `{"a":{"message":"A","hidden":true}}`)
		}, `{"a":{"message":"A","hidden":true},"b":{"message":"B","hidden":true}}`},
		{"ref §4 extra key makes it shallowly different", func(t *testing.T) any {
			return obj(t, `{"a":{"message":"A","hidden":false,"x":1}}`)
		}, `{"a":{"message":"A","hidden":false,"x":1},"b":{"message":"B","hidden":true}}`},
		{"ref §4 non-string message alone -> unchanged", func(t *testing.T) any {
			return obj(t, `{"c":{"message":5,"hidden":false}}`)
		}, ""},
		{"ref §4 entry without message alone -> unchanged", func(t *testing.T) any {
			return obj(t, `{"c":{"hidden":false}}`)
		}, ""},
		{"ref §4 one new entry merges the whole object, non-qualifying entries too", func(t *testing.T) any {
			return obj(t, `{"x":{"message":7},"c":{"message":"C","hidden":false},"y":null}`)
		}, `{"a":{"message":"A","hidden":false},"b":{"message":"B","hidden":true},` +
			`"x":{"message":7},"c":{"message":"C","hidden":false},"y":null}`},
		{"ref §4 merge also overwrites unchanged-looking entries", func(t *testing.T) any {
			return obj(t, `{"a":{"message":"A","hidden":false},"b":{"message":"B2","hidden":true}}`)
		}, `{"a":{"message":"A","hidden":false},"b":{"message":"B2","hidden":true}}`},
		{"normalisation: a plain string becomes {message, hidden:false}", func(t *testing.T) any {
			return obj(t, `{"country":"Pick a country"}`)
		}, `{"a":{"message":"A","hidden":false},"b":{"message":"B","hidden":true},` +
			`"country":{"message":"Pick a country","hidden":false}}`},
		{"normalisation: string equal to a shown entry -> unchanged", func(t *testing.T) any {
			return obj(t, `{"a":"A"}`)
		}, ""},
		{"normalisation: string for a hidden entry shows it again", func(t *testing.T) any {
			return obj(t, `{"b":"B"}`)
		}, `{"a":{"message":"A","hidden":false},"b":{"message":"B","hidden":false}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := validationFrom(t, start)
			got := v.SetValidationErrors(tc.errors(t))
			if tc.want == "" {
				assert.True(t, got.Equal(v), "want unchanged, got %s", js(got.Errors()))
			} else {
				assert.Equal(t, tc.want, js(got.Errors()))
			}
			assert.Equal(t, start, js(v.Errors()), "receiver must not change")
		})
	}
	t.Run("ref §4 nested object values compare by identity (shallow)", func(t *testing.T) {
		inner := value.NewObject("k", 1.0)
		v := NewValidation().SetValidationErrors(value.NewObject("a", value.NewObject("message", "m", "meta", inner)))
		same := v.SetValidationErrors(value.NewObject("a", value.NewObject("message", "m", "meta", inner)))
		assert.True(t, same.Equal(v))
		// A different (if deep-equal) nested object makes the entry new; the
		// merged state is value-equal, which the engine sees as no change.
		other := v.SetValidationErrors(value.NewObject("a", value.NewObject("message", "m", "meta", value.NewObject("k", 1.0))))
		assert.True(t, other.Equal(v))
		assert.NotSame(t, v.Get("a"), other.Get("a"))
	})
}

func TestClearValidationErrors(t *testing.T) {
	start := `{"a":{"message":"A","hidden":false},"b":{"message":"B","hidden":true},"c":{"message":"C","hidden":false}}`
	tests := []struct {
		name  string
		apply func(Validation) Validation
		want  string
	}{
		{"ref §4 clearValidationError(id)", func(v Validation) Validation { return v.ClearValidationError("b") },
			`{"a":{"message":"A","hidden":false},"c":{"message":"C","hidden":false}}`},
		{"ref §4 clearValidationError(absent) -> unchanged", func(v Validation) Validation { return v.ClearValidationError("z") },
			start},
		{"ref §4 clearValidationErrors(undefined) -> clear all", func(v Validation) Validation {
			return v.ClearValidationErrors(value.Undef)
		}, `{}`},
		{"ref §4 clearValidationErrors([ids])", func(v Validation) Validation {
			return v.ClearValidationErrors([]any{"a", "c", "zz"})
		}, `{"b":{"message":"B","hidden":true}}`},
		{"ref §4 clearValidationErrors(non-array) -> unchanged", func(v Validation) Validation {
			return v.ClearValidationErrors("a")
		}, start},
		{"ref §4 clearValidationErrors(null) -> unchanged", func(v Validation) Validation {
			return v.ClearValidationErrors(nil)
		}, start},
		{"ref §4 clearValidationErrors([]) -> unchanged", func(v Validation) Validation {
			return v.ClearValidationErrors([]any{})
		}, start},
		{"ref §4 hideValidationError", func(v Validation) Validation { return v.HideValidationError("a") },
			`{"a":{"message":"A","hidden":true},"b":{"message":"B","hidden":true},"c":{"message":"C","hidden":false}}`},
		{"ref §4 hideValidationError(absent) -> unchanged", func(v Validation) Validation { return v.HideValidationError("z") },
			start},
		{"ref §4 showValidationError", func(v Validation) Validation { return v.ShowValidationError("b") },
			`{"a":{"message":"A","hidden":false},"b":{"message":"B","hidden":false},"c":{"message":"C","hidden":false}}`},
		{"ref §4 showAllValidationErrors", func(v Validation) Validation { return v.HideValidationError("c").ShowAllValidationErrors() },
			`{"a":{"message":"A","hidden":false},"b":{"message":"B","hidden":false},"c":{"message":"C","hidden":false}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := validationFrom(t, start)
			got := tc.apply(v)
			assert.Equal(t, tc.want, js(got.Errors()))
			assert.Equal(t, start, js(v.Errors()), "receiver must not change")
		})
	}
	t.Run("clearValidationErrors with numeric ids uses their JS key string", func(t *testing.T) {
		v := NewValidation().SetValidationErrors(obj(t, `{"1":"one","2":"two"}`))
		got := v.ClearValidationErrors([]any{1.0})
		assert.False(t, got.Has("1"))
		assert.True(t, got.Has("2"))
	})
	t.Run("clear all on an empty store -> unchanged", func(t *testing.T) {
		v := NewValidation()
		assert.True(t, v.ClearValidationErrors(value.Undef).Equal(v))
	})
	t.Run("hide/show of a non-object entry -> unchanged", func(t *testing.T) {
		v := NewValidation().SetValidationErrors(obj(t, `{"a":"A","n":5}`))
		require.True(t, v.Has("n"))
		assert.True(t, v.HideValidationError("n").Equal(v))
		assert.True(t, v.ShowAllValidationErrors().Equal(v))
	})
}

func TestValidationSelectors(t *testing.T) {
	tests := []struct {
		name    string
		errs    string
		id      string
		wantHas bool
		wantGet string
		wantAny bool
	}{
		{"ref §4 empty store", `{}`, "a", false, "", false},
		{"ref §4 one error", `{"a":{"message":"A","hidden":false}}`, "a", true, `{"message":"A","hidden":false}`, true},
		{"ref §4 other id absent", `{"a":{"message":"A","hidden":false}}`, "b", false, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := NewValidation().SetValidationErrors(obj(t, tc.errs))
			assert.Equal(t, tc.wantHas, v.Has(tc.id))
			assert.Equal(t, tc.wantAny, v.HasValidationErrors())
			if tc.wantHas {
				assert.Equal(t, tc.wantGet, js(v.Get(tc.id)))
			} else {
				assert.True(t, value.IsUndefined(v.Get(tc.id)))
			}
		})
	}
	t.Run("zero value works as an empty store", func(t *testing.T) {
		var v Validation
		assert.False(t, v.HasValidationErrors())
		assert.Equal(t, `{}`, js(v.Errors()))
		assert.True(t, v.Equal(NewValidation()))
		assert.True(t, v.SetValidationErrors(value.NewObject("a", "A")).Has("a"))
	})
}

// TestIsValidValidationErrors checks the guard of ref §4.
func TestIsValidValidationErrors(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want bool
	}{
		{"ref §4 empty plain object is valid", value.NewObject(), true},
		{"ref §4 message string + hidden bool", value.NewObject("a", value.NewObject("message", "m", "hidden", false)), true},
		{"ref §4 hidden missing", value.NewObject("a", value.NewObject("message", "m")), false},
		{"ref §4 message not a string", value.NewObject("a", value.NewObject("message", 1.0, "hidden", true)), false},
		{"ref §4 value a plain string (not normalised here)", value.NewObject("a", "m"), false},
		{"ref §4 one bad entry among good ones", value.NewObject(
			"a", value.NewObject("message", "m", "hidden", false), "b", nil), false},
		{"ref §4 not a plain object (array)", []any{}, false},
		{"ref §4 not a plain object (undefined)", value.Undef, false},
		{"ref §4 not a plain object (opaque)", value.Opaque{TypeOf: "object"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, IsValidValidationErrors(tc.in))
		})
	}
}
