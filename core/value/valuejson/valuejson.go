// Package valuejson converts between JSON text and value trees, keeping the
// key order of objects. It uses encoding/json, so the wasm build must not
// import it (the bridge parses with the browser's JSON instead); tests and
// host programs may.
package valuejson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/wcblocks/checkoutwasm/core/value"
)

// MaxDepth is the deepest nesting Parse accepts (the limit of JS → Go
// conversion, value.DefaultLimits.MaxDepth).
var MaxDepth = value.DefaultLimits.MaxDepth

// Parse decodes JSON text into a value tree (objects become *value.Object
// with keys in document order). It returns an error for invalid JSON,
// trailing data, or nesting deeper than MaxDepth (so hostile input cannot
// exhaust the stack). Numbers are read as JS's JSON.parse reads them: one
// too large for a float64 (1e400) is ±Infinity, not an error.
func Parse(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := parseValue(dec, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("valuejson: trailing data after JSON value")
	}
	return v, nil
}

// MustParse is Parse for tests and literals; it panics on bad JSON.
func MustParse(s string) any {
	v, err := Parse([]byte(s))
	if err != nil {
		panic(err)
	}
	return v
}

func parseValue(dec *json.Decoder, depth int) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	return fromToken(dec, tok, depth)
}

func fromToken(dec *json.Decoder, tok json.Token, depth int) (any, error) {
	switch t := tok.(type) {
	case json.Delim:
		if depth >= MaxDepth {
			return nil, errors.New("valuejson: nested deeper than " + strconv.Itoa(MaxDepth) + " levels")
		}
		switch t {
		case '{':
			var b value.Builder
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, ok := kt.(string)
				if !ok {
					return nil, fmt.Errorf("valuejson: object key %v is not a string", kt)
				}
				v, err := parseValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				b.Set(k, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return b.Build(), nil
		case '[':
			arr := []any{}
			for dec.More() {
				v, err := parseValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				arr = append(arr, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return arr, nil
		}
		return nil, fmt.Errorf("valuejson: unexpected delimiter %v", t)
	case json.Number:
		f, err := t.Float64()
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return nil, err
		}
		return f, nil // out of range: ±Inf (or 0), as JSON.parse
	case string, bool, nil:
		return t, nil
	}
	return nil, fmt.Errorf("valuejson: unexpected token %v", tok)
}

// Marshal encodes a value tree as JSON the way JSON.stringify does:
// object keys in order, undefined and functions omitted from objects and
// turned into null inside arrays, non-finite numbers as null, opaque
// objects as {}. Go maps (map[string]any) are accepted with sorted keys.
func Marshal(v any) []byte {
	var buf bytes.Buffer
	write(&buf, v)
	return buf.Bytes()
}

func skipped(v any) bool {
	switch x := v.(type) {
	case value.Undefined:
		return true
	case value.Opaque:
		return x.TypeOf == "function" || x.TypeOf == "symbol" || x.TypeOf == "undefined"
	}
	return false
}

func write(buf *bytes.Buffer, v any) {
	switch x := v.(type) {
	case nil, value.Undefined:
		buf.WriteString("null")
	case bool:
		buf.WriteString(strconv.FormatBool(x))
	case string:
		writeString(buf, x)
	case float64, int, int64:
		f, _ := value.Number(x)
		s := value.String(f)
		if s == "NaN" || s == "Infinity" || s == "-Infinity" {
			s = "null"
		}
		buf.WriteString(s)
	case []any:
		buf.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				buf.WriteByte(',')
			}
			if skipped(e) {
				buf.WriteString("null")
				continue
			}
			write(buf, e)
		}
		buf.WriteByte(']')
	case *value.Object:
		buf.WriteByte('{')
		first := true
		x.Range(func(k string, e any) bool {
			if skipped(e) {
				return true
			}
			if !first {
				buf.WriteByte(',')
			}
			first = false
			writeString(buf, k)
			buf.WriteByte(':')
			write(buf, e)
			return true
		})
		buf.WriteByte('}')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b value.Builder
		for _, k := range keys {
			b.Set(k, x[k])
		}
		write(buf, b.Build())
	case value.Opaque:
		if skipped(x) {
			buf.WriteString("null")
			return
		}
		buf.WriteString("{}")
	default:
		b, err := json.Marshal(x)
		if err != nil {
			buf.WriteString("null")
			return
		}
		buf.Write(b)
	}
}

// writeString writes s as a JSON string the way JSON.stringify does (no
// HTML escaping of <, > and &).
func writeString(buf *bytes.Buffer, s string) {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	buf.Truncate(buf.Len() - 1) // Encode appends a newline
}
