package main

import (
	"encoding/binary"
	"testing"

	"go.mongodb.org/mongo-driver/x/bsonx/bsoncore"
)

func buildOpMsg(flags uint32, doc bsoncore.Document) []byte {
	msg := make([]byte, 20, 21+len(doc))
	binary.LittleEndian.PutUint32(msg[12:16], opMsg)
	binary.LittleEndian.PutUint32(msg[16:20], flags)
	msg = append(msg, 0)
	msg = append(msg, doc...)
	binary.LittleEndian.PutUint32(msg[0:4], uint32(len(msg)))
	return msg
}

func TestInspect(t *testing.T) {
	update := bsoncore.NewDocumentBuilder().AppendString("update", "tickets").AppendString("$db", "t1").Build()
	find := bsoncore.NewDocumentBuilder().AppendString("find", "tickets").AppendString("$db", "t1").Build()
	fam := bsoncore.NewDocumentBuilder().AppendString("findAndModify", "counters").AppendString("$db", "t2").Build()
	ping := bsoncore.NewDocumentBuilder().AppendInt32("ping", 1).AppendString("$db", "admin").Build()

	cases := []struct {
		name string
		msg  []byte
		want msgInfo
	}{
		{"update is locked by namespace", buildOpMsg(0, update), msgInfo{namespace: "t1.tickets"}},
		{"find is not locked", buildOpMsg(0, find), msgInfo{}},
		{"findAndModify (any case) is locked", buildOpMsg(0, fam), msgInfo{namespace: "t2.counters"}},
		{"ping is not locked", buildOpMsg(0, ping), msgInfo{}},
		{"unacknowledged write has moreToCome", buildOpMsg(flagMoreToCm, update), msgInfo{moreToCome: true, namespace: "t1.tickets"}},
		{"not an OP_MSG", make([]byte, 20), msgInfo{}},
	}
	for _, c := range cases {
		if got := inspect(c.msg); got != c.want {
			t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
		}
	}
}
