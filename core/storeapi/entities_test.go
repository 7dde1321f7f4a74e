package storeapi_test

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wcblocks/checkoutwasm/core/storeapi"
)

// ref §9.5 / §10 decode messages with decodeEntities; these are the cases
// a browser's textarea decoding gives for what WordPress emits.
func TestDecodeEntities(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"no ampersand", "plain text", "plain text"},
		{"empty", "", ""},
		{"basic five", "&amp; &lt; &gt; &quot; &apos;", `& < > " '`},
		{"upper-case legacy names", "&AMP; &LT; &GT; &QUOT; &COPY; &REG; &TRADE;", `& < > " © ® ™`},
		{"nbsp", "a&nbsp;b", "a\u00a0b"},
		{"punctuation", "&hellip;&ndash;&mdash;&lsquo;&rsquo;&ldquo;&rdquo;&laquo;&raquo;", "…–—‘’“”«»"},
		{"currency and marks", "&euro;&pound;&cent;&yen;&copy;&reg;&trade;", "€£¢¥©®™"},
		{"maths and dots", "&times;&divide;&deg;&middot;&bull;", "×÷°·•"},
		{"decimal", "It&#8217;s", "It’s"},
		{"decimal with leading zeros", "&#0038;", "&"},
		{"hex lower", "&#x2019;", "’"},
		{"hex upper X and digits", "&#X201C;&#x201d;", "“”"},
		{"astral code point", "&#128512;", "😀"},
		{"zero becomes U+FFFD", "&#0;", "\uFFFD"},
		{"surrogate becomes U+FFFD", "&#xD800;", "\uFFFD"},
		{"beyond Unicode becomes U+FFFD", "&#x110000;", "\uFFFD"},
		{"huge number becomes U+FFFD", "&#99999999999999999999;", "\uFFFD"},
		{"windows-1252 euro", "&#128;", "€"},
		{"windows-1252 quotes", "&#145;&#146;&#147;&#148;&#150;&#151;", "‘’“”–—"},
		{"windows-1252 low quote and Y diaeresis", "&#x82;&#x9F;", "\u201a\u0178"},
		{"unassigned windows-1252 slot kept", "&#x81;", "\u0081"},
		{"double encoded decodes once", "&amp;amp;", "&amp;"},
		{"unknown name left as written", "&foo; &zwj;", "&foo; &zwj;"},
		{"missing semicolon left as written", "&amp &#39 &#x27", "&amp &#39 &#x27"},
		{"lone ampersand", "Fish & Chips &", "Fish & Chips &"},
		{"ampersand then hash only", "&#; &#x; &#", "&#; &#x; &#"},
		{"empty name", "&;", "&;"},
		{"name too long is not a reference", "&" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" + ";", "&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;"},
		{"tags untouched", "<b>Bold&nbsp;</b>", "<b>Bold\u00a0</b>"},
		{"mixed", "Tom &amp; Jerry&#8217;s &lt;cheese&gt;", "Tom & Jerry’s <cheese>"},
		{"adjacent references", "&lt;&lt;&#60;", "<<<"},
		{"ampersand before reference", "&&amp;", "&&"},
		{"case-sensitive names", "&Amp; &Hellip;", "&Amp; &Hellip;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, storeapi.DecodeEntities(tt.in))
		})
	}
}

// All 32 numeric references 0x80–0x9F, as browsers map them (WHATWG
// numeric character reference end state table; unassigned slots are kept).
func TestDecodeEntitiesWindows1252Table(t *testing.T) {
	want := []rune{
		0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
		0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
		0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
		0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
	}
	for i, r := range want {
		code := 0x80 + i
		assert.Equal(t, string(r), storeapi.DecodeEntities("&#"+strconv.Itoa(code)+";"), "code %#x", code)
	}
}
