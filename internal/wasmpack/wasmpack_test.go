package wasmpack

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// module builds a module with one memory, the given data segments and,
// optionally, a datacount section, a code section and a name section.
func module(segs []segment, withCount bool, funcNames []string) []byte {
	var secs []Section
	secs = append(secs, Section{ID: 5, Payload: []byte{1, 0, 1}}) // memory: 1 page
	if withCount {
		secs = append(secs, Section{ID: secDataCount, Payload: appendULEB(nil, uint64(len(segs)))})
	}
	if funcNames != nil {
		code := appendULEB(nil, uint64(len(funcNames)))
		for i := range funcNames {
			body := bytes.Repeat([]byte{0x01}, i+1) // i+1 nops
			body = append([]byte{0}, body...)       // no locals
			body = append(body, 0x0b)
			code = appendULEB(code, uint64(len(body)))
			code = append(code, body...)
		}
		secs = append(secs, Section{ID: secCode, Payload: code})
	}
	secs = append(secs, Section{ID: secData, Payload: encodeData(segs)})
	if funcNames != nil {
		sub := appendULEB(nil, uint64(len(funcNames)))
		for i, n := range funcNames {
			sub = appendULEB(sub, uint64(i))
			sub = appendULEB(sub, uint64(len(n)))
			sub = append(sub, n...)
		}
		name := appendULEB(nil, 4)
		name = append(name, "name"...)
		name = append(name, 1)
		name = appendULEB(name, uint64(len(sub)))
		name = append(name, sub...)
		secs = append(secs, Section{ID: secCustom, Name: "name", Payload: name})
	}
	return Encode(secs)
}

// image is the memory a module's data segments produce.
func image(t *testing.T, wasm []byte) []byte {
	t.Helper()
	secs, err := Parse(wasm)
	require.NoError(t, err)
	mem := make([]byte, 1<<16)
	for _, s := range secs {
		if s.ID == secData {
			segs, err := parseData(s.Payload)
			require.NoError(t, err)
			for _, g := range segs {
				copy(mem[g.offset:], g.data)
			}
		}
	}
	return mem
}

func TestPackData(t *testing.T) {
	segs := []segment{
		{offset: 100, data: []byte("abc")},
		{offset: 8, data: []byte{1, 2, 3}}, // out of order, as a linker may write them
		{offset: 120, data: []byte("def")},
		{offset: 5000, data: []byte("far")},
		{offset: 5003, data: []byte("touching")},
	}
	cases := []struct {
		name   string
		gap    int
		after  int
		counts bool
	}{
		{"join everything into one segment", -1, 1, false},
		{"join only gaps of at most 100 bytes", 100, 2, false},
		{"gap 0 joins only touching segments", 0, 4, false},
		{"the datacount section follows the new count", -1, 1, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := module(segs, c.counts, nil)
			out, before, after, err := PackData(in, c.gap)
			require.NoError(t, err)
			assert.Equal(t, 5, before)
			assert.Equal(t, c.after, after)
			assert.Equal(t, image(t, in), image(t, out), "memory after instantiation is the same")
			if c.counts {
				secs, _ := Parse(out)
				for _, s := range secs {
					if s.ID == secDataCount {
						n, _ := uleb(s.Payload)
						assert.Equal(t, uint64(1), n)
					}
				}
			}
		})
	}
}

func TestPackDataLeavesWhatItDoesNotUnderstand(t *testing.T) {
	passive := Encode([]Section{{ID: secData, Payload: []byte{1, 1, 3, 'a', 'b', 'c'}}}) // one passive segment
	overlap := module([]segment{{offset: 0, data: []byte("abcd")}, {offset: 2, data: []byte("x")}}, false, nil)
	cases := []struct {
		name, wasm, want string
	}{
		{"a passive segment", string(passive), "not an active memory-0 segment"},
		{"overlapping segments", string(overlap), "overlap"},
		{"not a module", "hello", "not a WebAssembly"},
		{"a section overrunning the file", string(magic) + "\x0b\x09\x01", "overruns"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, _, _, err := PackData([]byte(c.wasm), -1)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
			assert.Equal(t, c.wasm, string(out), "returned unchanged")
		})
	}
	t.Run("a module without data is returned as it is", func(t *testing.T) {
		in := Encode([]Section{{ID: 5, Payload: []byte{1, 0, 1}}})
		out, before, after, err := PackData(in, -1)
		require.NoError(t, err)
		assert.Equal(t, in, out)
		assert.Zero(t, before+after)
	})
}

func TestLEB(t *testing.T) {
	for _, v := range []int64{0, 1, 63, 64, -1, -64, -65, 127, 128, 1 << 20, 1<<31 - 1, -(1 << 31)} {
		t.Run(fmt.Sprint(v), func(t *testing.T) {
			b := appendSLEB(nil, v)
			got, n := sleb32(b)
			assert.Equal(t, len(b), n)
			assert.Equal(t, int32(v), got)
		})
	}
}

func TestSizes(t *testing.T) {
	in := module([]segment{{offset: 8, data: []byte("data")}}, false,
		[]string{"runtime.main", "runtime.mallocgc", "github.com/x/y.(*T).M", "strconv.Itoa"})
	sections, packages, err := Sizes(in)
	require.NoError(t, err)
	var names []string
	for _, s := range sections {
		names = append(names, s.Name)
	}
	assert.Equal(t, []string{"memory", "code", "data", "custom name"}, names)
	got := map[string]int{}
	for _, p := range packages {
		got[p.Name] = p.Bytes
	}
	// Each body: size byte + locals byte + (i+1) nops + end.
	assert.Equal(t, map[string]int{"runtime": 4 + 5, "github.com/x/y": 6, "strconv": 7}, got)
}

func TestPackageOf(t *testing.T) {
	cases := map[string]string{
		"runtime.mallocgc": "runtime",
		"github.com/wcblocks/checkoutwasm/core/engine.(*Engine).Submit": "github.com/wcblocks/checkoutwasm/core/engine",
		"internal/runtime/atomic.Load8":                                 "internal/runtime/atomic",
		"wasm_pc_f_loop":                                                "wasm_pc_f_loop",
		"":                                                              "(unnamed)",
	}
	for in, want := range cases {
		t.Run(in, func(t *testing.T) { assert.Equal(t, want, PackageOf(in)) })
	}
}
