package io.jtrace.analyzer;

import io.jtrace.analyzer.info.TraceInfo;
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
        TraceInfo.scan(input.file).report(output.records(System.out), System.err);
        return 0;
    }
}
