package io.jtrace.analyzer;

import io.jtrace.analyzer.info.SetInfo;
import io.jtrace.analyzer.info.TraceInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code info}: what a trace file holds, like capinfos or {@code jfr summary}. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Header, processes, duration, record counts, losses, compression, clean end; of several"
                + " files, each file's, then each recording's files, gaps and totals.",
        footer = {"", "Examples:", "  jtrace-analyze info -r app.jtr", "  jtrace-analyze info -r app.jtr --json | jq .syscalls"})
final class InfoCommand implements Callable<Integer> {
    @Mixin
    TraceInput.Required input;

    @Mixin
    OutputFormat output;

    @Override
    public Integer call() throws Exception {
        var files = input.files();
        if (files.size() == 1) {
            TraceInfo.scan(files.get(0)).report(output.records(System.out), System.err);
        } else {
            SetInfo.report(files, output.records(System.out), System.err);
        }
        return 0;
    }
}
