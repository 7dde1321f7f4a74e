// Command stripprog exercises what a js/wasm program needs from the pclntab
// once wasmpack.StripLines cleared its file:line tables: deep stack growth
// (stack copying reads the stack maps), garbage collection of many
// goroutine stacks, recover from a panic, runtime.Callers with function
// names, and finally an unrecovered panic whose traceback it prints.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"
)

//go:noinline
func deep(n int, acc []int) int {
	if n == 0 {
		runtime.GC()
		return len(acc)
	}
	var pad [64]int
	pad[n%64] = n
	return deep(n-1, append(acc, pad[n%64]))
}

func recovered() (msg string) {
	defer func() { msg = fmt.Sprint(recover()) }()
	var m map[string]int
	m["x"] = 1
	return "no panic"
}

func main() {
	done := make(chan int)
	for i := 0; i < 50; i++ {
		go func(i int) { done <- deep(2000+i, nil) }(i)
	}
	sum := 0
	for i := 0; i < 50; i++ {
		sum += <-done
	}
	fmt.Println("deep:", sum)
	fmt.Println("recovered:", recovered())
	pcs := make([]uintptr, 8)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(1, pcs)])
	f, _ := frames.Next()
	fmt.Printf("caller: %s %s:%d\n", f.Function, f.File, f.Line)
	if len(os.Args) > 1 && strings.Contains(os.Args[1], "panic") {
		panic("boom")
	}
}
