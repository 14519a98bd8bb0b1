// Command tandem-ferretdb runs FerretDB 1.24 (the MongoDB wire-protocol server used for
// development and CI) through its embeddable package.
//
// Why not `go install .../cmd/ferretdb@v1.24.2`: that binary panics at start-up when built
// outside FerretDB's own release tooling (its build/version/version.txt is not in the module
// zip). The embeddable package is the supported way to run the same server from a module
// proxy build; telemetry is always disabled by it. See docs/decisions/0001-ferretdb-launcher.md.
//
// By default FerretDB listens on a private Unix socket and a small front (gate.go) listens on
// --listen-addr, relaying write commands one at a time per collection so that single-document
// updates are atomic as in MongoDB (FerretDB 1.24 alone loses concurrent updates).
// --serialize-writes=false exposes FerretDB directly.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on (loopback only)")
	handler := flag.String("handler", "postgresql", "backend handler: postgresql or sqlite")
	pgURL := flag.String("postgresql-url", "", "PostgreSQL URL for the postgresql handler")
	sqliteURL := flag.String("sqlite-url", "", "SQLite data folder URL (file:path/) for the sqlite handler")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	serialize := flag.Bool("serialize-writes", true, "relay writes one at a time per collection (atomic single-document updates)")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "invalid --log-level: %v\n", err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	cfg := &ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Logger:   logger,
		Handler:  *handler,
	}
	switch *handler {
	case "postgresql":
		cfg.PostgreSQLURL = *pgURL
	case "sqlite":
		cfg.SQLiteURL = *sqliteURL
	default:
		fmt.Fprintf(os.Stderr, "unknown --handler %q\n", *handler)
		os.Exit(2)
	}

	var socketDir string
	if *serialize {
		dir, err := os.MkdirTemp("", "tandem-ferretdb-")
		if err != nil {
			fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
			os.Exit(1)
		}
		socketDir = dir
		defer os.RemoveAll(socketDir)
		cfg.Listener = ferretdb.ListenerConfig{Unix: filepath.Join(socketDir, "ferretdb.sock")}
	}

	os.Exit(run(cfg, *listen, *handler, socketDir, logger))
}

func run(cfg *ferretdb.Config, listen, handler, socketDir string, logger *slog.Logger) int {
	f, err := ferretdb.New(cfg)
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		return 1
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if socketDir == "" {
		fmt.Fprintf(os.Stderr, "ferretdb listening on %s (%s handler)\n", listen, handler)
		if err := f.Run(ctx); err != nil {
			fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
			return 1
		}
		return 0
	}

	// FerretDB's Unix listener exists once New returns; open the public address only now, so
	// that a successful TCP connect means the server is ready.
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		return 1
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := f.Run(ctx); err != nil {
			fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		}
	}()
	go func() {
		<-ctx.Done()
		ln.Close()
	}()

	fmt.Fprintf(os.Stderr, "ferretdb listening on %s (%s handler, writes serialized per collection)\n", listen, handler)
	serveFront(ctx, ln, cfg.Listener.Unix, newGate(), logger)
	stop()
	<-done
	return 0
}
