package io.jtrace.format;

import io.jtrace.format.proto.Record;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the golden traces of testdata/golden: one clean file per codec and one cut short as a
 * killed recorder leaves it. Run through scripts/make-golden-traces; the files are named after the
 * format version that wrote them and are never rewritten, so later readers are tested against them.
 */
public final class GoldenTraces {
    static final long SEED = 2026;
    static final int EVENTS = 300;

    private GoldenTraces() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "testdata/golden");
        Files.createDirectories(dir);
        String version = FormatVersion.MAJOR + "." + FormatVersion.MINOR;
        for (Codec codec : Codec.values()) {
            Path path = dir.resolve("format-" + version + "-" + codec.displayName() + ".jtr");
            write(path, codec, true);
            System.out.println("wrote " + path);
        }
        Path killed = dir.resolve("format-" + version + "-killed.jtr");
        write(killed, Codec.ZSTD, false);
        System.out.println("wrote " + killed);
    }

    private static void write(Path path, Codec codec, boolean clean) throws IOException {
        long wholeFrames = 0;
        RandomRecords gen = new RandomRecords(SEED);
        List<TraceEvent> events = gen.events(EVENTS);
        try (OutputStream out = TraceWriter.openOwnerOnly(path);
             TraceWriter w = new TraceWriter(out, codec, RandomRecords.header())) {
            for (int i = 0; i < events.size(); i++) {
                w.write(events.get(i));
                if (i % 100 == 99) {
                    w.flush();
                }
            }
            if (clean) {
                w.write(new TraceEvent(Record.newBuilder().setTrailer(gen.trailer(events)).build(),
                        gen.time() + 1000, 0));
            } else {
                w.flush();
                wholeFrames = w.bytesWritten();
                // what a SIGKILL leaves: whole frames, then half of a frame that was being written
                w.write(gen.next());
                w.write(gen.next());
            }
        }
        if (!clean) {
            byte[] whole = Files.readAllBytes(path);
            Files.write(path, java.util.Arrays.copyOf(whole, (int) (wholeFrames + (whole.length - wholeFrames) / 2)));
        }
    }
}
