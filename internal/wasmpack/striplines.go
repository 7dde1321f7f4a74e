package wasmpack

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// StripLines returns wasm with the file and line tables of Go's pclntab
// zeroed: for every function, the pcfile and pcln tables (the pctab bytes no
// stack-size or pcdata table shares), the _func fields that point at them,
// and the file tables (cutab, filetab), and each _func's cuOffset and
// startLine. The runtime reads them only to print file:line in tracebacks,
// for runtime.Caller/CallersFrames, where a function without tables reports
// "?" and line 0 (runtime.funcline1), and for runtime/pprof; stack
// unwinding, stack maps and function names are untouched, so the program
// runs exactly as before. The zeroed bytes are dropped from the data section
// (segments are split around zero runs longer than 8 bytes, as Go's linker
// writes them); pack afterwards with PackData.
//
// It returns how many pctab bytes it cleared. A module whose data it does not
// understand (no single, consistent Go 1.20+ pclntab header for a 64-bit
// target, a function record that disagrees with the function table, a table
// that runs out of pctab) is returned unchanged with an error.
func StripLines(wasm []byte) (out []byte, cleared int, err error) {
	sections, err := Parse(wasm)
	if err != nil {
		return wasm, 0, err
	}
	di := -1
	for i, s := range sections {
		if s.ID == secData {
			di = i
		}
	}
	if di < 0 {
		return wasm, 0, errors.New("wasmpack: no data section")
	}
	segs, err := parseData(sections[di].Payload)
	if err != nil {
		return wasm, 0, err
	}
	base, img, err := memoryImage(segs)
	if err != nil {
		return wasm, 0, err
	}
	cleared, err = stripLines(img)
	if err != nil {
		return wasm, 0, err
	}
	segs = splitZeros(base, img, 8)
	sections[di].Payload = encodeData(segs)
	for i, s := range sections {
		if s.ID == secDataCount {
			sections[i].Payload = appendULEB(nil, uint64(len(segs)))
		}
	}
	return Encode(sections), cleared, nil
}

// memoryImage lays segs out as one byte slice starting at the lowest
// offset; overlapping segments are an error.
func memoryImage(segs []segment) (base uint32, img []byte, err error) {
	if len(segs) == 0 {
		return 0, nil, errors.New("wasmpack: no data segments")
	}
	segs = append([]segment(nil), segs...)
	sort.SliceStable(segs, func(i, j int) bool { return segs[i].offset < segs[j].offset })
	base = segs[0].offset
	var end uint64
	for _, s := range segs {
		if uint64(s.offset) < end {
			return 0, nil, fmt.Errorf("wasmpack: data segments overlap at offset %d", s.offset)
		}
		end = uint64(s.offset) + uint64(len(s.data))
	}
	img = make([]byte, end-uint64(base))
	for _, s := range segs {
		copy(img[s.offset-base:], s.data)
	}
	return base, img, nil
}

// splitZeros cuts img (at base) into segments, leaving out every run of
// more than minRun zero bytes.
func splitZeros(base uint32, img []byte, minRun int) []segment {
	var segs []segment
	start, zeros := -1, 0
	for i, b := range img {
		if b != 0 {
			if start < 0 {
				start = i
			} else if zeros > minRun {
				segs = append(segs, segment{offset: base + uint32(start), data: img[start : i-zeros]})
				start = i
			}
			zeros = 0
			continue
		}
		zeros++
	}
	if start >= 0 {
		segs = append(segs, segment{offset: base + uint32(start), data: img[start : len(img)-zeros]})
	}
	return segs
}

// pcHeader field offsets (runtime.pcHeader, Go 1.20+, 8-byte pointers).
const (
	pcMagic       = 0xFFFFFFF1
	hdrNfunc      = 8
	hdrFuncname   = 32
	hdrCu         = 40
	hdrFiletab    = 48
	hdrPctab      = 56
	hdrPcln       = 64
	hdrSize       = 72
	funcEntryOff  = 0  // runtime._func.entryOff
	funcPcsp      = 16 // runtime._func.pcsp
	funcPcfile    = 20
	funcPcln      = 24
	funcNpcdata   = 28
	funcCuOffset  = 32 // runtime._func.cuOffset
	funcStartLine = 36 // runtime._func.startLine
	funcNfuncdata = 43
	funcSize      = 44 // followed by npcdata uint32 pcdata offsets
)

// findPCHeader returns the offset of the one pclntab header in img.
func findPCHeader(img []byte) (int, error) {
	magic := []byte{0xF1, 0xFF, 0xFF, 0xFF, 0, 0, 1, 8} // magic, pad, pad, minLC 1 (wasm), ptrSize 8
	found := -1
	for from := 0; ; {
		k := bytes.Index(img[from:], magic)
		if k < 0 {
			break
		}
		i := from + k
		from = i + 1
		if i+hdrSize > len(img) || !validHeader(img, i) {
			continue
		}
		if found >= 0 {
			return 0, errors.New("wasmpack: more than one pclntab header")
		}
		found = i
	}
	if found < 0 {
		return 0, errors.New("wasmpack: no Go pclntab header (Go 1.20+ js/wasm) in the data")
	}
	return found, nil
}

func u64(b []byte, at int) uint64 { return binary.LittleEndian.Uint64(b[at:]) }
func u32(b []byte, at int) uint32 { return binary.LittleEndian.Uint32(b[at:]) }

func validHeader(img []byte, h int) bool {
	n := u64(img, h+hdrNfunc)
	offs := []uint64{hdrSize, u64(img, h+hdrFuncname), u64(img, h+hdrCu), u64(img, h+hdrFiletab), u64(img, h+hdrPctab), u64(img, h+hdrPcln)}
	for i := 1; i < len(offs); i++ {
		if offs[i] < offs[i-1] {
			return false
		}
	}
	room := uint64(len(img) - h)
	return n > 0 && n < 1<<24 && offs[5] < room && (room-offs[5])/8 > n
}

// stripLines does StripLines' work on the memory image.
func stripLines(img []byte) (int, error) {
	h, err := findPCHeader(img)
	if err != nil {
		return 0, err
	}
	nfunc := int(u64(img, h+hdrNfunc))
	cu := h + int(u64(img, h+hdrCu))
	pctab := h + int(u64(img, h+hdrPctab))
	pcln := h + int(u64(img, h+hdrPcln))
	pctabLen := pcln - pctab

	funcs := make([]int, 0, nfunc)
	keep := map[uint32]bool{}
	lines := map[uint32]bool{}
	prevEntry := uint32(0)
	for i := 0; i < nfunc; i++ {
		entry := u32(img, pcln+8*i)
		at := pcln + int(u32(img, pcln+8*i+4))
		if entry < prevEntry || at+funcSize > len(img) || u32(img, at+funcEntryOff) != entry {
			return 0, fmt.Errorf("wasmpack: pclntab function %d does not match the function table", i)
		}
		prevEntry = entry
		npcdata := int(u32(img, at+funcNpcdata))
		if npcdata > 16 || at+funcSize+4*npcdata > len(img) {
			return 0, fmt.Errorf("wasmpack: pclntab function %d: bad pcdata count %d", i, npcdata)
		}
		keep[u32(img, at+funcPcsp)] = true
		for j := 0; j < npcdata; j++ {
			keep[u32(img, at+funcSize+4*j)] = true
		}
		lines[u32(img, at+funcPcfile)] = true
		lines[u32(img, at+funcPcln)] = true
		funcs = append(funcs, at)
	}
	// Measure every table before changing anything.
	type span struct{ off, n int }
	var clear []span
	for off := range lines {
		if off == 0 || keep[off] {
			continue
		}
		n, ok := pcTableLen(img[pctab:pcln], int(off))
		if !ok {
			return 0, fmt.Errorf("wasmpack: pctab table at %d runs out of pctab (%d bytes)", off, pctabLen)
		}
		clear = append(clear, span{pctab + int(off), n})
	}
	for off := range keep {
		if off != 0 {
			if _, ok := pcTableLen(img[pctab:pcln], int(off)); !ok {
				return 0, fmt.Errorf("wasmpack: pctab table at %d runs out of pctab (%d bytes)", off, pctabLen)
			}
		}
	}
	cleared := 0
	for _, s := range clear {
		clearBytes(img[s.off : s.off+s.n])
		cleared += s.n
	}
	for _, at := range funcs {
		binary.LittleEndian.PutUint32(img[at+funcPcfile:], 0)
		binary.LittleEndian.PutUint32(img[at+funcPcln:], 0)
		binary.LittleEndian.PutUint32(img[at+funcCuOffset:], 0)
		binary.LittleEndian.PutUint32(img[at+funcStartLine:], 0)
	}
	clearBytes(img[cu:pctab]) // cutab and filetab: read only through pcfile
	return cleared, nil
}

func clearBytes(b []byte) {
	for i := range b {
		b[i] = 0
	}
}

// pcTableLen is the length of the pcvalue table at off in pctab: pairs of
// varints (value delta, pc delta) ended by a zero value delta after the
// first pair (runtime.step). ok is false when it runs past pctab.
func pcTableLen(pctab []byte, off int) (n int, ok bool) {
	i := off
	varint := func() (uint64, bool) {
		var v uint64
		for shift := 0; i < len(pctab) && shift < 64; shift += 7 {
			b := pctab[i]
			i++
			v |= uint64(b&0x7f) << shift
			if b < 0x80 {
				return v, true
			}
		}
		return 0, false
	}
	for first := true; ; first = false {
		d, ok := varint()
		if !ok {
			return 0, false
		}
		if d == 0 && !first {
			return i - off, true
		}
		if _, ok := varint(); !ok {
			return 0, false
		}
	}
}
