package rulescheck

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/internal/buildcheck"
)

func TestCites(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"// D21: the attempt id is the key", []string{"d-21"}},
		{"ref §9.2 and D14", []string{"ref-9-2", "d-14"}},
		{"(ref §1.2, §1.3)", []string{"ref-1-2", "ref-1-3"}},
		{"ref §10: processing", []string{"ref-10"}},
		{"ref §7 R7: error state", []string{"ref-7-r7"}},
		{"D7–D14, D36/D37", []string{"d-7", "d-14", "d-36", "d-37"}},
		{"see RFC 3986 §5.2 and RFC 9110 §12", nil},
		{"#D3D3D3 ID42 D0 D100 3D2", nil},
		{"Done, no rule here, ends with D", nil},
		{"DD D D12x Dx D9", []string{"d-9"}},
		{"t.Run(\"D10: retry false completes\"", []string{"d-10"}},
	}
	for _, tc := range tests {
		t.Run("a citation is read from "+tc.line, func(t *testing.T) {
			got := Cites(tc.line)
			if len(tc.want) == 0 {
				assert.Empty(t, got)
				return
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestRulesAndLinks(t *testing.T) {
	doc := "# x\n\n## <a id=\"ref-9\"></a>ref §9 Request\n\n### <a id=\"d-42\"></a>D42. Idempotent retry (pending)\n\n" +
		"Code: [a](../core/a.go). See [D2](#d-2) and [site](https://x.test/).\n"
	t.Run("every anchored heading is a rule; the pending marker is read", func(t *testing.T) {
		assert.Equal(t, []Rule{
			{ID: "ref-9", Title: "ref §9 Request", Line: 3},
			{ID: "d-42", Title: "D42. Idempotent retry", Pending: true, Line: 5},
		}, Rules(doc))
	})
	t.Run("relative file links are returned, anchors and URLs are not", func(t *testing.T) {
		targets, lines := Links(doc)
		assert.Equal(t, []string{"../core/a.go"}, targets)
		assert.Equal(t, []int{7}, lines)
	})
	t.Run("a citation of a part counts for its section", func(t *testing.T) {
		assert.True(t, Covers("ref-9-2", "ref-9"))
		assert.True(t, Covers("ref-7-r7", "ref-7"))
		assert.True(t, Covers("d-4", "d-4"))
		assert.False(t, Covers("ref-10", "ref-1"))
		assert.False(t, Covers("d-40", "d-4"))
	})
}

func TestIsTest(t *testing.T) {
	for path, want := range map[string]bool{
		"core/engine/attempt_test.go": true,
		"core/engine/attempt.go":      false,
		"web/test/load.test.js":       true,
		"web/e2e/journeys.mjs":        true,
		"web/src/parts/stores.js":     false,
		"web/e2e/README.md":           false,
		"README.md":                   false,
	} {
		t.Run(path, func(t *testing.T) { assert.Equal(t, want, IsTest(path)) })
	}
}

// TestRepository is the check of docs/rules.md against the repository.
func TestRepository(t *testing.T) {
	wd, err := os.Getwd()
	require.NoError(t, err)
	root, err := buildcheck.FindRepoRoot(wd)
	require.NoError(t, err)
	text, err := os.ReadFile(filepath.Join(root, "docs", "rules.md"))
	require.NoError(t, err)
	rules := Rules(string(text))
	require.NotEmpty(t, rules)
	cites, err := Scan(root)
	require.NoError(t, err)

	byID := map[string]Rule{}
	for _, r := range rules {
		_, dup := byID[r.ID]
		assert.False(t, dup, "docs/rules.md:%d: anchor %s appears twice", r.Line, r.ID)
		byID[r.ID] = r
	}

	t.Run("every cited rule has an anchor in docs/rules.md", func(t *testing.T) {
		missing := map[string][]string{}
		for _, c := range cites {
			if _, ok := byID[c.Rule]; !ok {
				missing[c.Rule] = append(missing[c.Rule], c.Place())
			}
		}
		ids := make([]string, 0, len(missing))
		for id := range missing {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			places := missing[id]
			if len(places) > 5 {
				places = append(places[:5], "...")
			}
			t.Errorf("%s is cited but docs/rules.md has no anchor %q: %s", id, id, strings.Join(places, ", "))
		}
	})

	for _, r := range rules {
		var tests []string
		for _, c := range cites {
			if c.Test && Covers(c.Rule, r.ID) {
				tests = append(tests, c.Place())
			}
		}
		if r.Pending && len(tests) == 0 {
			t.Run(r.ID+": pending", func(t *testing.T) {
				t.Skipf("pending: %s (%s) is marked %s in docs/rules.md:%d and no test cites it yet",
					r.ID, r.Title, PendingMarker, r.Line)
			})
			continue
		}
		t.Run(r.ID+": a test cites it", func(t *testing.T) {
			assert.NotEmpty(t, tests, "no test cites %s (%s, docs/rules.md:%d): cite it in a test name or comment, or mark it %s",
				r.ID, r.Title, r.Line, PendingMarker)
			if r.Pending && len(tests) > 0 {
				t.Logf("%s is marked %s in docs/rules.md:%d but tests now cite it (%s): remove the marker",
					r.ID, PendingMarker, r.Line, tests[0])
			}
		})
	}

	t.Run("every relative link of docs/rules.md names a file", func(t *testing.T) {
		targets, lines := Links(string(text))
		require.NotEmpty(t, targets)
		for i, target := range targets {
			_, err := os.Stat(filepath.Join(root, "docs", filepath.FromSlash(target)))
			assert.NoError(t, err, "docs/rules.md:%d links to %s", lines[i], target)
		}
	})
}

// ExampleCites shows how a line's citations map to the anchors of docs/rules.md.
func ExampleCites() {
	fmt.Println(Cites(`t.Run("D10: retry false completes (ref §6.3, §7 R3)", ...)`))
	// Output: [d-10 ref-6-3 ref-7-r3]
}
