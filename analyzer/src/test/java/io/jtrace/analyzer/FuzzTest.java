package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jtrace.format.Codec;
import io.jtrace.format.TraceEvent;
import io.jtrace.format.TraceReader;
import io.jtrace.format.TraceWriter;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Record;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files through the reader and every view: byte-level damage of whole files (what a disk,
 * a copy or a killed recorder does) and record-level damage inside valid frames (what reaches the
 * decoders). Every run must end with status 0 or 1, at most two lines on stderr, no Java exception
 * text, valid JSON lines, and within a time bound. Seeds are fixed, so a failure reproduces.
 */
class FuzzTest {
    static final int BYTE_MUTANTS = 500;
    static final int RECORD_MUTANTS = 400;
    static final Duration PER_FILE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    final List<String> failures = new ArrayList<>();
    /** How many runs ended 0 and 1: both must occur, or the damage is too mild or too harsh. */
    final int[] statuses = new int[2];

    /** The real recordings and the golden traces; the large trace=all one only for record-level damage. */
    static List<Path> seeds(boolean large) {
        List<Path> seeds = new ArrayList<>(List.of(Run.trace("http-default.jtr"), Run.trace("http-killed.jtr"),
                Run.golden("format-1.0-zstd.jtr"), Run.golden("format-1.0-gzip.jtr"), Run.golden("format-1.0-none.jtr"),
                Run.golden("format-1.0-killed.jtr")));
        if (large) {
            seeds.add(Run.trace("http-all.jtr"));
        }
        return seeds;
    }

    @Test
    void byteLevelDamage() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (Path p : seeds(false)) {
            seeds.add(Files.readAllBytes(p));
        }
        for (int i = 0; i < BYTE_MUTANTS; i++) {
            Random random = new Random(1000 + i);
            byte[] seed = seeds.get(i % seeds.size());
            StringBuilder how = new StringBuilder("seed " + (i % seeds.size()) + ", random " + (1000 + i) + ":");
            byte[] mutant = mutate(seed, random, how);
            check(mutant, how.toString());
        }
        report(50);
    }

    @Test
    void recordLevelDamage() throws IOException {
        List<Header> headers = new ArrayList<>();
        List<List<TraceEvent>> records = new ArrayList<>();
        for (Path p : seeds(true)) {
            Records r = Records.read(p);
            headers.add(r.header());
            records.add(r.records());
        }
        for (int i = 0; i < RECORD_MUTANTS; i++) {
            Random random = new Random(5000 + i);
            int s = i % headers.size();
            String how = "records of seed " + s + ", random " + (5000 + i);
            check(damagedRecords(headers.get(s), records.get(s), random), how);
        }
        report(0);   // valid frames of damaged records: mostly readable
    }

    /** Bit flips, cuts, inserted and deleted bytes, huge varints: one to three of them. */
    static byte[] mutate(byte[] seed, Random random, StringBuilder how) {
        byte[] b = seed.clone();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            int at = random.nextInt(Math.max(1, b.length));
            switch (random.nextInt(6)) {
                case 0 -> {
                    for (int k = 1 + random.nextInt(8); k > 0; k--) {
                        int pos = random.nextInt(b.length);
                        b[pos] ^= (byte) (1 << random.nextInt(8));
                    }
                    how.append(" flips");
                }
                case 1 -> {
                    b = Arrays.copyOf(b, at);
                    how.append(" cut at ").append(at);
                }
                case 2 -> {
                    byte[] ins = new byte[1 + random.nextInt(16)];
                    random.nextBytes(ins);
                    b = splice(b, at, 0, ins);
                    how.append(" insert at ").append(at);
                }
                case 3 -> {
                    b = splice(b, at, Math.min(b.length - at, 1 + random.nextInt(64)), new byte[0]);
                    how.append(" delete at ").append(at);
                }
                case 4 -> {
                    byte[] varint = {-1, -1, -1, -1, -1, -1, -1, -1, -1, 1};
                    b = splice(b, at, Math.min(b.length - at, random.nextInt(4)), varint);
                    how.append(" varint at ").append(at);
                }
                default -> {
                    // a frame's metadata: tag, lengths or checksum of the frame that starts here
                    int frame = indexOf(b, new byte[] {'J', 'T', 'R', 'F'}, at);
                    if (frame >= 0 && frame + 16 <= b.length) {
                        int field = frame + 4 + 4 * random.nextInt(3);
                        int v = random.nextBoolean() ? random.nextInt() : random.nextInt(1 << 20);
                        for (int k = 0; k < 4; k++) {
                            b[field + k] = (byte) (v >> 8 * k);
                        }
                        how.append(" frame meta at ").append(field);
                    }
                }
            }
            if (b.length == 0) {
                break;
            }
        }
        return b;
    }

    /** A valid file (codec none or zstd) whose records have been damaged and parsed back. */
    static byte[] damagedRecords(Header header, List<TraceEvent> events, Random random) throws IOException {
        int from = random.nextInt(Math.max(1, events.size() - 100));
        List<TraceEvent> window = events.subList(from, Math.min(events.size(), from + 100));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Header h = header;
        if (random.nextInt(8) == 0) {
            h = parseOr(Header.parser()::parseFrom, damage(header.toByteArray(), random), header);
        }
        Codec codec = random.nextBoolean() ? Codec.NONE : Codec.ZSTD;
        try (TraceWriter w = new TraceWriter(out, codec, codec.defaultLevel(), 4096, h)) {
            for (TraceEvent e : window) {
                Record r = e.record();
                if (random.nextInt(3) == 0) {
                    r = parseOr(Record.parser()::parseFrom, damage(r.toByteArray(), random), r);
                }
                long t = random.nextInt(20) == 0 ? random.nextLong() : e.timeNs();
                switch (r.getKindCase()) {
                    case SYSCALL -> w.write(t, r.getSyscall());
                    case TASK_START -> w.write(t, r.getTaskStart());
                    case EXEC -> w.write(t, r.getExec());
                    case EXIT -> w.write(t, r.getExit());
                    case SIGNAL -> w.write(t, r.getSignal());
                    case LOSS -> w.write(t, r.getLoss());
                    case TRAILER -> w.writeTrailer(t, r.getTrailer());
                    default -> {
                    }
                }
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the writer refuses some damage itself (a record after the trailer): keep what was written
        }
        return out.toByteArray();
    }

    interface Parser<T> {
        T parse(byte[] b) throws InvalidProtocolBufferException;
    }

    static <T> T parseOr(Parser<T> parser, byte[] bytes, T fallback) {
        try {
            return parser.parse(bytes);
        } catch (InvalidProtocolBufferException e) {
            return fallback;
        }
    }

    /** Protobuf-level damage: flipped bits, bytes of varints set high, short runs replaced. */
    static byte[] damage(byte[] b, Random random) {
        if (b.length == 0) {
            return b;
        }
        byte[] d = b.clone();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            int at = random.nextInt(d.length);
            switch (random.nextInt(3)) {
                case 0 -> d[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> d[at] = (byte) (random.nextBoolean() ? 0xff : 0x7f);
                default -> d[at] = (byte) random.nextInt(256);
            }
        }
        return d;
    }

    void check(byte[] file, String how) {
        try {
            Path p = dir.resolve("mutant.jtr");
            Files.write(p, file);
            Files.deleteIfExists(dir.resolve("copy.jtr"));
            assertTimeoutPreemptively(PER_FILE, () -> {
                reader(file, how);
                String in = p.toString();
                view(how, "default", Run.of("-r", in));
                Run json = view(how, "--json", Run.of("-r", in, "--json"));
                for (String line : json.out().split("\n")) {
                    if (!line.isEmpty()) {
                        Json.parse(line);
                    }
                }
                view(how, "-X -yy", Run.of("-r", in, "-X", "-yy", "-T", "-tt"));
                view(how, "summary --json", Run.of("summary", "-r", in, "--json")).out().lines().forEach(Json::parse);
                view(how, "info", Run.of("info", "-r", in, "--json")).out().lines().forEach(Json::parse);
                view(how, "fds --json", Run.of("fds", "-r", in, "--json")).out().lines().forEach(Json::parse);
                view(how, "http --json --full", Run.of("http", "-r", in, "--json", "--full"))
                        .out().lines().forEach(Json::parse);
                view(how, "http --full --decode", Run.of("http", "-r", in, "--full", "--decode"));
                Run copy = view(how, "-w", Run.of("-r", in, "-w", dir.resolve("copy.jtr").toString(), "-e", "trace=!futex"));
                statuses[copy.status()]++;
            }, how);
        } catch (AssertionError | IOException | RuntimeException e) {
            failures.add(how + ": " + e);
            try {
                Path kept = Path.of("target", "fuzz-failures");
                Files.createDirectories(kept);
                Files.write(kept.resolve("failure-" + failures.size() + ".jtr"), file);
            } catch (IOException ignored) {
                // only a debugging aid
            }
        }
    }

    /** The format's reader alone: IOExceptions only. */
    static void reader(byte[] file, String how) {
        try (TraceReader r = new TraceReader(new ByteArrayInputStream(file))) {
            while (r.hasNext()) {
                r.next();
            }
        } catch (IOException expected) {
            // damage is reported as an IOException; anything else escapes and fails
        }
    }

    static Run view(String how, String view, Run r) {
        String what = how + " [" + view + "]: " + r.show();
        assertTrue(r.status() == 0 || r.status() == 1, what);
        assertTrue(r.err().lines().count() <= 2, what);
        assertTrue(r.err().lines().allMatch(l -> l.startsWith("jtrace-analyze: ")), what);
        assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat ") && !r.err().contains("java.")
                && !r.err().contains("internal error"), what);
        return r;
    }

    void report(int minimumFailed) {
        assertTrue(statuses[0] > 50 && statuses[1] >= minimumFailed, "exits 0 and 1: " + Arrays.toString(statuses));
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " damaged files failed; the first ones:\n"
                    + String.join("\n\n", failures.subList(0, Math.min(5, failures.size()))));
        }
    }

    static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] r = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, r, 0, at);
        System.arraycopy(insert, 0, r, at, insert.length);
        System.arraycopy(b, at + remove, r, at + insert.length, b.length - at - remove);
        return r;
    }

    static int indexOf(byte[] b, byte[] what, int from) {
        outer:
        for (int i = Math.max(0, from); i + what.length <= b.length; i++) {
            for (int k = 0; k < what.length; k++) {
                if (b[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
