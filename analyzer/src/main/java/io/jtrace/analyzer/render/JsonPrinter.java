package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.JsonWriter;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.EventSink;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Syscall;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * One JSON object per record (JSON Lines). Syscalls carry raw and decoded arguments, the return
 * value with errno, and every captured buffer whole: C-escaped text, or base64 with --base64.
 */
public final class JsonPrinter implements EventSink {
    private final LineRenderer renderer;
    private final Writer out;
    private final long startWallNs;
    private final boolean base64;
    private final Quote.Hex hex;
    private final StringBuilder b = new StringBuilder(512);

    public JsonPrinter(LineRenderer renderer, Header header, RenderOptions options, boolean base64, Writer out) {
        this.renderer = renderer;
        this.out = out;
        this.startWallNs = header.getStartWallNs();
        this.base64 = base64;
        this.hex = options.hex;
    }

    @Override
    public void accept(Event e) throws IOException {
        b.setLength(0);
        Record r = e.record();
        b.append("{\"type\":\"").append(e.kind().name().toLowerCase(Locale.ROOT)).append('"');
        b.append(",\"time_ns\":").append(e.timeNs());
        b.append(",\"wall\":\"").append(Instant.ofEpochSecond(0, startWallNs + e.timeNs())).append('"');
        b.append(",\"pid\":").append(e.pid()).append(",\"tid\":").append(e.tid());
        switch (e.kind()) {
            case SYSCALL -> syscall(e);
            case SIGNAL -> {
                var s = r.getSignal();
                field("signal", Signals.name(s.getSigno()));
                b.append(",\"group_stop\":").append(s.getGroupStop());
                StringBuilder info = new StringBuilder();
                Siginfo.append(info, s.getSiginfo().toByteArray(), s.getSigno());
                field("siginfo", info.toString());
            }
            case EXIT -> {
                var x = r.getExit();
                b.append(",\"status\":").append(x.getStatus());
                field("signal", x.getSignal() == 0 ? null : Signals.name(x.getSignal()));
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
        b.append("}\n");
        out.append(b);
    }

    private void syscall(Event e) {
        Syscall s = e.syscall();
        field("syscall", e.name());
        b.append(",\"nr\":").append(s.getNr()).append(",\"args\":[");
        var decoded = renderer.decodedArgs(e);
        for (int i = 0; i < decoded.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            JsonWriter.string(b, decoded.get(i));
        }
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
            field("return", renderer.decodedReturn(e));
            b.append(",\"duration_ns\":").append(s.getDurationNs());
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

    private void buffer(Buffer buf) {
        b.append("{\"arg\":").append(buf.getArg());
        field("part", buf.getPart().name().toLowerCase(Locale.ROOT));
        b.append(",\"index\":").append(buf.getIndex()).append(",\"at_exit\":").append(buf.getAtExit());
        b.append(",\"address\":\"");
        Formats.hex(b, buf.getAddress()).append('"');
        b.append(",\"length\":").append(buf.getLength()).append(",\"captured\":").append(buf.getData().size());
        if (buf.getError() != 0) {
            field("error", Errnos.name(buf.getError()));
        }
        byte[] data = buf.getData().toByteArray();
        if (base64) {
            field("base64", Base64.getEncoder().encodeToString(data));
        } else {
            StringBuilder text = new StringBuilder(data.length + 2);
            Quote.append(text, data, 0, data.length, hex, false);
            field("data", text.substring(1, text.length() - 1));
        }
        b.append('}');
    }

    private void field(String name, String value) {
        b.append(",\"").append(name).append("\":");
        if (value == null) {
            b.append("null");
        } else {
            JsonWriter.string(b, value);
        }
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
