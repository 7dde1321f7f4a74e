// Command testjson reads `go test -json` events on stdin and prints what a
// person reads in plain `go test` output: one line per package (ok / FAIL /
// no test files, with its coverage figure), the full output of every failing
// test, and any package output that is not a test's (build errors, panics).
// It ends with a line "N passed, N failed, N skipped" counting tests and
// subtests, and exits 1 when a test or a package failed (or the input ended
// without a package result), 0 otherwise. With -label L and COUNTS_FILE set,
// it also appends "L PASSED FAILED SKIPPED" to that file (make test sums them).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

type summary struct {
	passed, failed, skipped int
	pkgFailed               bool
}

func main() {
	label := flag.String("label", "", "name under which to append the counts to $COUNTS_FILE")
	flag.Parse()
	s, err := run(os.Stdin, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testjson:", err)
		os.Exit(2)
	}
	if err := appendCounts(*label, os.Getenv("COUNTS_FILE"), s); err != nil {
		fmt.Fprintln(os.Stderr, "testjson:", err)
		os.Exit(2)
	}
	if s.failed > 0 || s.pkgFailed {
		os.Exit(1)
	}
}

func run(in io.Reader, out io.Writer) (summary, error) {
	var s summary
	testOut := map[string][]string{} // package/test → output lines
	pkgOut := map[string][]string{}  // package → lines outside any test
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if err := json.Unmarshal(line, &e); err != nil || e.Action == "" {
			fmt.Fprintln(out, string(line)) // not an event: pass through (e.g. build output)
			continue
		}
		key := e.Package + "/" + e.Test
		switch e.Action {
		case "output":
			if e.Test != "" {
				testOut[key] = append(testOut[key], e.Output)
			} else {
				pkgOut[e.Package] = append(pkgOut[e.Package], e.Output)
			}
		case "pass", "fail", "skip":
			if e.Test == "" {
				s.pkgFailed = s.pkgFailed || e.Action == "fail"
				printPackage(out, e, pkgOut[e.Package])
				delete(pkgOut, e.Package)
				continue
			}
			switch e.Action {
			case "pass":
				s.passed++
			case "fail":
				s.failed++
				fmt.Fprint(out, strings.Join(testOut[key], ""))
			case "skip":
				s.skipped++
			}
			delete(testOut, key)
		}
	}
	if err := sc.Err(); err != nil {
		return s, err
	}
	for pkg, lines := range pkgOut { // output of a package that never reported
		s.pkgFailed = true
		fmt.Fprintf(out, "FAIL\t%s (no result)\n%s", pkg, strings.Join(lines, ""))
	}
	fmt.Fprintf(out, "%d passed, %d failed, %d skipped\n", s.passed, s.failed, s.skipped)
	return s, nil
}

// printPackage prints the package's own line the way go test does, keeping
// its coverage figure, and its non-test output when it failed.
func printPackage(out io.Writer, e event, lines []string) {
	coverage := ""
	for _, l := range lines {
		if strings.HasPrefix(l, "coverage:") {
			coverage = "\t" + strings.TrimSpace(l)
		}
	}
	switch e.Action {
	case "pass":
		fmt.Fprintf(out, "ok  \t%s\t%.3fs%s\n", e.Package, e.Elapsed, coverage)
	case "skip":
		fmt.Fprintf(out, "?   \t%s\t[no test files]\n", e.Package)
	default:
		for _, l := range lines {
			if l != "FAIL\n" && !strings.HasPrefix(l, "FAIL\t") {
				fmt.Fprint(out, l)
			}
		}
		fmt.Fprintf(out, "FAIL\t%s\t%.3fs\n", e.Package, e.Elapsed)
	}
}

func appendCounts(label, path string, s summary) error {
	if label == "" || path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(f, "%s %d %d %d\n", label, s.passed, s.failed, s.skipped); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
