#!/usr/bin/python3
"""gRPC over cleartext HTTP/2 from Debian's python3-grpcio (gRPC's C core), client and server in one process
(GrpcEndToEndTest): unary calls, an error status with a message, a server-streaming and a bidirectional call,
several of them concurrent on one connection. No .proto: the methods take and return raw bytes. Writes the server's
port, then what the client itself saw, a JSON line per call: method, status, details, messages sent and received,
their bytes.

Usage: grpc_calls.py SUMMARY
"""
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


def main():
    summary = sys.argv[1]
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
