#!/usr/bin/python3
"""Many concurrent gRPC calls on a few cleartext HTTP/2 connections (scripts/bench-grpc), from Debian's python3-grpcio
(gRPC's C core), client and server in one process: rounds of unary, server-streaming and bidirectional calls, CONCURRENT
of each kind in flight at once on each of CONNECTIONS channels; every tenth unary call ends in NOT_FOUND. No .proto:
the methods take and return raw bytes. Ends after ROUNDS rounds and prints what the client itself saw, one JSON line:
calls, their statuses, messages and message bytes each way.

Usage: grpc_load.py [--rounds N] [--connections N] [--concurrent N]
"""
import argparse
import json
from concurrent import futures

import grpc

SERVICE = "jtrace.bench.Load"


def unary(request, context):
    if request.startswith(b"missing"):
        context.abort(grpc.StatusCode.NOT_FOUND, "no such key")
    return request + b"!"


def server_stream(request, context):
    for i in range(5):
        yield bytes(50 * (i + 1))


def bidi(requests, context):
    for r in requests:
        yield r + r


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rounds", type=int, default=100)
    p.add_argument("--connections", type=int, default=2)
    p.add_argument("--concurrent", type=int, default=8)
    a = p.parse_args()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    handlers = {
        "Unary": grpc.unary_unary_rpc_method_handler(unary),
        "Stream": grpc.unary_stream_rpc_method_handler(server_stream),
        "Bidi": grpc.stream_stream_rpc_method_handler(bidi),
    }
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE, handlers),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    seen = {"calls": 0, "status": {}, "request_messages": 0, "request_bytes": 0, "response_messages": 0,
            "response_bytes": 0}

    def count(status, sent, received):
        seen["calls"] += 1
        seen["status"][status.name] = seen["status"].get(status.name, 0) + 1
        seen["request_messages"] += len(sent)
        seen["request_bytes"] += sum(map(len, sent))
        seen["response_messages"] += len(received)
        seen["response_bytes"] += sum(map(len, received))

    # a channel argument of its own per channel, so that each gets a connection of its own
    channels = [grpc.insecure_channel("127.0.0.1:%d" % port, options=[("jtrace.connection", i)])
                for i in range(a.connections)]
    stubs = [(c.unary_unary("/%s/Unary" % SERVICE), c.unary_stream("/%s/Stream" % SERVICE),
              c.stream_stream("/%s/Bidi" % SERVICE)) for c in channels]
    n = 0
    for _ in range(a.rounds):
        pending = []
        for u, s, b in stubs:
            for _ in range(a.concurrent):
                n += 1
                m = b"missing-%d" % n if n % 10 == 0 else b"key-%d" % n
                pending.append(("unary", [m], u.future(m, timeout=60)))
                pending.append(("stream", [m], s(m, timeout=60)))
                sent = [m * (i + 1) for i in range(3)]
                pending.append(("bidi", sent, b(iter(sent), timeout=60)))
        for kind, sent, call in pending:
            try:
                received = [call.result()] if kind == "unary" else list(call)
                count(grpc.StatusCode.OK, sent, received)
            except grpc.RpcError as e:
                count(e.code(), sent, [])
    for c in channels:
        c.close()
    server.stop(None)
    print(json.dumps(seen))


if __name__ == "__main__":
    main()
