package buildcheck_test

import (
	"fmt"
	"go/build/constraint"

	"github.com/wcblocks/checkoutwasm/internal/buildcheck"
)

func ExampleRequiresJSWasm() {
	for _, line := range []string{
		"//go:build js && wasm",
		"//go:build js && wasm && !tinygo",
		"//go:build js",
		"//go:build js || wasm",
	} {
		expr, err := constraint.Parse(line)
		if err != nil {
			panic(err)
		}
		fmt.Println(line, "=>", buildcheck.RequiresJSWasm(expr))
	}
	// Output:
	// //go:build js && wasm => true
	// //go:build js && wasm && !tinygo => true
	// //go:build js => false
	// //go:build js || wasm => false
}

func ExampleFileConstraint() {
	src := []byte("//go:build js && wasm\n\npackage bridge\n")
	expr, err := buildcheck.FileConstraint(src)
	fmt.Println(expr, err)
	// Output:
	// js && wasm <nil>
}
