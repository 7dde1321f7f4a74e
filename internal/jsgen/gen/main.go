// Command gen rewrites the generated blocks of the JavaScript loader part
// and checkout.d.ts from the Go tables (see package jsgen). Run from
// anywhere inside the repository, usually through `go generate ./...`.
//
//	go run ./internal/jsgen/gen          rewrite the blocks that changed
//	go run ./internal/jsgen/gen -check   exit 1, naming each stale file
//
// After a rewrite of web/src/parts/stores.js, web/checkout.js must be joined
// again (`go generate ./...` does that next, in web/src).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/wcblocks/checkoutwasm/internal/buildcheck"
	"github.com/wcblocks/checkoutwasm/internal/jsgen"
)

func main() {
	check := flag.Bool("check", false, "report stale files instead of rewriting them")
	flag.Parse()
	wd, err := os.Getwd()
	if err != nil {
		fail(err)
	}
	root, err := buildcheck.FindRepoRoot(wd)
	if err != nil {
		fail(err)
	}
	files, err := jsgen.Generate(root)
	if err != nil {
		fail(err)
	}
	stale := 0
	for _, f := range files {
		if f.Have == f.Want {
			continue
		}
		stale++
		if *check {
			fmt.Fprintln(os.Stderr, "jsgen: "+f.Path+" is stale: run go generate ./...")
			continue
		}
		if err := os.WriteFile(root+"/"+f.Path, []byte(f.Want), 0o644); err != nil {
			fail(err)
		}
		fmt.Println("jsgen: wrote " + f.Path)
	}
	if *check && stale > 0 {
		os.Exit(1)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "jsgen:", err)
	os.Exit(1)
}
