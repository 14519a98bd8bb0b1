package main

// A MongoDB wire-protocol front for FerretDB 1.24 that makes single-document writes atomic.
//
// FerretDB 1.24 runs update, findAndModify and delete as "query the matching documents, apply
// the change in Go, write them back" in separate backend transactions (PostgreSQL and SQLite
// alike; see FerretDB issue #3040). Concurrent writers therefore lose updates: 50 concurrent
// {$inc: {n: 1}} on one document end at n≈12, ten conditional updates on the same version all
// succeed, concurrent upserts insert duplicates. MongoDB guarantees all of these per document.
//
// The front listens on the public TCP address and relays each client connection to FerretDB's
// private Unix socket. Write commands (insert, update, delete, findAndModify) on the same
// namespace are relayed one at a time: the lock is held from forwarding the request until the
// response is back. Reads are never blocked. This restores per-document atomicity for every
// client of one FerretDB process (which is how the project runs it: one per dev environment or
// test run). Messages are relayed byte for byte; only the header and the first section are read.

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"

	"go.mongodb.org/mongo-driver/x/bsonx/bsoncore"
)

const (
	opMsg        = 2013
	headerLen    = 16
	maxMsgLen    = 48 * 1000 * 1000 // MongoDB's maxMessageSizeBytes
	flagChecksum = 1 << 0
	flagMoreToCm = 1 << 1
)

// writeCommands are the commands whose read-modify-write FerretDB 1.24 does not make atomic.
var writeCommands = map[string]bool{
	"insert":        true,
	"update":        true,
	"delete":        true,
	"findandmodify": true,
}

// gate hands out one mutex per namespace (database.collection).
type gate struct {
	mu    sync.Mutex
	locks map[string]*sync.Mutex
}

func newGate() *gate { return &gate{locks: make(map[string]*sync.Mutex)} }

func (g *gate) lock(ns string) func() {
	g.mu.Lock()
	l, ok := g.locks[ns]
	if !ok {
		l = new(sync.Mutex)
		g.locks[ns] = l
	}
	g.mu.Unlock()
	l.Lock()
	return l.Unlock
}

// readMessage reads one complete wire message (header included).
func readMessage(r *bufio.Reader) ([]byte, error) {
	var header [headerLen]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err
	}
	length := int(int32(binary.LittleEndian.Uint32(header[0:4])))
	if length < headerLen || length > maxMsgLen {
		return nil, fmt.Errorf("invalid message length %d", length)
	}
	msg := make([]byte, length)
	copy(msg, header[:])
	if _, err := io.ReadFull(r, msg[headerLen:]); err != nil {
		return nil, err
	}
	return msg, nil
}

type msgInfo struct {
	moreToCome bool   // OP_MSG flag: no reply follows (request) / another reply follows (response)
	namespace  string // set for write commands only
}

// inspect reads the OP_MSG flags and, for write commands, the target namespace.
func inspect(msg []byte) msgInfo {
	var info msgInfo
	if len(msg) < headerLen+4 || int32(binary.LittleEndian.Uint32(msg[12:16])) != opMsg {
		return info
	}
	flags := binary.LittleEndian.Uint32(msg[16:20])
	info.moreToCome = flags&flagMoreToCm != 0
	body := msg[20:]
	if flags&flagChecksum != 0 && len(body) >= 4 {
		body = body[:len(body)-4]
	}
	for len(body) > 0 {
		kind := body[0]
		body = body[1:]
		switch kind {
		case 0: // the command document
			doc, _, ok := bsoncore.ReadDocument(body)
			if !ok {
				return info
			}
			elems, err := doc.Elements()
			if err != nil || len(elems) == 0 {
				return info
			}
			command := strings.ToLower(elems[0].Key())
			collection, isString := elems[0].Value().StringValueOK()
			if !writeCommands[command] || !isString {
				return info
			}
			db, _ := doc.Lookup("$db").StringValueOK()
			info.namespace = db + "." + collection
			return info
		case 1: // a document sequence: int32 size (including itself), identifier, documents
			if len(body) < 4 {
				return info
			}
			size := int(int32(binary.LittleEndian.Uint32(body[0:4])))
			if size < 4 || size > len(body) {
				return info
			}
			body = body[size:]
		default:
			return info
		}
	}
	return info
}

// serveFront accepts client connections on ln and relays them to FerretDB's Unix socket.
func serveFront(ctx context.Context, ln net.Listener, upstream string, g *gate, logger *slog.Logger) {
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		client, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, net.ErrClosed) {
				return
			}
			logger.Warn("accept failed", "error", err)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			relay(ctx, client, upstream, g, logger)
		}()
	}
}

func relay(ctx context.Context, client net.Conn, upstream string, g *gate, logger *slog.Logger) {
	defer client.Close()
	var d net.Dialer
	server, err := d.DialContext(ctx, "unix", upstream)
	if err != nil {
		logger.Error("cannot reach FerretDB", "error", err)
		return
	}
	defer server.Close()
	stop := context.AfterFunc(ctx, func() {
		client.Close()
		server.Close()
	})
	defer stop()

	fromClient := bufio.NewReader(client)
	fromServer := bufio.NewReader(server)
	for {
		request, err := readMessage(fromClient)
		if err != nil {
			if !errors.Is(err, io.EOF) && ctx.Err() == nil {
				logger.Debug("client connection ended", "error", err)
			}
			return
		}
		info := inspect(request)
		if err := exchange(request, info, server, fromServer, client, g); err != nil {
			if ctx.Err() == nil {
				logger.Debug("relay ended", "error", err)
			}
			return
		}
	}
}

// exchange forwards one request and relays its replies, under the namespace lock for writes.
func exchange(request []byte, info msgInfo, server net.Conn, fromServer *bufio.Reader, client net.Conn, g *gate) error {
	if info.namespace != "" {
		unlock := g.lock(info.namespace)
		defer unlock()
	}
	if _, err := server.Write(request); err != nil {
		return err
	}
	if info.moreToCome {
		return nil // unacknowledged (w: 0) request: no reply
	}
	for {
		reply, err := readMessage(fromServer)
		if err != nil {
			return err
		}
		if _, err := client.Write(reply); err != nil {
			return err
		}
		if !inspect(reply).moreToCome {
			return nil
		}
	}
}
