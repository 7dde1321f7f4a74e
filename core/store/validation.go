package store

import "github.com/wcblocks/checkoutwasm/core/value"

// Validation is the state of the validation store (ref §4): an ordered map
// from error id to its value, normally {message: string, hidden: bool}.
// The zero value is an empty store.
type Validation struct {
	errors *value.Object
}

// NewValidation returns an empty validation store.
func NewValidation() Validation { return Validation{errors: value.NewObject()} }

// Equal reports whether v and o hold the same errors in the same order.
func (v Validation) Equal(o Validation) bool {
	return value.Equal(objOrEmpty(v.errors), objOrEmpty(o.errors))
}

// normaliseEntry turns a plain string s into {message: s, hidden: false}
// and returns any other value unchanged.
func normaliseEntry(e any) any {
	if s, ok := e.(string); ok {
		return value.NewObject("message", s, "hidden", false)
	}
	return e
}

// SetValidationErrors is setValidationErrors (ref §4).
//
// A falsy errors, or anything that is not a plain object, leaves the state
// unchanged. (The reference would also walk arrays and other objects by
// their enumerable keys; we accept plain objects only.)
//
// Our addition, applied first: every entry whose value is a plain string s
// is normalised to {message: s, hidden: false}, because the seed docs let
// observers return validationErrors as id -> message.
//
// Then the reference rule: an entry is "new" when its value is a plain
// object whose message is a string and the id is absent from the state or
// holds a value that is not shallowly equal (@wordpress/is-shallow-equal)
// to it. When at least one entry is new, every (normalised) entry is
// merged over the state, including entries that would not qualify on
// their own; existing ids keep their position, new ids are appended in
// the order of errors. When none is new, the state is unchanged.
func (v Validation) SetValidationErrors(errors any) Validation {
	in := value.AsObject(errors)
	if in == nil {
		return v
	}
	var b value.Builder
	in.Range(func(k string, e any) bool {
		b.Set(k, normaliseEntry(e))
		return true
	})
	norm := b.Build()
	isNew := false
	norm.Range(func(k string, e any) bool {
		if _, ok := value.AsObject(e).Get("message").(string); !ok {
			return true
		}
		if v.errors.Has(k) && shallowEqual(v.errors.Get(k), e) {
			return true
		}
		isNew = true
		return false
	})
	if !isNew {
		return v
	}
	return Validation{errors: objOrEmpty(v.errors).Merge(norm)}
}

// ClearValidationError is clearValidationError (ref §4): removes id;
// unchanged when absent.
func (v Validation) ClearValidationError(id string) Validation {
	if !v.errors.Has(id) {
		return v
	}
	return Validation{errors: v.errors.Without(id)}
}

// ClearValidationErrors is clearValidationErrors (ref §4): value.Undef
// clears every error; a []any removes each listed id (strings as they are,
// other items by their JS property-key string, value.String); anything
// else leaves the state unchanged, as does a list naming no present id.
func (v Validation) ClearValidationErrors(ids any) Validation {
	if value.IsUndefined(ids) {
		if v.errors.Len() == 0 {
			return v
		}
		return NewValidation()
	}
	list, ok := ids.([]any)
	if !ok {
		return v
	}
	next := v.errors
	for _, id := range list {
		k := value.String(id)
		if next.Has(k) {
			next = next.Without(k)
		}
	}
	if next == v.errors {
		return v
	}
	return Validation{errors: next}
}

// setHidden sets hidden on the entry id when it is a plain object whose
// hidden differs; other entries (absent, or not objects) are left as they
// are.
func (v Validation) setHidden(id string, hidden bool) Validation {
	e := value.AsObject(v.errors.Get(id))
	if e == nil || value.Equal(e.Get("hidden"), hidden) {
		return v
	}
	return Validation{errors: v.errors.With(id, e.With("hidden", hidden))}
}

// HideValidationError is hideValidationError (ref §4): the entry's hidden
// becomes true; unchanged when id is absent, already hidden, or its value
// is not a plain object.
func (v Validation) HideValidationError(id string) Validation { return v.setHidden(id, true) }

// ShowValidationError is showValidationError (ref §4): the entry's hidden
// becomes false; unchanged when id is absent, already shown, or its value
// is not a plain object.
func (v Validation) ShowValidationError(id string) Validation { return v.setHidden(id, false) }

// ShowAllValidationErrors is showAllValidationErrors (ref §4): every plain
// object entry whose hidden is truthy gets hidden false; order is kept;
// unchanged when none is hidden.
func (v Validation) ShowAllValidationErrors() Validation {
	next := v
	v.errors.Range(func(k string, e any) bool {
		if value.Truthy(value.AsObject(e).Get("hidden")) {
			next = next.setHidden(k, false)
		}
		return true
	})
	return next
}

// HasValidationErrors is hasValidationErrors (ref §4): at least one id.
func (v Validation) HasValidationErrors() bool { return v.errors.Len() > 0 }

// Get returns the value stored for id, or value.Undef when absent.
func (v Validation) Get(id string) any { return v.errors.Get(id) }

// Has reports whether id has an entry.
func (v Validation) Has(id string) bool { return v.errors.Has(id) }

// Errors returns the error map (id -> value) in insertion order. The object
// is shared and immutable; it is never nil.
func (v Validation) Errors() *value.Object { return objOrEmpty(v.errors) }

// IsValidValidationErrors reports whether v is a "valid validation-errors
// object" (ref §4): a plain object whose every value is a plain object with
// a string message and a boolean hidden. An empty object is valid.
func IsValidValidationErrors(v any) bool {
	o := value.AsObject(v)
	if o == nil {
		return false
	}
	ok := true
	o.Range(func(_ string, e any) bool {
		eo := value.AsObject(e)
		_, isStr := eo.Get("message").(string)
		_, isBool := eo.Get("hidden").(bool)
		ok = eo != nil && isStr && isBool
		return ok
	})
	return ok
}
