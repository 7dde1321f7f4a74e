// Package wasmpack rewrites and measures the WebAssembly binary that
// `go build` writes for js/wasm, after linking (build.sh runs it through
// cmd/wasmpack; nothing is downloaded).
//
// PackData merges Go's data segments. Go's linker starts a new active data
// segment after every run of 8 or more zero bytes, which leaves ~40,000
// segments in the checkout module; each costs a header (flags, an
// i32.const offset, the end opcode, a length) that compresses badly, while
// the zero runs between segments compress to almost nothing. PackData
// joins neighbouring segments whose gap is at most maxGap bytes, writing
// the gap as zeros. Memory after instantiation is byte for byte the same:
// a gap lies in memory the module's own segments would otherwise have left
// at zero, and wasm memory starts zeroed.
//
// Sizes reports what each part of a binary costs: sections, and the code
// of each Go package (function bodies grouped by the package prefix of
// their names in the "name" custom section; a binary linked with -s -w
// still has it).
package wasmpack

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strings"
)

const (
	secCustom    = 0
	secCode      = 10
	secData      = 11
	secDataCount = 12
)

var magic = []byte{0, 'a', 's', 'm', 1, 0, 0, 0}

// Section is one section of a module: its id, custom name (id 0 only) and
// payload.
type Section struct {
	ID      byte
	Name    string
	Payload []byte
}

// Parse splits a module into its sections. It returns an error for a file
// that is not a version-1 WebAssembly module or whose sections overrun it.
func Parse(wasm []byte) ([]Section, error) {
	if !bytes.HasPrefix(wasm, magic) {
		return nil, errors.New("wasmpack: not a WebAssembly version 1 module")
	}
	var out []Section
	r := wasm[len(magic):]
	for len(r) > 0 {
		id := r[0]
		size, n := uleb(r[1:])
		if n == 0 || uint64(len(r)-1-n) < size {
			return nil, fmt.Errorf("wasmpack: section %d overruns the file", id)
		}
		payload := r[1+n : 1+n+int(size)]
		s := Section{ID: id, Payload: payload}
		if id == secCustom {
			l, m := uleb(payload)
			if m == 0 || uint64(len(payload)-m) < l {
				return nil, errors.New("wasmpack: bad custom section name")
			}
			s.Name = string(payload[m : m+int(l)])
		}
		out = append(out, s)
		r = r[1+n+int(size):]
	}
	return out, nil
}

// Encode writes sections back into a module.
func Encode(sections []Section) []byte {
	out := append([]byte(nil), magic...)
	for _, s := range sections {
		out = append(out, s.ID)
		out = appendULEB(out, uint64(len(s.Payload)))
		out = append(out, s.Payload...)
	}
	return out
}

// segment is one active data segment of memory 0 at a constant offset.
type segment struct {
	offset uint32
	data   []byte
}

// parseData reads a data section whose segments are all active, in memory
// 0, at an i32.const offset (what Go writes). Anything else is an error:
// the caller then leaves the module as it is.
func parseData(p []byte) ([]segment, error) {
	count, n := uleb(p)
	if n == 0 {
		return nil, errors.New("wasmpack: bad data segment count")
	}
	p = p[n:]
	segs := make([]segment, 0, count)
	for i := uint64(0); i < count; i++ {
		if len(p) < 2 || p[0] != 0 || p[1] != 0x41 { // flags 0 (active, memory 0), i32.const
			return nil, fmt.Errorf("wasmpack: data segment %d is not an active memory-0 segment at an i32.const offset", i)
		}
		off, m := sleb32(p[2:])
		if m == 0 || len(p) < 3+m || p[2+m] != 0x0b {
			return nil, fmt.Errorf("wasmpack: data segment %d: bad offset expression", i)
		}
		p = p[3+m:]
		size, k := uleb(p)
		if k == 0 || uint64(len(p)-k) < size {
			return nil, fmt.Errorf("wasmpack: data segment %d overruns the section", i)
		}
		segs = append(segs, segment{offset: uint32(off), data: p[k : k+int(size)]})
		p = p[k+int(size):]
	}
	if len(p) != 0 {
		return nil, errors.New("wasmpack: trailing bytes in the data section")
	}
	return segs, nil
}

func encodeData(segs []segment) []byte {
	out := appendULEB(nil, uint64(len(segs)))
	for _, s := range segs {
		out = append(out, 0, 0x41)
		out = appendSLEB(out, int64(int32(s.offset)))
		out = append(out, 0x0b)
		out = appendULEB(out, uint64(len(s.data)))
		out = append(out, s.data...)
	}
	return out
}

// PackData returns wasm with neighbouring data segments joined wherever
// the gap between them is at most maxGap bytes (a negative maxGap joins
// everything into one segment), and how many segments there were before
// and after. A module with overlapping segments, or with a data segment
// PackData does not understand, is returned unchanged with an error.
func PackData(wasm []byte, maxGap int) (out []byte, before, after int, err error) {
	sections, err := Parse(wasm)
	if err != nil {
		return wasm, 0, 0, err
	}
	di := -1
	for i, s := range sections {
		if s.ID == secData {
			di = i
		}
	}
	if di < 0 {
		return wasm, 0, 0, nil
	}
	segs, err := parseData(sections[di].Payload)
	if err != nil {
		return wasm, 0, 0, err
	}
	sort.SliceStable(segs, func(i, j int) bool { return segs[i].offset < segs[j].offset })
	var merged []segment
	for _, s := range segs {
		if len(merged) > 0 {
			last := &merged[len(merged)-1]
			end := uint64(last.offset) + uint64(len(last.data))
			if uint64(s.offset) < end {
				return wasm, 0, 0, fmt.Errorf("wasmpack: data segments overlap at offset %d", s.offset)
			}
			if gap := uint64(s.offset) - end; maxGap < 0 || gap <= uint64(maxGap) {
				buf := append(last.data[:len(last.data):len(last.data)], make([]byte, gap)...)
				last.data = append(buf, s.data...)
				continue
			}
		}
		merged = append(merged, s)
	}
	sections[di].Payload = encodeData(merged)
	for i, s := range sections {
		if s.ID == secDataCount {
			sections[i].Payload = appendULEB(nil, uint64(len(merged)))
		}
	}
	return Encode(sections), len(segs), len(merged), nil
}

// Part is a named share of a module: a section, or the code of a package.
type Part struct {
	Name  string
	Bytes int
	Body  []byte // the bytes themselves, to compress separately
}

// Sizes reports the sections of wasm (custom sections by name) and, from
// the code section and the "name" section, the code of each package.
func Sizes(wasm []byte) (sections, packages []Part, err error) {
	sections, funcs, err := Functions(wasm)
	if err != nil {
		return sections, nil, err
	}
	byPkg := map[string]*Part{}
	for _, f := range funcs {
		pkg := PackageOf(f.Name)
		part := byPkg[pkg]
		if part == nil {
			part = &Part{Name: pkg}
			byPkg[pkg] = part
		}
		part.Bytes += f.Bytes
		part.Body = append(part.Body, f.Body...)
	}
	for _, part := range byPkg {
		packages = append(packages, *part)
	}
	sort.Slice(packages, func(i, j int) bool { return packages[i].Bytes > packages[j].Bytes })
	return sections, packages, nil
}

// Functions reports the sections of wasm like Sizes and each function of
// the code section, in code order, named from the "name" section ("" when
// the module has none). It fails on a malformed code section.
func Functions(wasm []byte) (sections, funcs []Part, err error) {
	secs, err := Parse(wasm)
	if err != nil {
		return nil, nil, err
	}
	names := map[uint32]string{}
	imported := 0
	var code []byte
	for _, s := range secs {
		label := sectionName(s)
		sections = append(sections, Part{Name: label, Bytes: len(s.Payload), Body: s.Payload})
		switch {
		case s.ID == 2:
			imported = countFuncImports(s.Payload)
		case s.ID == secCode:
			code = s.Payload
		case s.ID == secCustom && s.Name == "name":
			names = functionNames(s.Payload)
		}
	}
	if code == nil {
		return sections, nil, nil
	}
	count, n := uleb(code)
	p := code[n:]
	for i := uint64(0); i < count && len(p) > 0; i++ {
		size, k := uleb(p)
		if k == 0 || uint64(len(p)-k) < size {
			return sections, nil, errors.New("wasmpack: bad function body")
		}
		body := p[:k+int(size)]
		p = p[k+int(size):]
		funcs = append(funcs, Part{Name: names[uint32(imported)+uint32(i)], Bytes: len(body), Body: body})
	}
	return sections, funcs, nil
}

func sectionName(s Section) string {
	if s.ID == secCustom {
		return "custom " + s.Name
	}
	names := []string{"custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount"}
	if int(s.ID) < len(names) {
		return names[s.ID]
	}
	return fmt.Sprintf("section %d", s.ID)
}

// PackageOf is the Go package of a function name as the wasm name section
// spells it ("runtime.mallocgc", "github.com_x_y.__T_.M" for
// github.com/x/y.(*T).M, "internal_strconv.x"); "(unnamed)" for "".
func PackageOf(fn string) string {
	if fn == "" {
		return "(unnamed)"
	}
	// Go's wasm name section writes "/" as "_" ("github.com_x_y.(*T).M" is
	// written "github.com_x_y.__T_.M"): skip a module host's own dot.
	start := strings.LastIndex(fn, "/") + 1
	for _, host := range []string{"github.com_", "golang.org_", "gopkg.in_"} {
		if strings.HasPrefix(fn, host) {
			start = len(host)
		}
	}
	dot := strings.Index(fn[start:], ".")
	if dot < 0 {
		return fn
	}
	return fn[:start+dot]
}

func countFuncImports(p []byte) int {
	count, n := uleb(p)
	p = p[n:]
	funcs := 0
	for i := uint64(0); i < count; i++ {
		for j := 0; j < 2; j++ { // module, field
			l, m := uleb(p)
			p = p[m+int(l):]
		}
		kind := p[0]
		p = p[1:]
		switch kind {
		case 0: // func: type index
			funcs++
			_, m := uleb(p)
			p = p[m:]
		case 1: // table: reftype, limits
			p = p[1:]
			p = skipLimits(p)
		case 2: // memory: limits
			p = skipLimits(p)
		case 3: // global: valtype, mut
			p = p[2:]
		}
	}
	return funcs
}

func skipLimits(p []byte) []byte {
	flag := p[0]
	p = p[1:]
	_, m := uleb(p)
	p = p[m:]
	if flag&1 != 0 {
		_, m = uleb(p)
		p = p[m:]
	}
	return p
}

// functionNames reads subsection 1 (function names) of a "name" section.
func functionNames(p []byte) map[uint32]string {
	out := map[uint32]string{}
	l, n := uleb(p) // the custom section's own name ("name")
	p = p[n+int(l):]
	for len(p) > 0 {
		id := p[0]
		size, m := uleb(p[1:])
		sub := p[1+m : 1+m+int(size)]
		p = p[1+m+int(size):]
		if id != 1 {
			continue
		}
		count, k := uleb(sub)
		sub = sub[k:]
		for i := uint64(0); i < count; i++ {
			idx, a := uleb(sub)
			nl, b := uleb(sub[a:])
			out[uint32(idx)] = string(sub[a+b : a+b+int(nl)])
			sub = sub[a+b+int(nl):]
		}
	}
	return out
}

func uleb(p []byte) (uint64, int) {
	v, n := binary.Uvarint(p)
	if n <= 0 {
		return 0, 0
	}
	return v, n
}

func sleb32(p []byte) (int32, int) {
	var result int64
	var shift uint
	for i, b := range p {
		if i >= 5 {
			return 0, 0
		}
		result |= int64(b&0x7f) << shift
		shift += 7
		if b&0x80 == 0 {
			if shift < 64 && b&0x40 != 0 {
				result |= -1 << shift
			}
			return int32(result), i + 1
		}
	}
	return 0, 0
}

func appendULEB(b []byte, v uint64) []byte {
	return binary.AppendUvarint(b, v)
}

func appendSLEB(b []byte, v int64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}
