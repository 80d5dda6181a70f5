import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * gRPC from grpc-java (grpc-netty-shaded), server and client in one JVM on one loopback connection (GrpcJavaTest):
 * a unary call that opens the connection, then concurrently two more unary calls, one answered NOT_FOUND with a
 * message, a server-streaming, a client-streaming and a bidirectional call with many messages each way, and a call
 * the server never answers, which exceeds its deadline. The methods are grpc-testing-proto's SimpleService.
 *
 * <p>Writes the server's port, then a JSON line per call and side as that side's grpc-java saw it: method, status,
 * status message, messages sent and received and their serialized bytes (the gRPC length prefixes, uncompressed).
 *
 * <p>With a gate file it says "ready" after the first call and waits for the file before the others (a recorder
 * attaches in between).
 *
 * <p>Usage: {@code GrpcJavaCalls SUMMARY [GATE]}
 */
public final class GrpcJavaCalls {
    static final String MISSING = "missing-key";
    static final String SLOW = "never answered";
    static final String ERROR_MESSAGE = "no such key: missing \u2713 100%";
    static final long DEADLINE_MS = 1500;

    /** One side's view of one call. */
    static final class Call {
        final String side;
        final String method;
        String status;
        String message;
        int sent;
        long sentBytes;
        int received;
        long receivedBytes;

        Call(String side, String method) {
            this.side = side;
            this.method = method;
        }

        synchronized void sent(com.google.protobuf.MessageLite m) {
            sent++;
            sentBytes += m.getSerializedSize();
        }

        synchronized void received(com.google.protobuf.MessageLite m) {
            received++;
            receivedBytes += m.getSerializedSize();
        }

        synchronized String json() {
            // a client sends requests, a server responses
            boolean client = side.equals("client");
            return "{\"side\":\"" + side + "\",\"method\":\"" + method + "\",\"status\":\"" + status
                    + "\",\"message\":" + (message == null ? "null" : quote(message))
                    + ",\"request_messages\":" + (client ? sent : received)
                    + ",\"request_bytes\":" + (client ? sentBytes : receivedBytes)
                    + ",\"response_messages\":" + (client ? received : sent)
                    + ",\"response_bytes\":" + (client ? receivedBytes : sentBytes) + "}";
        }
    }

    static final ConcurrentLinkedQueue<Call> CALLS = new ConcurrentLinkedQueue<>();
    static final CountDownLatch SERVER_DONE = new CountDownLatch(8);

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    static String text(int n, char c) {
        return String.valueOf(c).repeat(n);
    }

    static SimpleResponse response(String s) {
        return SimpleResponse.newBuilder().setResponseMessage(s).build();
    }

    static SimpleRequest request(String s) {
        return SimpleRequest.newBuilder().setRequestMessage(s).build();
    }

    /** The server: what it answers, and its own record of each call. */
    static final class Service implements SimpleServiceGrpc.AsyncService {
        private static Call start(String method) {
            Call c = new Call("server", method);
            CALLS.add(c);
            return c;
        }

        private static void end(Call c, Status s) {
            synchronized (c) {
                if (c.status == null) {
                    c.status = s.getCode().name();
                    c.message = s.getDescription();
                    SERVER_DONE.countDown();
                }
            }
        }

        @Override
        public void unaryRpc(SimpleRequest req, StreamObserver<SimpleResponse> out) {
            Call c = start("UnaryRpc");
            c.received(req);
            ServerCallStreamObserver<SimpleResponse> server = (ServerCallStreamObserver<SimpleResponse>) out;
            server.setOnCancelHandler(() -> end(c, Status.CANCELLED));
            if (req.getRequestMessage().equals(SLOW)) {
                return;   // never answered: the client's deadline passes
            }
            if (req.getRequestMessage().equals(MISSING)) {
                Status s = Status.NOT_FOUND.withDescription(ERROR_MESSAGE);
                out.onError(s.asRuntimeException());
                end(c, s);
                return;
            }
            SimpleResponse r = response("echo " + req.getRequestMessage());
            c.sent(r);
            out.onNext(r);
            out.onCompleted();
            end(c, Status.OK);
        }

        @Override
        public void serverStreamingRpc(SimpleRequest req, StreamObserver<SimpleResponse> out) {
            Call c = start("ServerStreamingRpc");
            c.received(req);
            int n = Integer.parseInt(req.getRequestMessage());
            for (int i = 0; i < n; i++) {
                SimpleResponse r = response(text(i * i * 60 + 1, (char) ('a' + i % 26)));   // the last ones > 16 KiB
                c.sent(r);
                out.onNext(r);
            }
            out.onCompleted();
            end(c, Status.OK);
        }

        @Override
        public StreamObserver<SimpleRequest> clientStreamingRpc(StreamObserver<SimpleResponse> out) {
            Call c = start("ClientStreamingRpc");
            return new StreamObserver<>() {
                long total;

                @Override
                public void onNext(SimpleRequest req) {
                    c.received(req);
                    total += req.getRequestMessage().length();
                }

                @Override
                public void onError(Throwable t) {
                    end(c, Status.fromThrowable(t));
                }

                @Override
                public void onCompleted() {
                    SimpleResponse r = response("total " + total);
                    c.sent(r);
                    out.onNext(r);
                    out.onCompleted();
                    end(c, Status.OK);
                }
            };
        }

        @Override
        public StreamObserver<SimpleRequest> bidiStreamingRpc(StreamObserver<SimpleResponse> out) {
            Call c = start("BidiStreamingRpc");
            return new StreamObserver<>() {
                int seen;

                @Override
                public void onNext(SimpleRequest req) {
                    c.received(req);
                    // every third request is answered twice: the counts differ each way
                    for (int k = 0; k < (seen % 3 == 0 ? 2 : 1); k++) {
                        SimpleResponse r = response(req.getRequestMessage().toUpperCase() + k);
                        c.sent(r);
                        out.onNext(r);
                    }
                    seen++;
                }

                @Override
                public void onError(Throwable t) {
                    end(c, Status.fromThrowable(t));
                }

                @Override
                public void onCompleted() {
                    out.onCompleted();
                    end(c, Status.OK);
                }
            };
        }
    }

    /** The client's record of a call, filled by the responses it observes. */
    static final class Observer implements StreamObserver<SimpleResponse> {
        final Call call;
        final CountDownLatch done;

        Observer(String method, CountDownLatch done) {
            this.call = new Call("client", method);
            this.done = done;
            CALLS.add(call);
        }

        @Override
        public void onNext(SimpleResponse r) {
            call.received(r);
        }

        @Override
        public void onError(Throwable t) {
            Status s = Status.fromThrowable(t);
            synchronized (call) {
                call.status = s.getCode().name();
                call.message = s.getDescription();
            }
            done.countDown();
        }

        @Override
        public void onCompleted() {
            synchronized (call) {
                call.status = "OK";
            }
            done.countDown();
        }

        SimpleRequest send(SimpleRequest r) {
            call.sent(r);
            return r;
        }
    }

    public static void main(String[] args) throws Exception {
        Path summary = Path.of(args[0]);
        Path gate = args.length > 1 ? Path.of(args[1]) : null;
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(SimpleServiceGrpc.bindService(new Service())).build().start();
        int port = server.getPort();
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port,
                InsecureChannelCredentials.create()).build();
        SimpleServiceGrpc.SimpleServiceStub stub = SimpleServiceGrpc.newStub(channel);

        // the first call opens the connection; the others share it, concurrently
        CountDownLatch first = new CountDownLatch(1);
        Observer hello = new Observer("UnaryRpc", first);
        stub.unaryRpc(hello.send(request("hello")), hello);
        if (!first.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the first call did not end");
        }
        if (gate != null) {
            System.out.println("ready");
            System.out.flush();
            for (int i = 0; i < 3000 && !Files.exists(gate); i++) {
                Thread.sleep(20);
            }
        }

        CountDownLatch done = new CountDownLatch(7);
        Observer big = new Observer("UnaryRpc", done);
        stub.unaryRpc(big.send(request(text(70_000, 'y'))), big);
        Observer small = new Observer("UnaryRpc", done);
        stub.unaryRpc(small.send(request(text(2000, 'x'))), small);
        Observer missing = new Observer("UnaryRpc", done);
        stub.unaryRpc(missing.send(request(MISSING)), missing);
        Observer slow = new Observer("UnaryRpc", done);
        stub.withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS).unaryRpc(slow.send(request(SLOW)), slow);
        Observer streamed = new Observer("ServerStreamingRpc", done);
        stub.serverStreamingRpc(streamed.send(request("25")), streamed);
        Observer collected = new Observer("ClientStreamingRpc", done);
        StreamObserver<SimpleRequest> up = stub.clientStreamingRpc(collected);
        Observer bidi = new Observer("BidiStreamingRpc", done);
        StreamObserver<SimpleRequest> both = stub.bidiStreamingRpc(bidi);
        for (int i = 0; i < 300; i++) {
            if (i < 40) {
                up.onNext(collected.send(request(text(i * 97 % 1500, 'c'))));
            }
            both.onNext(bidi.send(request("m" + i + text(i * 37 % 900, 'b'))));
        }
        up.onCompleted();
        both.onCompleted();
        if (!done.await(120, TimeUnit.SECONDS) || !SERVER_DONE.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("calls did not end: " + done.getCount() + " client, "
                    + SERVER_DONE.getCount() + " server");
        }
        channel.shutdown().awaitTermination(30, TimeUnit.SECONDS);
        server.shutdown().awaitTermination(30, TimeUnit.SECONDS);
        List<String> lines = new ArrayList<>();
        lines.add("{\"port\":" + port + "}");
        for (Call c : CALLS) {
            lines.add(c.json());
        }
        Files.write(summary, lines);
        System.exit(0);   // grpc's shared event loops would keep the JVM a while longer
    }
}
