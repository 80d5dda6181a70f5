package io.jtrace.recorder;

/** Entry point of jtrace-record. */
public final class RecordCommand {
    private RecordCommand() {
    }

    public static void main(String[] args) {
        System.err.println("usage: jtrace-record [-f] [-q] [-e trace=SET] [-s SNAPLEN] -w FILE (-p PID | -- CMD ARGS...)");
        System.exit(2);
    }
}
