package storeapi

import (
	"strings"
	"unicode/utf8"
)

// namedEntity looks name up in the small table of named character
// references WordPress commonly emits. It is a switch, not a package map, so
// the package holds no mutable state.
func namedEntity(name string) (rune, bool) {
	switch name {
	case "amp", "AMP":
		return '&', true
	case "lt", "LT":
		return '<', true
	case "gt", "GT":
		return '>', true
	case "quot", "QUOT":
		return '"', true
	case "apos":
		return '\'', true
	case "nbsp":
		return 0xA0, true
	case "hellip":
		return '…', true
	case "ndash":
		return '–', true
	case "mdash":
		return '—', true
	case "lsquo":
		return '‘', true
	case "rsquo":
		return '’', true
	case "ldquo":
		return '“', true
	case "rdquo":
		return '”', true
	case "laquo":
		return '«', true
	case "raquo":
		return '»', true
	case "euro":
		return '€', true
	case "pound":
		return '£', true
	case "cent":
		return '¢', true
	case "yen":
		return '¥', true
	case "copy", "COPY":
		return '©', true
	case "reg", "REG":
		return '®', true
	case "trade", "TRADE":
		return '™', true
	case "times":
		return '×', true
	case "divide":
		return '÷', true
	case "deg":
		return '°', true
	case "middot":
		return '·', true
	case "bull":
		return '•', true
	}
	return 0, false
}

// cp1252 is the HTML numeric-reference fix-up for r in 0x80–0x9F (the
// windows-1252 reading browsers apply); 0 means "keep the code point".
func cp1252(r rune) rune {
	const table = "€\x00‚ƒ„…†‡ˆ‰Š‹Œ\x00Ž\x00\x00‘’“”•–—˜™š›œ\x00žŸ"
	i := int(r - 0x80)
	var c rune
	for _, c = range table {
		if i == 0 {
			break
		}
		i--
	}
	return c
}

// DecodeEntities decodes the HTML character references WordPress emits, as
// a browser does when it reads them as text:
//
//   - named references from a small table (&amp; &lt; &gt; &quot; &apos;
//     &nbsp; &hellip; &ndash; &mdash; &lsquo; &rsquo; &ldquo; &rdquo;
//     &laquo; &raquo; &euro; &pound; &cent; &yen; &copy; &reg; &trade;
//     &times; &divide; &deg; &middot; &bull;, and the upper-case AMP LT GT
//     QUOT COPY REG TRADE);
//   - numeric references, decimal (&#8217;) and hex (&#x2019; or &#X2019;).
//     As in browsers, 0, surrogates and values above 0x10FFFF become U+FFFD,
//     and 0x80–0x9F are read as windows-1252 where that defines a character.
//
// Every reference must end with ';'. Anything else — an unknown name, a
// missing ';', "&" alone — is left exactly as written. Tags are not touched
// ("<b>" stays). A string without '&' is returned unchanged.
func DecodeEntities(s string) string {
	i := strings.IndexByte(s, '&')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i >= 0 {
		b.WriteString(s[:i])
		s = s[i:]
		r, n := reference(s)
		if n == 0 {
			b.WriteByte('&')
			s = s[1:]
		} else {
			b.WriteRune(r)
			s = s[n:]
		}
		i = strings.IndexByte(s, '&')
	}
	b.WriteString(s)
	return b.String()
}

// reference decodes the character reference at the start of s (which
// begins with '&'). n is the number of bytes it spans, 0 when there is none.
func reference(s string) (r rune, n int) {
	if len(s) > 1 && s[1] == '#' {
		return numericReference(s)
	}
	end := 1
	for end < len(s) && end <= 32 && isAlnum(s[end]) {
		end++
	}
	if end == 1 || end >= len(s) || s[end] != ';' {
		return 0, 0
	}
	r, ok := namedEntity(s[1:end])
	if !ok {
		return 0, 0
	}
	return r, end + 1
}

func numericReference(s string) (rune, int) {
	i, base := 2, rune(10)
	if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
		i, base = 3, 16
	}
	start := i
	var v rune
	for i < len(s) {
		d := digitValue(s[i], base)
		if d < 0 {
			break
		}
		if v <= utf8.MaxRune {
			v = v*base + d
		}
		i++
	}
	if i == start || i >= len(s) || s[i] != ';' {
		return 0, 0
	}
	switch {
	case v == 0, v > utf8.MaxRune, v >= 0xD800 && v <= 0xDFFF:
		v = utf8.RuneError
	case v >= 0x80 && v <= 0x9F:
		if c := cp1252(v); c != 0 {
			v = c
		}
	}
	return v, i + 1
}

func digitValue(c byte, base rune) rune {
	switch {
	case c >= '0' && c <= '9':
		return rune(c - '0')
	case base == 16 && c >= 'a' && c <= 'f':
		return rune(c-'a') + 10
	case base == 16 && c >= 'A' && c <= 'F':
		return rune(c-'A') + 10
	}
	return -1
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
