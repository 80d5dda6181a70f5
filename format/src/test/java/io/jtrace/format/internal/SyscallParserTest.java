package io.jtrace.format.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.jtrace.format.RandomRecords;
import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.TraceEvent;
import io.jtrace.format.TraceReader;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Fd;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Syscall;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** SyscallParser against protobuf's generated parser, the oracle: the same call as its message, or the record left to it. */
class SyscallParserTest {
    private final SyscallParser parser = new SyscallParser();

    /** What the generated parser makes of the bytes, or null when it refuses them. */
    private static Record generated(byte[] b) {
        try {
            return Record.parseFrom(b);
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    /**
     * The record the parser reads in b (also where b lies inside a larger array) as a message, to hold against the
     * generated parser's, or null when it leaves b to that parser.
     */
    private Record parsed(byte[] b) {
        Record r = message(parser.parse(b, 0, b.length));
        byte[] inside = new byte[b.length + 10];
        System.arraycopy(b, 0, inside, 7, b.length);
        Arrays.fill(inside, 0, 7, (byte) 0x0a);
        Arrays.fill(inside, 7 + b.length, inside.length, (byte) 0x12);
        assertEquals(r, message(parser.parse(inside, 7, b.length)), "the bytes around the record are not read");
        return r;
    }

    /** The record of a call the parser read, as a message; and the call equals the one made of that message. */
    private Record message(RecordedSyscall s) {
        if (s == null) {
            return null;
        }
        Record r = Record.newBuilder().setTimeDelta(parser.timeDelta()).setSyscall(s.toProto()).build();
        assertEquals(RecordedSyscall.of(r.getSyscall()), s);
        assertEquals(s, RecordedSyscall.of(r.getSyscall()));
        return r;
    }

    @Test
    void everySyscallRecordIsTheGeneratedParsersAndOtherKindsAreLeftToIt() {
        RandomRecords random = new RandomRecords(11);
        int syscalls = 0;
        for (int i = 0; i < 20_000; i++) {
            Record r = random.next().record();
            byte[] b = r.toByteArray();
            Record fast = parsed(b);
            if (r.hasSyscall()) {
                syscalls++;
                assertEquals(generated(b), fast);
                assertEquals(r, fast);
                assertTrue(Arrays.equals(b, fast.toByteArray()));
            } else {
                assertNull(fast, r.getKindCase().toString());
            }
        }
        assertTrue(syscalls > 15_000, syscalls + " syscalls");
    }

    @Test
    void recordedTracesReadAsTheGeneratedParserReadsThem() throws IOException {
        Path dir = Path.of(System.getProperty("jtrace.testdata", "../testdata")).resolve("traces");
        List<Path> traces;
        try (Stream<Path> files = Files.list(dir)) {
            traces = files.filter(p -> p.toString().endsWith(".jtr")).sorted().toList();
        }
        assertTrue(traces.size() >= 4, traces.toString());
        long syscalls = 0;
        for (Path p : traces) {
            try (TraceReader reader = TraceReader.open(p)) {
                while (true) {
                    TraceEvent e;
                    try {
                        if (!reader.hasNext()) {
                            break;
                        }
                        e = reader.next();
                    } catch (io.jtrace.format.TruncatedTraceException cut) {
                        break;   // a killed recording's last frame
                    }
                    if (e.record().hasSyscall()) {
                        syscalls++;
                        byte[] b = e.record().toByteArray();
                        assertEquals(generated(b), e.record(), p.toString());
                        assertEquals(generated(b), parsed(b), p.toString());
                    }
                }
            }
        }
        assertTrue(syscalls > 1000, syscalls + " syscalls");
    }

    @Test
    void fieldsTheGeneratedParserReadsAnyWayAreReadAlike() throws IOException {
        // args written one by one (not packed), an empty packed list, a part value of a newer version, extremes
        ByteArrayOutputStream syscall = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(syscall);
        out.writeUInt32(1, 7);
        out.writeUInt32(3, 0xffffffff);
        out.writeUInt64(4, -1L);
        out.writeUInt64(4, 0);
        out.writeUInt64(4, 1L << 63);
        out.writeByteArray(4, new byte[0]);
        out.writeSInt64(5, Long.MIN_VALUE);
        out.writeMessage(7, Buffer.newBuilder().setPartValue(9).setData(ByteString.EMPTY).setLength(5).build());
        out.writeMessage(7, Buffer.newBuilder().setArg(2).setIndex(3).setAtExit(true).setError(14).setMessage(1)
                .setAddress(-2L).setData(ByteString.copyFromUtf8("x")).build());
        out.writeMessage(9, Fd.newBuilder().setFd(5).setTarget("pipe:[1]").setKind(Fd.Kind.PIPE).build());
        out.writeBool(8, true);
        out.writeBool(10, true);
        out.writeBool(11, true);
        out.writeUInt32(2, 9);   // a field again: the last one counts
        out.flush();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        CodedOutputStream r = CodedOutputStream.newInstance(record);
        r.writeByteArray(2, syscall.toByteArray());
        r.writeSInt64(1, -5);
        r.flush();
        byte[] b = record.toByteArray();
        Record fast = parsed(b);
        assertNotNull(fast);
        assertEquals(generated(b), fast);
        assertEquals(List.of(-1L, 0L, 1L << 63), fast.getSyscall().getArgsList());
        assertEquals(9, fast.getSyscall().getBuffers(0).getPartValue());
        assertEquals(9, fast.getSyscall().getPid());
    }

    @Test
    void fieldsItDoesNotKnowAreLeftToTheGeneratedParser() {
        UnknownFieldSet later = UnknownFieldSet.newBuilder()
                .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build();
        Syscall plain = Syscall.newBuilder().setNr(1).addArgs(3).build();
        List<Record> records = List.of(
                Record.newBuilder().setSyscall(plain.toBuilder().setUnknownFields(later)).build(),
                Record.newBuilder().setSyscall(plain.toBuilder().addBuffers(
                        Buffer.newBuilder().setData(ByteString.copyFromUtf8("GET /")).setUnknownFields(later))).build(),
                Record.newBuilder().setSyscall(plain).setUnknownFields(later).build());
        for (Record rec : records) {
            byte[] b = rec.toByteArray();
            assertNull(parsed(b));
            assertEquals(rec, generated(b));   // kept as an unknown field by the generated parser
            // the call made of that message keeps it, also with its pids moved
            RecordedSyscall s = RecordedSyscall.of(generated(b).getSyscall());
            assertEquals(rec.getSyscall(), s.toProto());
            assertEquals(rec.getSyscall().toBuilder().setTid(8).setPid(9).build(),
                    s.with(8, 9, new long[] {3}, 0).toProto());
        }
        // the syscall field twice: the generated parser merges the two
        byte[] one = Record.newBuilder().setSyscall(plain).build().toByteArray();
        byte[] twice = Arrays.copyOf(one, 2 * one.length);
        System.arraycopy(one, 0, twice, one.length, one.length);
        assertNull(parsed(twice));
    }

    @Test
    void damageIsLeftToTheGeneratedParser() {
        RandomRecords random = new RandomRecords(5);
        SplittableRandom flips = new SplittableRandom(3);
        int checked = 0;
        for (int i = 0; i < 1500; i++) {
            Record r = Record.newBuilder().setTimeDelta(1234).setSyscall(random.syscall(i % 3 == 0)).build();
            byte[] b = r.toByteArray();
            for (int cut = 0; cut < b.length; cut += 1 + cut / 64) {
                agrees(Arrays.copyOf(b, cut));
                checked++;
            }
            for (int k = 0; k < 20; k++) {
                byte[] d = b.clone();
                d[flips.nextInt(d.length)] = (byte) flips.nextInt(256);
                agrees(d);
                checked++;
            }
        }
        assertTrue(checked > 50_000, checked + " damaged records");
    }

    /** Where the generated parser refuses the bytes, the parser gives null; where it reads them, the same or null. */
    private void agrees(byte[] b) {
        Record gen = generated(b);
        Record fast = parsed(b);
        if (fast != null) {
            assertEquals(gen, fast);
        }
    }
}
