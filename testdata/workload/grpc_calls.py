#!/usr/bin/python3
"""gRPC over cleartext HTTP/2 from Debian's python3-grpcio (gRPC's C core), client and server in one process
(GrpcEndToEndTest): unary calls, an error status with a message, a server-streaming and a bidirectional call,
several of them concurrent on one connection. No .proto: the methods take and return raw bytes. Writes the server's
port, then what the client itself saw, a JSON line per call: method, status, details, messages sent and received,
their bytes.

With a second argument, a directory holding grpc_notes_pb2.py (protoc --python_out from grpc_notes.proto), it makes
instead calls of the Notes service whose messages are protoc-generated, compressed with gzip and deflate both ways,
one of them a request the server cannot parse, one a response of 16 MiB of zeros that gzip makes 16 KiB (a
decompression bomb, of which the summary keeps the length and the first 4 KiB), and writes for each call the
messages each side sent, as json_format.MessageToJson prints them and as their serialised bytes in base64.

A third argument N repeats the gzip Put and the List call N more times, for a benchmark (BENCHMARKS.md); the
summary lists the first of each.

Usage: grpc_calls.py SUMMARY [PB2-DIR [N]]
"""
import base64
import json
import sys
from concurrent import futures

import grpc

SERVICE = "jtrace.test.Echo"


def unary(request, context):
    if request.startswith(b"missing"):
        context.abort(grpc.StatusCode.NOT_FOUND, "no such key: missing \u2713")
    return request + b"!"


def server_stream(request, context):
    for i in range(3):
        yield bytes(100 * (i + 1))


def bidi(requests, context):
    for r in requests:
        yield r + r


def notes(summary, pb2_dir, repeat):
    sys.path.insert(0, pb2_dir)
    import grpc_notes_pb2 as pb
    from google.protobuf import json_format
    Note = pb.Note

    def put(note, context):
        context.set_compression(grpc.Compression.Gzip)
        return Note(text=note.text.upper(), count=note.count + 1, reply_to=note)

    def list_notes(note, context):
        context.set_compression(grpc.Compression.Deflate)
        for i in range(note.count):
            yield Note(text="%s #%d " % (note.text, i) * 20, count=i, values=[i, -i, 1 << 40 + i],
                       kind=Note.DONE if i % 2 else Note.TODO)
        yield Note()

    def fill(note, context):
        context.set_compression(grpc.Compression.Gzip)
        return Note(blob=bytes(note.count))

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    handlers = {
        "Fill": grpc.unary_unary_rpc_method_handler(fill, request_deserializer=Note.FromString,
                                                    response_serializer=Note.SerializeToString),
        "Put": grpc.unary_unary_rpc_method_handler(put, request_deserializer=Note.FromString,
                                                   response_serializer=Note.SerializeToString),
        "List": grpc.unary_stream_rpc_method_handler(list_notes, request_deserializer=Note.FromString,
                                                     response_serializer=Note.SerializeToString),
    }
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler("jtrace.test.Notes", handlers),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    calls = []
    first = Note(text="gzip me " * 40, count=7, values=[1, -2, 1 << 40], blob=bytes(range(256)) * 2,
                 kind=Note.TODO, labels={"owner": "jtrace", "tier": "\u2713"})
    with grpc.insecure_channel("127.0.0.1:%d" % port, options=[("grpc.max_receive_message_length", -1)]) as channel:
        put_call = channel.unary_unary("/jtrace.test.Notes/Put", request_serializer=Note.SerializeToString,
                                       response_deserializer=Note.FromString)
        list_call = channel.unary_stream("/jtrace.test.Notes/List", request_serializer=Note.SerializeToString,
                                         response_deserializer=Note.FromString)
        reply = put_call(first, timeout=30, compression=grpc.Compression.Gzip)
        for _ in range(repeat):
            put_call(first, timeout=30, compression=grpc.Compression.Gzip)
            list(list_call(Note(text="again", count=3), timeout=30, compression=grpc.Compression.Gzip))
        calls.append(note_call("Put", "gzip", grpc.StatusCode.OK, [first], [reply], json_format))
        small = Note(text="deflate", count=3)
        reply = put_call(small, timeout=30, compression=grpc.Compression.Deflate)
        calls.append(note_call("Put", "deflate", grpc.StatusCode.OK, [small], [reply], json_format))
        ask = Note(text="list " * 30, count=3)
        replies = list(list_call(ask, timeout=30, compression=grpc.Compression.Gzip))
        calls.append(note_call("List", "gzip", grpc.StatusCode.OK, [ask], replies, json_format))
        fill_call = channel.unary_unary("/jtrace.test.Notes/Fill", request_serializer=Note.SerializeToString,
                                        response_deserializer=Note.FromString)
        ask = Note(count=16 << 20)
        reply = fill_call(ask, timeout=60).SerializeToString()
        call = note_call("Fill", None, grpc.StatusCode.OK, [ask], [], json_format)
        call.update({"response_length": len(reply), "response_start_base64": base64.b64encode(reply[:4096]).decode()})
        calls.append(call)
        # bytes that are no Note (a field 1 that claims more bytes than follow): the server cannot parse them
        raw = channel.unary_unary("/jtrace.test.Notes/Put")
        try:
            raw(b"\x0a\x7fno", timeout=30)
            code = grpc.StatusCode.OK
        except grpc.RpcError as e:
            code = e.code()
        calls.append({"method": "Put", "compression": None, "status_name": code.name,
                      "request_base64": [base64.b64encode(b"\x0a\x7fno").decode()], "request_json": [None],
                      "response_base64": [], "response_json": []})
    server.stop(None)
    with open(summary, "w") as out:
        out.write(json.dumps({"port": port}) + "\n")
        for c in calls:
            out.write(json.dumps(c) + "\n")


def note_call(method, compression, code, sent, received, json_format):
    return {"method": method, "compression": compression, "status_name": code.name,
            "request_base64": [base64.b64encode(m.SerializeToString()).decode() for m in sent],
            "request_json": [json_format.MessageToJson(m) for m in sent],
            "response_base64": [base64.b64encode(m.SerializeToString()).decode() for m in received],
            "response_json": [json_format.MessageToJson(m) for m in received]}


def main():
    summary = sys.argv[1]
    if len(sys.argv) > 2:
        notes(summary, sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 0)
        return
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    handlers = {
        "Unary": grpc.unary_unary_rpc_method_handler(unary),
        "Stream": grpc.unary_stream_rpc_method_handler(server_stream),
        "Bidi": grpc.stream_stream_rpc_method_handler(bidi),
    }
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE, handlers),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    calls = []
    with grpc.insecure_channel("127.0.0.1:%d" % port) as channel:
        u = channel.unary_unary("/%s/Unary" % SERVICE)
        s = channel.unary_stream("/%s/Stream" % SERVICE)
        b = channel.stream_stream("/%s/Bidi" % SERVICE)
        # concurrent unary calls on the one connection
        pending = [(m, u.future(m)) for m in (b"hello", b"x" * 2000, b"missing-1", b"y" * 70000)]
        for m, f in pending:
            try:
                reply = f.result(timeout=30)
                calls.append(record("Unary", grpc.StatusCode.OK, "", [m], [reply]))
            except grpc.RpcError as e:
                calls.append(record("Unary", e.code(), e.details(), [m], []))
        replies = list(s(b"three please", timeout=30))
        calls.append(record("Stream", grpc.StatusCode.OK, "", [b"three please"], replies))
        sent = [bytes([65 + i]) * (10 * (i + 1)) for i in range(4)]
        got = list(b(iter(sent), timeout=30))
        calls.append(record("Bidi", grpc.StatusCode.OK, "", sent, got))
    server.stop(None)
    with open(summary, "w") as out:
        out.write(json.dumps({"port": port}) + "\n")
        for c in calls:
            out.write(json.dumps(c) + "\n")


def record(method, code, details, sent, received):
    return {"method": method, "status": code.value[0], "status_name": code.name, "details": details or None,
            "request_messages": len(sent), "request_bytes": sum(map(len, sent)),
            "response_messages": len(received), "response_bytes": sum(map(len, received))}


if __name__ == "__main__":
    main()
