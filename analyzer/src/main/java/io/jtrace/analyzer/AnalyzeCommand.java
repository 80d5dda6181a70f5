package io.jtrace.analyzer;

/** Entry point of jtrace-analyze. */
public final class AnalyzeCommand {
    private AnalyzeCommand() {
    }

    public static void main(String[] args) {
        System.err.println("usage: jtrace-analyze [VIEW] -r FILE [filters]");
        System.exit(2);
    }
}
