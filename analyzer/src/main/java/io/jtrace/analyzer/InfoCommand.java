package io.jtrace.analyzer;

import io.jtrace.analyzer.info.TraceInfo;
import io.jtrace.analyzer.output.RecordWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code info}: what a trace file holds, like capinfos or {@code jfr summary}. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Header, processes, duration, record counts, losses, compression, clean end.",
        footer = {"", "Examples:", "  jtrace-analyze info -r app.jtr", "  jtrace-analyze info -r app.jtr --json | jq .syscalls"})
final class InfoCommand implements Callable<Integer> {
    @Mixin
    TraceInput.Required input;

    @Mixin
    OutputFormat output;

    @Override
    public Integer call() throws Exception {
        TraceInfo info = TraceInfo.scan(input.file);
        try (RecordWriter out = output.records(System.out)) {
            info.writeTo(out);
        }
        if (info.cutWarning() != null) {
            System.err.println("jtrace-analyze: warning: " + info.cutWarning());
        }
        if (info.truncation() != null) {
            System.err.println("jtrace-analyze: warning: " + info.truncation());
        }
        return 0;
    }
}
