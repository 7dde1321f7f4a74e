package jsgen

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/engine"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/internal/buildcheck"
)

func TestGeneratedBlocksAreCurrent(t *testing.T) {
	wd, err := os.Getwd()
	require.NoError(t, err)
	root, err := buildcheck.FindRepoRoot(wd)
	require.NoError(t, err)
	files, err := Generate(root)
	require.NoError(t, err)
	require.Len(t, files, len(Targets))
	for _, f := range files {
		t.Run("the generated block of "+f.Path+" is what the Go tables give", func(t *testing.T) {
			assert.True(t, f.Have == f.Want, "%s is stale: run go generate ./... (then commit %s and web/checkout.js)", f.Path, f.Path)
		})
	}
}

func TestReplace(t *testing.T) {
	tests := []struct {
		name, text, body, want, err string
	}{
		{name: "the block is replaced and indented like its begin marker",
			text: "a\n  // BEGIN GENERATED TABLES\n  old\n  // END GENERATED TABLES\nb\n",
			body: "x\n\ny\n",
			want: "a\n  // BEGIN GENERATED TABLES\n  x\n\n  y\n  // END GENERATED TABLES\nb\n"},
		{name: "an empty block is filled",
			text: "// BEGIN GENERATED TABLES\n// END GENERATED TABLES\n",
			body: "x\n",
			want: "// BEGIN GENERATED TABLES\nx\n// END GENERATED TABLES\n"},
		{name: "a file without markers is an error", text: "a\n", err: "no // BEGIN"},
		{name: "an end before the begin is an error",
			text: "// END GENERATED TABLES\n// BEGIN GENERATED TABLES\n", err: "no // BEGIN"},
		{name: "a marker twice is an error",
			text: "// BEGIN GENERATED TABLES\n// BEGIN GENERATED TABLES\n// END GENERATED TABLES\n", err: "twice"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Replace(tc.text, tc.body)
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestJSLiteral(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"undefined", value.Undef, "undefined"},
		{"null", nil, "null"},
		{"numbers as JS prints them", 1.5, "1.5"},
		{"strings single-quoted with escapes", "it's \\ \n\u2028", `'it\'s \\ \n\u2028'`},
		{"empty object and array", value.NewObject("a", value.NewObject(), "b", []any{}), "{\n  a: {},\n  b: []\n}"},
		{"keys that are not identifiers are quoted", value.NewObject("wc/store/cart", true), "{\n  'wc/store/cart': true\n}"},
		{"a function is written as undefined", value.Opaque{TypeOf: "function"}, "undefined"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, jsLiteral(tc.v, ""))
		})
	}
}

func TestJSBlock(t *testing.T) {
	js := JSBlock()
	t.Run("every action of Go's table is listed", func(t *testing.T) {
		for _, k := range engine.StoreKeys() {
			for _, a := range engine.ActionNames(k) {
				assert.Contains(t, js, "'"+a+"'", k)
			}
		}
	})
	t.Run("the loader's table names are all declared", func(t *testing.T) {
		for _, v := range []string{"DEFAULT_SNAPSHOTS", "PLAIN_SELECTORS", "DEPRECATED_SELECTORS", "ACTIONS",
			"CHECKOUT_EVENTS", "PAYMENT_EVENTS", "SHIPPING_EVENTS", "DEPRECATED_EVENTS", "EVENT_NAMES",
			"RESPONSE_TYPES", "NOTICE_CONTEXTS"} {
			assert.Contains(t, js, "\nvar "+v+" = ")
		}
	})
	t.Run("D11: deprecated aliases map to their current name", func(t *testing.T) {
		assert.Contains(t, js, "onPaymentProcessing: 'onPaymentSetup'")
		assert.Contains(t, js, "var PAYMENT_EVENTS = ['onPaymentSetup', 'onPaymentProcessing'];")
	})
	t.Run("no line ends in a blank", func(t *testing.T) {
		for _, l := range strings.Split(js+DTSBlock(), "\n") {
			assert.Equal(t, strings.TrimRight(l, " "), l)
		}
	})
}

// Example prints the TypeScript action names of the notices store, as the
// generated block of checkout.d.ts has them.
func Example() {
	for _, l := range strings.Split(DTSBlock(), "\n") {
		if strings.Contains(l, "'core/notices': 'create") {
			fmt.Println(l)
		}
	}
	// Output:
	//   'core/notices': 'createNotice' | 'removeNotice';
}
