// mongoreplay: a MongoDB wire-protocol proxy that can stop asking the database.
//
// It sits between the server and FerretDB for the replay store of bench/cpu.py. While
// recording (from the start) it forwards every message both ways and keeps the last reply to
// each read it sees, keyed by the command, its collection and the names of its filter's fields. After SIGUSR1 it
// answers those reads itself, from the recording, with the reply's responseTo set to the new
// request: the server's driver still encodes every command, sends it over TCP, reads and
// decodes the reply, but no database runs beside it. Everything else (the handshake, the
// monitor's heartbeats, writes) is still forwarded. SIGUSR2 prints how many replies were
// replayed and how many reads were forwarded since SIGUSR1 (each new read is, once).
//
// Only replies whose cursor is exhausted (id 0) are recorded: a getMore for a replayed cursor
// would reach a database that never opened it.
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
)

const opMsg = 2013

var (
	replaying  atomic.Bool
	replayed   atomic.Int64 // replies sent from the recording
	forwarded  atomic.Int64 // reads sent on to the database while replaying
	recordings sync.Map     // key -> []byte (a whole reply message)
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on")
	upstream := flag.String("upstream", "", "the database's address")
	flag.Parse()
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ln.Addr().String())
	os.Stdout.Sync()
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGUSR1, syscall.SIGUSR2)
	go func() {
		for s := range signals {
			if s == syscall.SIGUSR1 {
				replaying.Store(true)
			} else {
				fmt.Printf("replayed=%d forwarded=%d\n", replayed.Load(), forwarded.Load())
				os.Stdout.Sync()
			}
		}
	}()
	for {
		client, err := ln.Accept()
		if err != nil {
			log.Fatal(err)
		}
		go serve(client, *upstream)
	}
}

type conn struct {
	client  net.Conn
	db      net.Conn
	writeMu sync.Mutex // replies to the client come from two goroutines
	pending sync.Map   // requestID -> key, for the replies to record
}

func serve(client net.Conn, upstream string) {
	db, err := net.Dial("tcp", upstream)
	if err != nil {
		log.Print(err)
		client.Close()
		return
	}
	c := &conn{client: client, db: db}
	go c.replies()
	defer client.Close()
	defer db.Close()
	for {
		msg, err := readMessage(client)
		if err != nil {
			return
		}
		requestID := binary.LittleEndian.Uint32(msg[4:8])
		key := readKey(msg)
		if key != "" && replaying.Load() {
			if reply, ok := recordings.Load(key); ok {
				out := bytes.Clone(reply.([]byte))
				binary.LittleEndian.PutUint32(out[8:12], requestID)
				if c.write(out) != nil {
					return
				}
				replayed.Add(1)
				continue
			}
		}
		if key != "" {
			c.pending.Store(requestID, key)
			if replaying.Load() {
				forwarded.Add(1)
			}
		}
		if _, err := db.Write(msg); err != nil {
			return
		}
	}
}

// replies copies the database's replies to the client, recording those to reads.
func (c *conn) replies() {
	defer c.client.Close()
	for {
		msg, err := readMessage(c.db)
		if err != nil {
			return
		}
		responseTo := binary.LittleEndian.Uint32(msg[8:12])
		if key, ok := c.pending.LoadAndDelete(responseTo); ok && exhausted(msg) {
			recordings.Store(key, bytes.Clone(msg))
		}
		if c.write(msg) != nil {
			return
		}
	}
}

func (c *conn) write(msg []byte) error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	_, err := c.client.Write(msg)
	return err
}

func readMessage(r io.Reader) ([]byte, error) {
	var header [4]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err
	}
	n := int(binary.LittleEndian.Uint32(header[:]))
	if n < 16 || n > 48<<20 {
		return nil, fmt.Errorf("bad message length %d", n)
	}
	msg := make([]byte, n)
	copy(msg, header[:])
	_, err := io.ReadFull(r, msg[4:])
	return msg, err
}

// body is an OP_MSG's section-0 document, or nil.
func body(msg []byte) []byte {
	if binary.LittleEndian.Uint32(msg[12:16]) != opMsg || len(msg) < 21 || msg[20] != 0 {
		return nil
	}
	doc := msg[21:]
	if len(doc) < 5 {
		return nil
	}
	n := int(binary.LittleEndian.Uint32(doc))
	if n > len(doc) {
		return nil
	}
	return doc[:n]
}

// readKey names a find or aggregate request ("find bills filter=archived,owner"), or "".
func readKey(msg []byte) string {
	doc := body(msg)
	if doc == nil {
		return ""
	}
	elems := elements(doc)
	if len(elems) == 0 || (elems[0].name != "find" && elems[0].name != "aggregate") ||
		elems[0].kind != 0x02 || len(elems[0].value) < 5 {
		return ""
	}
	key := elems[0].name + " " + string(elems[0].value[4:len(elems[0].value)-1])
	for _, e := range elems[1:] {
		if e.name == "filter" && e.kind == 0x03 {
			var names []string
			for _, f := range elements(e.value) {
				names = append(names, f.name)
			}
			sort.Strings(names)
			key += " filter=" + strings.Join(names, ",")
		}
		if e.name == "limit" || e.name == "pipeline" {
			key += " " + e.name
		}
	}
	return key
}

// exhausted says whether a reply is ok and leaves no cursor open.
func exhausted(msg []byte) bool {
	doc := body(msg)
	if doc == nil {
		return false
	}
	ok := false
	open := false
	for _, e := range elements(doc) {
		switch {
		case e.name == "ok":
			ok = (e.kind == 0x01 && binary.LittleEndian.Uint64(e.value) == 0x3FF0000000000000) ||
				(e.kind == 0x10 && binary.LittleEndian.Uint32(e.value) == 1)
		case e.name == "cursor" && e.kind == 0x03:
			for _, f := range elements(e.value) {
				if f.name == "id" && f.kind == 0x12 && binary.LittleEndian.Uint64(f.value) != 0 {
					open = true
				}
			}
		}
	}
	return ok && !open
}

type element struct {
	kind  byte
	name  string
	value []byte
}

// elements lists a BSON document's top-level elements (nil if it is malformed or uses a type
// this proxy does not size).
func elements(doc []byte) []element {
	var out []element
	if len(doc) < 5 {
		return nil
	}
	i := 4
	for i < len(doc)-1 {
		kind := doc[i]
		i++
		end := bytes.IndexByte(doc[i:], 0)
		if end < 0 {
			return nil
		}
		name := string(doc[i : i+end])
		i += end + 1
		var size int
		switch kind {
		case 0x01, 0x09, 0x11, 0x12: // double, datetime, timestamp, int64
			size = 8
		case 0x02, 0x0D, 0x0E: // string, JavaScript, symbol
			if i+4 > len(doc) {
				return nil
			}
			size = 4 + int(binary.LittleEndian.Uint32(doc[i:]))
		case 0x03, 0x04: // document, array
			if i+4 > len(doc) {
				return nil
			}
			size = int(binary.LittleEndian.Uint32(doc[i:]))
		case 0x05: // binary
			if i+4 > len(doc) {
				return nil
			}
			size = 5 + int(binary.LittleEndian.Uint32(doc[i:]))
		case 0x07: // ObjectId
			size = 12
		case 0x08: // bool
			size = 1
		case 0x0A, 0x06, 0xFF, 0x7F: // null, undefined, min key, max key
			size = 0
		case 0x10: // int32
			size = 4
		case 0x13: // decimal128
			size = 16
		default:
			return nil
		}
		if size < 0 || i+size > len(doc) {
			return nil
		}
		out = append(out, element{kind, name, doc[i : i+size]})
		i += size
	}
	return out
}
