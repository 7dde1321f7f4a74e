// Package rulescheck keeps docs/rules.md and the code that cites it in
// step. A citation is how code comments, test names and docs name a
// behaviour rule:
//
//   - "D21" (a project decision) means the anchor d-21 of docs/rules.md;
//   - "ref §9.2" (WooCommerce's reference behaviour) means ref-9-2, "ref §10"
//     means ref-10, and "ref §7 R7" means ref-7-r7. A "§" that follows
//     "RFC <n> " cites an RFC, not a rule. A bare "§1.3" (as in "ref §1.2,
//     §1.3") is a citation too.
//
// Scan reads the repository's Go, JavaScript and Markdown sources (not
// node_modules, build outputs, docs/rules.md itself, the joined
// web/checkout.js or this package, whose tests cite rules as data); Rules reads the
// anchors of docs/rules.md. The repository test (rulescheck_test.go)
// fails when a citation names no rule of rules.md, when a rule no test
// cites is not marked pending, or when a link of rules.md names a missing
// file. A pending rule is listed in the test output as a skipped subtest.
package rulescheck

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Citation is one rule cited at one place.
type Citation struct {
	Rule string // the rules.md anchor, e.g. "d-21", "ref-9-2", "ref-7-r7"
	Path string // slash-separated, relative to the repository root
	Line int
	Test bool // the file is a test (see IsTest)
}

var (
	decisionRe = regexp.MustCompile(`\bD([1-9][0-9]?)\b`)
	sectionRe  = regexp.MustCompile(`(RFC ?[0-9]+ )?§ ?([0-9]+)(?:\.([0-9]+))?(?: (R[0-9]+)\b)?`)
)

// Cites returns the rules.md anchors that one line of text cites, in order
// of appearance (a rule cited twice is returned twice).
func Cites(line string) []string {
	if !maybeCites(line) {
		return nil
	}
	type hit struct {
		at   int
		rule string
	}
	var hits []hit
	for _, m := range decisionRe.FindAllStringSubmatchIndex(line, -1) {
		hits = append(hits, hit{m[0], "d-" + line[m[2]:m[3]]})
	}
	for _, m := range sectionRe.FindAllStringSubmatchIndex(line, -1) {
		if m[2] >= 0 { // RFC section
			continue
		}
		id := "ref-" + line[m[4]:m[5]]
		if m[6] >= 0 {
			id += "-" + line[m[6]:m[7]]
		}
		if m[8] >= 0 {
			id += "-" + strings.ToLower(line[m[8]:m[9]])
		}
		hits = append(hits, hit{m[0], id})
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].at < hits[j].at })
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.rule
	}
	return out
}

// maybeCites is a cheap test that rules out most lines before the regular
// expressions run: a citation needs "§" or a "D" followed by a digit.
func maybeCites(line string) bool {
	if strings.Contains(line, "§") {
		return true
	}
	for i := strings.IndexByte(line, 'D'); i >= 0 && i+1 < len(line); {
		if c := line[i+1]; c >= '1' && c <= '9' {
			return true
		}
		j := strings.IndexByte(line[i+1:], 'D')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// skipDirs are directory names Scan does not enter.
var skipDirs = map[string]bool{
	"node_modules": true, "dist": true, "test-artifacts": true, "testdata": true,
}

// scanned reports whether Scan reads the file at rel.
func scanned(rel string) bool {
	if rel == "docs/rules.md" || rel == "web/checkout.js" || // the joined copy of web/src
		strings.HasPrefix(rel, "internal/rulescheck/") { // its tests cite rules as data
		return false
	}
	switch filepath.Ext(rel) {
	case ".go", ".js", ".mjs", ".jsx", ".ts", ".md":
		return true
	}
	return false
}

// IsTest reports whether the file at rel (slash-separated, relative to the
// root) is a test: a Go _test.go file, a *.test.js / *.test.mjs file, or a
// script under web/test, web/e2e, web/browser, web/hostile or web/compat.
func IsTest(rel string) bool {
	base := filepath.Base(rel)
	if strings.HasSuffix(base, "_test.go") || strings.Contains(base, ".test.") {
		return true
	}
	for _, dir := range []string{"web/test/", "web/e2e/", "web/browser/", "web/hostile/", "web/compat/"} {
		if strings.HasPrefix(rel, dir) && filepath.Ext(rel) != ".md" {
			return true
		}
	}
	return false
}

// Scan returns every citation in the scanned files under root, in file
// and line order. Directories whose names start with "." or "_" are skipped,
// as the go command skips them. It stops at the first directory or file it
// cannot read (or a line longer than 16 MiB) and returns that error with the
// citations found so far.
func Scan(root string) ([]Citation, error) {
	var out []Citation
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (skipDirs[name] || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if !scanned(rel) {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		test := IsTest(rel)
		for n := 1; sc.Scan(); n++ {
			for _, id := range Cites(sc.Text()) {
				out = append(out, Citation{Rule: id, Path: rel, Line: n, Test: test})
			}
		}
		return sc.Err()
	})
	return out, err
}

// Rule is one rule of docs/rules.md.
type Rule struct {
	ID      string // the anchor
	Title   string // the heading text after the anchor, without the pending marker
	Pending bool   // the heading carries the pending marker
	Line    int
}

// PendingMarker is what a rule's heading carries while the rule is being
// implemented and no test cites it yet.
const PendingMarker = "(pending)"

var headingRe = regexp.MustCompile(`^#{2,4} <a id="([a-z0-9-]+)"></a>(.*)$`)

// Rules parses rules.md: every heading of the form
//
//	### <a id="d-21"></a>D21. Title (pending)
//
// is one rule. Anchors are unique; a duplicate is returned twice (the
// repository test reports it).
func Rules(text string) []Rule {
	var out []Rule
	for i, l := range strings.Split(text, "\n") {
		m := headingRe.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		title := strings.TrimSpace(m[2])
		pending := strings.HasSuffix(title, PendingMarker)
		title = strings.TrimSpace(strings.TrimSuffix(title, PendingMarker))
		out = append(out, Rule{ID: m[1], Title: title, Pending: pending, Line: i + 1})
	}
	return out
}

var linkRe = regexp.MustCompile(`\]\(([^)#\s]+)(#[^)\s]*)?\)`)

// Links returns the relative file links of rules.md (targets without a
// scheme), as written, each with its line.
func Links(text string) (targets []string, lines []int) {
	for i, l := range strings.Split(text, "\n") {
		for _, m := range linkRe.FindAllStringSubmatch(l, -1) {
			t := m[1]
			if strings.Contains(t, "://") || strings.HasPrefix(t, "mailto:") {
				continue
			}
			targets = append(targets, t)
			lines = append(lines, i+1)
		}
	}
	return targets, lines
}

// Covers reports whether a citation of cited counts for rule: the same
// anchor, or a part of it ("ref-9-2" counts for "ref-9", "ref-7-r7" for
// "ref-7").
func Covers(cited, rule string) bool {
	return cited == rule || strings.HasPrefix(cited, rule+"-")
}

// Place formats a citation's place as path:line.
func (c Citation) Place() string { return c.Path + ":" + strconv.Itoa(c.Line) }
