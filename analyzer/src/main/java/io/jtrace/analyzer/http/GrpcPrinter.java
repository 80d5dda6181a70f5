package io.jtrace.analyzer.http;

import io.jtrace.analyzer.output.JsonWriter;
import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Quote;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A gRPC stream's messages in the http view: {@code --full}'s lines under each head (a message as an escaped
 * string like the default view's buffers, or with {@code --proto} as JSON), and {@code --json --full}'s message
 * objects.
 */
final class GrpcPrinter {
    /** Message bytes shown on a --full line without --proto, as many as the default view shows of a buffer. */
    static final int SHOWN = 32;

    private final GrpcSchema schema;
    private final boolean base64;

    /** @param schema --proto's descriptor set, or null */
    GrpcPrinter(GrpcSchema schema, boolean base64) {
        this.schema = schema;
        this.base64 = base64;
    }

    /** {@code > message 1 (31 B gzip, 2000 B decoded): "xxxxxxxx"...}, a line per kept message, then what was not. */
    void print(LineBuffer b, String prefix, HttpMessage m, GrpcCall grpc) {
        GrpcMessages.Kept kept = GrpcMessages.of(m);
        int i = 0;
        for (GrpcMessages.Message msg : kept.messages()) {
            b.append(prefix).append("message ").append(++i).append(" (").append(msg.length()).append(" B");
            if (msg.encoding() != null) {
                b.append(' ').append(msg.encoding()).append(", ").append(msg.bytes().length).append(" B decoded");
            } else if (msg.compressed()) {
                b.append(", compressed");
            }
            b.append(')');
            GrpcSchema.Json json = parse(grpc, m.isRequest(), msg);
            if (json != null && json.text() != null) {
                note(b.append(' ').append(json.type()).append(':'), json.note()).append('\n');
                for (String line : json.text().split("\n")) {
                    b.append(prefix).append(ExchangePrinter.printable(line)).append('\n');
                }
                continue;
            }
            byte[] bytes = msg.bytes();
            b.append(": ");
            if (base64) {
                b.append(Base64.getEncoder().encodeToString(bytes));
            } else {
                Quote.append(b, bytes, 0, Math.min(bytes.length, SHOWN), Quote.Hex.NONE, false);
                if (bytes.length > SHOWN || !msg.complete()) {
                    b.append("...");
                }
            }
            note(b, msg.note());
            note(b, json == null ? null : json.note()).append('\n');
        }
        GrpcCall.Messages sent = m.isRequest() ? grpc.requests() : grpc.responses();
        if (kept.cut() && (i < sent.count() || sent.lost())) {
            b.append(prefix).append("[messages kept: ").append(i).append(" of ").append(sent.lost() ? ">=" : "")
                    .append(sent.count()).append(", the body cut by the body limit or the snap length]\n");
        }
    }

    // a note may quote the message (an Any's type URL): escaped like header text
    private static LineBuffer note(LineBuffer b, String note) {
        return note == null ? b : b.append("  [").append(ExchangePrinter.printable(note)).append(']');
    }

    /** --json --full's objects, one per kept message (ANALYZER.md, http.grpc_message). */
    List<Map<String, Object>> json(HttpMessage m, GrpcCall grpc) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (GrpcMessages.Message msg : GrpcMessages.of(m).messages()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("length", msg.length());
            o.put("compressed", msg.compressed());
            o.put("encoding", msg.encoding());
            o.put("base64", Base64.getEncoder().encodeToString(msg.bytes()));
            o.put("complete", msg.complete());
            String note = msg.note();
            if (schema != null && msg.complete()) {
                GrpcSchema.Json json = schema.json(path(grpc), m.isRequest(), msg.bytes(), false);
                if (json.type() != null) {
                    o.put("type", json.type());
                }
                if (json.text() != null) {
                    o.put("json", new JsonWriter.Raw(json.text()));
                }
                note = json.note();
            }
            o.put("note", note);
            list.add(o);
        }
        return list;
    }

    /** The message parsed with --proto's types; null without --proto or when only part of it is known. */
    private GrpcSchema.Json parse(GrpcCall grpc, boolean request, GrpcMessages.Message msg) {
        return schema == null || !msg.complete() ? null : schema.json(path(grpc), request, msg.bytes(), true);
    }

    private static String path(GrpcCall grpc) {
        return grpc.service() == null ? null : "/" + grpc.service() + "/" + grpc.method();
    }
}
