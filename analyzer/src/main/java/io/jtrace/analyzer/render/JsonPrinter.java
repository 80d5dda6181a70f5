package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.JsonWriter;
import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.EventSink;
import io.jtrace.analyzer.trace.Source;
import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Record;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * One JSON object per record (JSON Lines). Syscalls carry raw and decoded arguments, the return
 * value with errno, and every captured buffer whole: C-escaped text, or base64 with --base64; every object ends
 * with its source (trace_host, trace_file).
 */
public final class JsonPrinter implements EventSink {
    private final LineRenderer renderer;
    private final OutputStream out;
    private final long startWallNs;
    private final boolean base64;
    private final Quote.Hex hex;
    private final LineBuffer b = new LineBuffer(512);
    private final LineBuffer text = new LineBuffer(256);
    /** The source fields that end each line, made again only when an event's source differs from the last. */
    private final LineBuffer sourceFields = new LineBuffer(128);
    private Source source;
    private final WallClock wall = new WallClock();
    private static final String[] KINDS = lowerCase(Record.KindCase.values());
    private static final String[] PARTS = lowerCase(Buffer.Part.values());

    public JsonPrinter(LineRenderer renderer, Header header, RenderOptions options, boolean base64, OutputStream out) {
        this.renderer = renderer;
        this.out = out;
        this.startWallNs = header.getStartWallNs();
        this.base64 = base64;
        this.hex = options.hex;
    }

    @Override
    public boolean printsWhileReading() {
        return true;
    }

    @Override
    public boolean showsLosses() {
        return true;
    }

    @Override
    public void accept(Event e) throws IOException {
        b.clear();
        Record r = e.kind() == Record.KindCase.SYSCALL ? null : e.record();
        b.append("{\"type\":\"").append(KINDS[e.kind().ordinal()]).append('"');
        b.append(",\"time_ns\":").append(e.timeNs());
        wall.append(b.append(",\"wall\":\""), startWallNs + e.timeNs()).append('"');
        b.append(",\"pid\":").append(e.pid()).append(",\"tid\":").append(e.tid());
        switch (e.kind()) {
            case SYSCALL -> syscall(e);
            case SIGNAL -> {
                var s = r.getSignal();
                field("signal", renderer.signals().name(s.getSigno()));
                b.append(",\"group_stop\":").append(s.getGroupStop());
                Siginfo.append(text.clear(), renderer.signals(), s.getSiginfo().toByteArray(), s.getSigno());
                b.append(",\"siginfo\":");
                JsonWriter.string(b, text);
            }
            case EXIT -> {
                var x = r.getExit();
                b.append(",\"status\":").append(x.getStatus());
                field("signal", x.getSignal() == 0 ? null : renderer.signals().name(x.getSignal()));
                b.append(",\"core_dumped\":").append(x.getCoreDumped()).append(",\"detached\":").append(x.getDetached());
            }
            case EXEC -> {
                var x = r.getExec();
                field("exe", x.getExe());
                field("comm", x.getComm());
                b.append(",\"former_tid\":").append(x.getFormerTid()).append(",\"argv\":[");
                for (int i = 0; i < x.getArgvCount(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    JsonWriter.string(b, x.getArgv(i));
                }
                b.append(']');
            }
            case TASK_START -> {
                var t = r.getTaskStart();
                b.append(",\"parent_tid\":").append(t.getParentTid()).append(",\"new_process\":")
                        .append(t.getNewProcess()).append(",\"attached\":").append(t.getAttached());
            }
            case TASK_NAME -> field("comm", r.getTaskName().getComm());
            case TASK_PIDS -> {
                var p = r.getTaskPids();
                b.append(",\"pid_ns\":").append(p.getPidNs()).append(",\"tids\":").append(p.getTidsList())
                        .append(",\"tgids\":").append(p.getTgidsList()).append(",\"pgids\":").append(p.getPgidsList())
                        .append(",\"sids\":").append(p.getSidsList());
            }
            case TRAILER -> {
                var t = r.getTrailer();
                b.append(",\"syscalls\":").append(t.getSyscalls()).append(",\"losses\":").append(t.getLosses())
                        .append(",\"lost_records\":").append(t.getLostRecords()).append(",\"captured_bytes\":")
                        .append(t.getCapturedBytes());
                field("end_wall", Instant.ofEpochSecond(0, t.getEndWallNs()).toString());
                field("stop_reason", t.getStopReason());
            }
            case LOSS -> {
                var l = r.getLoss();
                field("reason", l.getReason().name().toLowerCase(Locale.ROOT));
                b.append(",\"records\":").append(l.getRecords()).append(",\"bytes\":").append(l.getBytes());
            }
            default -> {
            }
        }
        source(e.source());
        b.append(sourceFields).append("}\n");
        b.writeTo(out);
    }

    private void syscall(Event e) {
        RecordedSyscall s = e.syscall();
        field("syscall", e.name());
        b.append(",\"nr\":").append(s.getNr()).append(",\"args\":[");
        renderer.decodedArgs(e, b);
        b.append("],\"raw_args\":[");
        for (int i = 0; i < s.getArgsCount(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"');
            Formats.hex(b, s.getArgs(i)).append('"');
        }
        b.append(']');
        boolean unfinished = s.getUnfinished();
        b.append(",\"unfinished\":").append(unfinished);
        if (unfinished) {
            b.append(",\"ret\":null,\"errno\":null,\"return\":null,\"duration_ns\":null");
        } else {
            b.append(",\"ret\":").append(s.getRet());
            boolean failed = Errnos.isError(s.getRet());
            field("errno", failed ? Errnos.name(-s.getRet()) : null);
            renderer.decodedReturn(e, b.append(",\"return\":"));
            b.append(",\"duration_ns\":").append(s.getDurationNs());
        }
        b.append(",\"injected\":").append(s.getInjected());
        if (s.getPoked()) {
            b.append(",\"poked\":true");
        }
        b.append(",\"buffers\":[");
        for (int i = 0; i < s.getBuffersCount(); i++) {
            if (i > 0) {
                b.append(',');
            }
            buffer(s.getBuffers(i));
        }
        b.append(']');
    }

    private void buffer(RecordedBuffer buf) {
        b.append("{\"arg\":").append(buf.getArg());
        field("part", PARTS[buf.getPart().ordinal()]);
        b.append(",\"index\":").append(buf.getIndex()).append(",\"at_exit\":").append(buf.getAtExit());
        b.append(",\"address\":\"");
        Formats.hex(b, buf.getAddress()).append('"');
        b.append(",\"length\":").append(buf.getLength()).append(",\"captured\":").append(buf.getData().size());
        if (buf.getError() != 0) {
            field("error", Errnos.name(buf.getError()));
        }
        byte[] data = buf.getData().toByteArray();
        if (base64) {
            // base64 needs no JSON escaping
            byte[] encoded = Base64.getEncoder().encode(data);
            b.append(",\"base64\":\"").appendAscii(encoded, 0, encoded.length).append('"');
        } else {
            b.append(",\"data\":\"");
            Quote.appendJson(b, data, 0, data.length, hex);
            b.append('"');
        }
        b.append('}');
    }

    private void source(Source s) {
        if (s == source) {
            return;
        }
        source = s;
        sourceFields.clear().append(",\"").append(Source.HOST_FIELD).append("\":");
        JsonWriter.string(sourceFields, s.host());
        sourceFields.append(",\"").append(Source.FILE_FIELD).append("\":");
        JsonWriter.string(sourceFields, s.file());
    }

    private void field(String name, String value) {
        b.append(",\"").append(name).append("\":");
        if (value == null) {
            b.append("null");
        } else {
            JsonWriter.string(b, value);
        }
    }

    /** Enum constants' names in lower case, by ordinal: looked up per record, built once. */
    private static String[] lowerCase(Enum<?>[] values) {
        String[] names = new String[values.length];
        for (Enum<?> v : values) {
            names[v.ordinal()] = v.name().toLowerCase(Locale.ROOT);
        }
        return names;
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
