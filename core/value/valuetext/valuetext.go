// Package valuetext reads the text checkout.js writes for a JS value when
// it hands one to Go through memory instead of through syscall/js (action
// arguments, an observer's answer; docs/contracts.md "Text calls"). The
// text is JSON with four more literals, so that nothing a plain JS value
// can hold is lost on the way:
//
//	undefined            -> value.Undef (also as an object member or array element)
//	NaN, Infinity, -Infinity -> the float64 values
//	-0                   -> negative zero (JSON.stringify would write 0)
//
// Objects become *value.Object with their keys in text order (a repeated
// key keeps its first position and its last value, as a JS object
// literal), arrays []any, numbers float64. checkout.js only writes text
// for values made of primitives, plain objects and arrays; anything else
// (a function, a class instance, a cycle) goes the syscall/js way.
//
// Parse never panics and does not recurse deeper than the limits allow:
// hostile or truncated text is an error, not a crash.
package valuetext

import (
	"errors"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/wcblocks/checkoutwasm/core/value"
)

// Parse reads one value from text within lim (zero fields take
// value.DefaultLimits): deeper nesting, more values or more string bytes
// than allowed, invalid text or trailing data end it with an error.
func Parse(text []byte, lim value.Limits) (any, error) {
	return parse(text, lim, false)
}

// ParseJSON is Parse for JSON text only, as JSON.parse reads it: the four
// extra literals are errors (a server's reply, not checkout.js's text).
func ParseJSON(text []byte, lim value.Limits) (any, error) {
	return parse(text, lim, true)
}

func parse(text []byte, lim value.Limits, strict bool) (any, error) {
	if lim.MaxDepth <= 0 {
		lim.MaxDepth = value.DefaultLimits.MaxDepth
	}
	if lim.MaxNodes <= 0 {
		lim.MaxNodes = value.DefaultLimits.MaxNodes
	}
	if lim.MaxStringBytes <= 0 {
		lim.MaxStringBytes = value.DefaultLimits.MaxStringBytes
	}
	p := parser{s: text, lim: lim, strict: strict}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(p.s) {
		return nil, p.fail("unexpected data after the value")
	}
	return v, nil
}

// ParseList reads the text of a JS array into its elements (the arguments
// of an action): it is Parse that requires an array.
func ParseList(text []byte, lim value.Limits) ([]any, error) {
	v, err := Parse(text, lim)
	if err != nil {
		return nil, err
	}
	list, ok := v.([]any)
	if !ok {
		return nil, errors.New("valuetext: the text is not an array")
	}
	return list, nil
}

type parser struct {
	strict bool // JSON only
	s      []byte
	i      int
	lim    value.Limits
	nodes  int
	bytes  int
}

func (p *parser) fail(msg string) error {
	return errors.New("valuetext: " + msg + " at byte " + strconv.Itoa(p.i))
}

func (p *parser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) count() error {
	p.nodes++
	if p.nodes > p.lim.MaxNodes {
		return p.fail("more than " + strconv.Itoa(p.lim.MaxNodes) + " values in all")
	}
	return nil
}

func (p *parser) literal(word string) bool {
	if len(p.s)-p.i >= len(word) && string(p.s[p.i:p.i+len(word)]) == word {
		p.i += len(word)
		return true
	}
	return false
}

func (p *parser) value(depth int) (any, error) {
	p.space()
	if p.i >= len(p.s) {
		return nil, p.fail("unexpected end of text")
	}
	if err := p.count(); err != nil {
		return nil, err
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		return p.str()
	case c == '-' || (c >= '0' && c <= '9'):
		if !p.strict && p.literal("-Infinity") {
			return math.Inf(-1), nil
		}
		return p.number()
	case p.literal("true"):
		return true, nil
	case p.literal("false"):
		return false, nil
	case p.literal("null"):
		return nil, nil
	case p.strict:
	case p.literal("undefined"):
		return value.Undef, nil
	case p.literal("NaN"):
		return math.NaN(), nil
	case p.literal("Infinity"):
		return math.Inf(1), nil
	}
	return nil, p.fail("unexpected character")
}

func (p *parser) open(depth int) error {
	if depth >= p.lim.MaxDepth {
		return p.fail("nested deeper than " + strconv.Itoa(p.lim.MaxDepth) + " levels")
	}
	p.i++ // '{' or '['
	return nil
}

func (p *parser) array(depth int) (any, error) {
	if err := p.open(depth); err != nil {
		return nil, err
	}
	out := []any{}
	p.space()
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
		return out, nil
	}
	for {
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		p.space()
		if p.i >= len(p.s) {
			return nil, p.fail("unexpected end of text in an array")
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return out, nil
		default:
			return nil, p.fail("expected ',' or ']'")
		}
	}
}

func (p *parser) object(depth int) (any, error) {
	if err := p.open(depth); err != nil {
		return nil, err
	}
	var b value.Builder
	p.space()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return b.Build(), nil
	}
	for {
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != '"' {
			return nil, p.fail("expected a key")
		}
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return nil, p.fail("expected ':'")
		}
		p.i++
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		b.Set(k.(string), v)
		p.space()
		if p.i >= len(p.s) {
			return nil, p.fail("unexpected end of text in an object")
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return b.Build(), nil
		default:
			return nil, p.fail("expected ',' or '}'")
		}
	}
}

func (p *parser) number() (any, error) {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	digits := func() int {
		n := 0
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.i < len(p.s) && p.s[p.i] == '0' {
		p.i++
	} else if digits() == 0 {
		return nil, p.fail("bad number")
	}
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return nil, p.fail("bad number")
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return nil, p.fail("bad number")
		}
	}
	f, err := strconv.ParseFloat(string(p.s[start:p.i]), 64)
	if err != nil {
		// Out of range: JS reads 1e400 as Infinity, and so does this.
		// (errors.Is through NumError.Unwrap: errors.As would link reflection.)
		if errors.Is(err, strconv.ErrRange) {
			return f, nil
		}
		return nil, p.fail("bad number")
	}
	return f, nil
}

// str reads a JSON string; escapes of lone UTF-16 surrogates become
// U+FFFD, as Go's UTF-8 strings cannot hold them (syscall/js does the same).
func (p *parser) str() (any, error) {
	p.i++ // '"'
	start := p.i
	// Fast path: no escapes.
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == '"' {
			s := string(p.s[start:p.i])
			p.i++
			return p.keep(s)
		}
		if c == '\\' || c < 0x20 {
			break
		}
		p.i++
	}
	buf := append([]byte(nil), p.s[start:p.i]...)
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return p.keep(string(buf))
		case c < 0x20:
			return nil, p.fail("control character in a string")
		case c != '\\':
			buf = append(buf, c)
			p.i++
			continue
		}
		p.i++
		if p.i >= len(p.s) {
			break
		}
		e := p.s[p.i]
		p.i++
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return nil, p.fail("bad \\u escape")
			}
			if r >= 0xd800 && r < 0xe000 { // a UTF-16 surrogate
				// A pair is two escapes; a lone half is U+FFFD.
				if p.i+6 <= len(p.s) && p.s[p.i] == '\\' && p.s[p.i+1] == 'u' {
					save := p.i
					p.i += 2
					if r2, ok := p.hex4(); ok && r < 0xdc00 && r2 >= 0xdc00 && r2 < 0xe000 {
						buf = utf8.AppendRune(buf, (r-0xd800)<<10|(r2-0xdc00)+0x10000)
						continue
					}
					p.i = save
				}
				r = utf8.RuneError
			}
			buf = utf8.AppendRune(buf, r)
		default:
			return nil, p.fail("bad escape")
		}
	}
	return nil, p.fail("unterminated string")
}

func (p *parser) hex4() (rune, bool) {
	if p.i+4 > len(p.s) {
		return 0, false
	}
	var r rune
	for _, c := range p.s[p.i : p.i+4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c-'a') + 10
		case c >= 'A' && c <= 'F':
			r |= rune(c-'A') + 10
		default:
			return 0, false
		}
	}
	p.i += 4
	return r, true
}

func (p *parser) keep(s string) (any, error) {
	p.bytes += len(s)
	if p.bytes > p.lim.MaxStringBytes {
		return nil, p.fail("more than " + strconv.Itoa(p.lim.MaxStringBytes) + " bytes of strings in all")
	}
	return s, nil
}
