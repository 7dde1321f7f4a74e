// Command demo runs the local demo shop: the Store API stand-in of package
// server plus the static files of web/ (checkout.js, the wasm module and the
// demo page).
//
//	go run ./cmd/demo [-addr 127.0.0.1] [-port 8080] [-web dir] [-data dir]
//
// It prints "Demo checkout: http://<addr>:<port>/" once it is listening
// (with -port 0 the port the system chose) and serves until SIGINT or
// SIGTERM, then shuts down gracefully (requests in flight get up to 5 s).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"

	"github.com/wcblocks/checkoutwasm/demo/server"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

// run parses args, starts the server and blocks until ctx is done (nil after
// a clean shutdown) or serving fails. -h prints usage and returns nil.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fset := flag.NewFlagSet("demo", flag.ContinueOnError)
	fset.SetOutput(stderr)
	addr := fset.String("addr", "127.0.0.1", "host or IP address to listen on")
	port := fset.Int("port", 8080, "TCP port to listen on (0: any free port)")
	web := fset.String("web", "", "static root (default: the web/ folder next to the module root, found from the working directory)")
	data := fset.String("data", "data", "directory of the order database orders.db (created if missing)")
	gateways := fset.String("gateways", "", "extra enabled payment gateways, \"id:Title,...\" (the compatibility suite's)")
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fset.NArg() > 0 {
		return errors.New("unexpected arguments: " + fmt.Sprint(fset.Args()))
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	webDir := *web
	if webDir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return err
		}
		webDir = defaultWebDir(wd)
		if fi, err := os.Stat(webDir); err != nil || !fi.IsDir() {
			logger.Warn("no web/ folder found; serving the API and pages only", "looked_for", webDir)
			webDir = ""
		}
	}
	extra, err := server.ParseExtraGateways(*gateways)
	if err != nil {
		return err
	}
	srv, err := server.New(server.Config{WebDir: webDir, DataDir: *data, Logger: logger, ExtraGateways: extra})
	if err != nil {
		return err
	}
	defer srv.Close()
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", net.JoinHostPort(*addr, strconv.Itoa(*port)))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Demo checkout: http://%s/\n", ln.Addr().String())
	return srv.Serve(ctx, ln)
}

// defaultWebDir returns <module root>/web, where the module root is the
// nearest directory at or above wd that holds a go.mod; wd/web when there
// is none.
func defaultWebDir(wd string) string {
	for dir := wd; ; {
		if fi, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil && !fi.IsDir() {
			return filepath.Join(dir, "web")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return filepath.Join(wd, "web")
		}
		dir = parent
	}
}
