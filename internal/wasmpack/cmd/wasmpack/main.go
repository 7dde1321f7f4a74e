// Command wasmpack packs the data segments of a js/wasm binary in place
// (build.sh runs it after go build) or reports what its parts cost.
//
//	wasmpack [-striplines] [-gap N] file.wasm
//	                              join data segments whose gap is <= N bytes
//	                              (default -1: all into one); prints before/after;
//	                              -striplines first zeroes Go's file:line tables
//	                              (wasmpack.StripLines)
//	wasmpack -funcs N file.wasm   the N largest functions, raw bytes
//	wasmpack -sizes file.wasm     sections and per-package code, raw and
//	                              brotli (each part compressed alone with the
//	                              brotli command, -q 11)
//
// Exit status 1 on any error; the file is then left as it was.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"

	"github.com/wcblocks/checkoutwasm/internal/wasmpack"
)

func main() {
	gap := flag.Int("gap", -1, "largest zero gap to fill when joining segments (-1: join all)")
	sizes := flag.Bool("sizes", false, "report sizes instead of packing")
	stripLines := flag.Bool("striplines", false, "before packing, zero Go's file:line tables (tracebacks then print ?:0)")
	top := flag.Int("top", 25, "packages listed by name with -sizes (the rest summed)")
	funcs := flag.Int("funcs", 0, "list the N largest functions (raw bytes) instead of packing")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: wasmpack [-gap N | -sizes] file.wasm")
		os.Exit(2)
	}
	file := flag.Arg(0)
	in, err := os.ReadFile(file)
	if err != nil {
		fail(err)
	}
	if *sizes {
		report(in, *top)
		return
	}
	if *funcs > 0 {
		listFuncs(in, *funcs)
		return
	}
	packIn := in
	if *stripLines {
		stripped, cleared, err := wasmpack.StripLines(in)
		if err != nil {
			fail(err)
		}
		fmt.Printf("wasmpack: %s: file:line tables cleared (%d pctab bytes)\n", file, cleared)
		packIn = stripped
	}
	out, before, after, err := wasmpack.PackData(packIn, *gap)
	if err != nil {
		fail(err)
	}
	tmp := file + ".pack.tmp"
	if err := os.WriteFile(tmp, out, 0o644); err != nil {
		fail(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		os.Remove(tmp)
		fail(err)
	}
	fmt.Printf("wasmpack: %s: %d data segments -> %d, %d -> %d bytes\n", file, before, after, len(in), len(out))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "wasmpack:", err)
	os.Exit(1)
}

func brotli(b []byte) int {
	cmd := exec.Command("brotli", "-c", "-q", "11")
	cmd.Stdin = bytes.NewReader(b)
	out, err := cmd.Output()
	if err != nil {
		return -1
	}
	return len(out)
}

func report(in []byte, top int) {
	sections, packages, err := wasmpack.Sizes(in)
	if err != nil {
		fail(err)
	}
	total := brotli(in)
	fmt.Printf("%-52s %10s %10s\n", "part", "raw KiB", "brotli KiB")
	fmt.Printf("%-52s %10.1f %10.1f\n", "whole file", kib(len(in)), kib(total))
	for _, s := range sections {
		fmt.Printf("  section %-42s %10.1f %10.1f\n", s.Name, kib(s.Bytes), kib(brotli(s.Body)))
	}
	// Code by package, the small ones summed by their first path element.
	var rest []wasmpack.Part
	if len(packages) > top {
		rest = packages[top:]
		packages = packages[:top]
	}
	groups := map[string]*wasmpack.Part{}
	for _, p := range rest {
		g := strings.SplitN(p.Name, "_", 2)[0]
		if strings.HasPrefix(p.Name, "github.com") {
			g = "other project packages"
		}
		if groups[g] == nil {
			groups[g] = &wasmpack.Part{Name: g + " (small packages)"}
		}
		groups[g].Bytes += p.Bytes
		groups[g].Body = append(groups[g].Body, p.Body...)
	}
	for _, g := range groups {
		packages = append(packages, *g)
	}
	sort.SliceStable(packages, func(i, j int) bool { return packages[i].Bytes > packages[j].Bytes })
	fmt.Println("code by package (each compressed alone):")
	for _, p := range packages {
		fmt.Printf("  %-50s %10.1f %10.1f\n", p.Name, kib(p.Bytes), kib(brotli(p.Body)))
	}
}

func listFuncs(in []byte, n int) {
	_, funcs, err := wasmpack.Functions(in)
	if err != nil {
		fail(err)
	}
	sort.SliceStable(funcs, func(i, j int) bool { return funcs[i].Bytes > funcs[j].Bytes })
	if len(funcs) > n {
		funcs = funcs[:n]
	}
	for _, f := range funcs {
		fmt.Printf("%8d  %s\n", f.Bytes, f.Name)
	}
}

func kib(n int) float64 { return float64(n) / 1024 }
