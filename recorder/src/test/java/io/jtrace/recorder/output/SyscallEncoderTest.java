package io.jtrace.recorder.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.jtrace.format.Codec;
import io.jtrace.format.TraceWriter;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Loss;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.syscalls.SyscallTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import jnr.ffi.Pointer;
import org.junit.jupiter.api.Test;

/**
 * The raw path writes what the message path wrote: a syscall put in the ring as raw values and
 * encoded by the writer is byte for byte the generated message's serialization, in queue order.
 */
class SyscallEncoderTest {
    private static final SyscallTable TABLE = SyscallTable.forArch("x86_64");
    private final Random random = new Random(13);

    @Test
    void encodesAsTheGeneratedMessageDoes() throws IOException {
        // one thread here: a record that wraps needs room for itself and the pad before it
        RecordQueue queue = new RecordQueue(1 << 20, false);
        SyscallEncoder encoder = new SyscallEncoder(TABLE);
        for (int round = 0; round < 2000; round++) {
            Syscall expected = fill(queue);
            List<byte[]> got = new ArrayList<>();
            assertEquals(1, queue.take(consumer(encoder, got, new ArrayList<>()), 10));
            assertArrayEquals(expected.toByteArray(), got.get(0), expected.toString());
        }
    }

    @Test
    void aTraceWriterWritesTheEncodedSyscallAsItWritesTheMessage() throws IOException {
        Header header = Header.newBuilder().setHost("h").build();
        ByteArrayOutputStream viaMessage = new ByteArrayOutputStream();
        ByteArrayOutputStream viaBytes = new ByteArrayOutputStream();
        try (TraceWriter a = new TraceWriter(viaMessage, Codec.NONE, header);
             TraceWriter b = new TraceWriter(viaBytes, Codec.NONE, header)) {
            long time = 0;
            for (int i = 0; i < 500; i++) {
                Syscall s = fill(new RecordQueue(1 << 16, false));
                time += random.nextInt(3) == 0 ? 0 : random.nextInt(2_000_000) - 500_000;
                a.write(time, s);
                byte[] bytes = s.toByteArray();
                byte[] padded = new byte[bytes.length + 7];
                System.arraycopy(bytes, 0, padded, 3, bytes.length);
                b.writeSyscall(time, padded, 3, bytes.length);
            }
        }
        assertArrayEquals(viaMessage.toByteArray(), viaBytes.toByteArray());
    }

    @Test
    void recordsAndMessagesKeepTheirOrderAcrossTheRingsEnd() throws IOException {
        RecordQueue queue = new RecordQueue(1 << 12, false);
        SyscallEncoder encoder = new SyscallEncoder(TABLE);
        List<Object> expected = new ArrayList<>();
        List<Object> got = new ArrayList<>();
        for (int round = 0; round < 300; round++) {
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                if (random.nextInt(3) == 0) {
                    Loss loss = Loss.newBuilder().setRecords(round * 10 + i).build();
                    assertTrue(queue.put(round, loss));
                    expected.add(loss);
                } else {
                    expected.add(Arrays.toString(small(queue).toByteArray()));
                }
            }
            List<byte[]> bytes = new ArrayList<>();
            List<MessageLite> messages = new ArrayList<>();
            queue.take(new RecordQueue.Consumer() {
                @Override
                public void syscall(Pointer ring, int offset) {
                    encoder.encode(ring, offset);
                    got.add(Arrays.toString(Arrays.copyOf(encoder.bytes(), encoder.length())));
                }

                @Override
                public void message(long nanoTime, MessageLite message) {
                    got.add(message);
                }
            }, 100);
        }
        assertEquals(expected, got);
    }

    @Test
    void aRecordOfMostOfTheRingWaitsForTheWriterAndKeepsItsPlace() throws Exception {
        RecordQueue queue = new RecordQueue(1 << 12, false);
        int records = 500;
        Thread producer = new Thread(() -> {
            Random sizes = new Random(7);
            for (int i = 1; i <= records; i++) {
                RawSyscall r = new RawSyscall();
                r.clear();
                int n = sizes.nextInt(3500);
                r.buffer(1, 0, 0, false, 0x1000, n);
                r.fill(new byte[n], 0, n);
                r.header(i, 1, 1, new long[6], n, i, 1, false);
                if (!queue.put(r)) {
                    throw new AssertionError("dropped without --drop");
                }
            }
        });
        producer.start();
        SyscallEncoder encoder = new SyscallEncoder(TABLE);
        List<Integer> tids = new ArrayList<>();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (tids.size() < records && System.nanoTime() < deadline) {
            queue.take(new RecordQueue.Consumer() {
                @Override
                public void syscall(Pointer ring, int offset) {
                    encoder.encode(ring, offset);
                    tids.add(encoder.tid());
                }

                @Override
                public void message(long nanoTime, MessageLite message) {
                }
            }, 3);
        }
        producer.join(1000);
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= records; i++) {
            expected.add(i);
        }
        assertEquals(expected, tids);
    }

    @Test
    void anAbandonedQueueLetsAWaitingTracerGo() throws Exception {
        RecordQueue queue = new RecordQueue(1 << 12, false);
        RawSyscall r = new RawSyscall();
        r.clear();
        r.buffer(1, 0, 0, false, 0x1000, 3000);
        r.fill(new byte[3000], 0, 3000);
        r.header(1, 1, 1, new long[6], 3000, 1, 1, false);
        assertTrue(queue.put(r));
        Thread producer = new Thread(() -> queue.put(r));
        producer.start();
        producer.join(200);
        assertTrue(producer.isAlive(), "waits for room");
        queue.abandon();
        producer.join(5000);
        assertFalse(producer.isAlive());
        assertFalse(queue.put(r));
    }

    @Test
    void withDropAFullRingCountsTheRecordsItRefuses() {
        RecordQueue queue = new RecordQueue(1 << 12, true);
        int accepted = 0;
        for (int i = 0; i < 100; i++) {
            RawSyscall r = new RawSyscall();
            r.clear();
            r.buffer(1, 0, 0, false, 0x1000, 200);
            r.fill(new byte[200], 0, 200);
            r.header(1, 1, 1, new long[6], 200, i, 1, false);
            accepted += queue.put(r) ? 1 : 0;
        }
        long[] dropped = queue.takeDropped();
        assertEquals(100 - accepted, dropped[0]);
        assertTrue(dropped[1] > 0);
        assertFalse(queue.put(1, Loss.getDefaultInstance()));
    }

    private static RecordQueue.Consumer consumer(SyscallEncoder encoder, List<byte[]> syscalls, List<MessageLite> messages) {
        return new RecordQueue.Consumer() {
            @Override
            public void syscall(Pointer ring, int offset) {
                encoder.encode(ring, offset);
                syscalls.add(Arrays.copyOf(encoder.bytes(), encoder.length()));
            }

            @Override
            public void message(long nanoTime, MessageLite message) {
                messages.add(message);
            }
        };
    }

    /** A small write(2) record, queued. */
    private Syscall small(RecordQueue queue) {
        RawSyscall r = new RawSyscall();
        r.clear();
        byte[] data = new byte[random.nextInt(300)];
        random.nextBytes(data);
        r.buffer(1, 0, 0, false, 0x7f00, data.length);
        r.fill(data, 0, data.length);
        long[] args = {3, 0x7f00, data.length, 0, 0, 0};
        r.header(42, 40, 1, args, data.length, 5, 7, false);
        assertTrue(queue.put(r));
        return Syscall.newBuilder().setTid(42).setPid(40).setNr(1).addArgs(3).addArgs(0x7f00).addArgs(data.length)
                .setRet(data.length).setDurationNs(7)
                .addBuffers(Buffer.newBuilder().setArg(1).setAddress(0x7f00).setLength(data.length)
                        .setData(ByteString.copyFrom(data)))
                .build();
    }

    /** A random syscall, queued as raw values; returns the message the old path would have built. */
    private Syscall fill(RecordQueue queue) {
        RawSyscall r = new RawSyscall();
        r.clear();
        Syscall.Builder s = Syscall.newBuilder();
        int tid = pick(0, 1, 127, 128, 300_000, Integer.MAX_VALUE, -1);
        int pid = pick(0, 1, 4000, Integer.MIN_VALUE);
        int nr = random.nextInt(TABLE.size());
        long[] args = new long[6];
        for (int i = 0; i < 6; i++) {
            args[i] = random.nextInt(3) == 0 ? 0 : longValue();
        }
        boolean unfinished = random.nextInt(10) == 0;
        long ret = unfinished ? 0 : longValue();
        long duration = unfinished ? 0 : random.nextInt(4) == 0 ? 0 : Math.abs(longValue());
        boolean injected = !unfinished && random.nextInt(8) == 0; // -e inject= (format 1.3)
        s.setTid(tid).setPid(pid).setNr(nr).setRet(ret).setDurationNs(duration).setUnfinished(unfinished)
                .setInjected(injected);
        int last = TABLE.argCount(nr) - 1;
        while (last >= 0 && args[last] == 0) {
            last--;
        }
        for (int i = 0; i <= last; i++) {
            s.addArgs(args[i]);
        }
        int buffers = random.nextInt(5);
        for (int i = 0; i < buffers; i++) {
            Buffer.Builder b = Buffer.newBuilder().setArg(random.nextInt(6)).setPart(Buffer.Part.forNumber(random.nextInt(4)))
                    .setIndex(pick(0, 1, 1023)).setAtExit(random.nextBoolean()).setAddress(longValue())
                    .setLength(longValue());
            r.buffer(b.getArg(), b.getPart().getNumber(), b.getIndex(), b.getAtExit(), b.getAddress(), b.getLength());
            int message = pick(0, 0, 1, 1024); // sendmmsg/recvmmsg's message of a vector (format 1.4)
            if (message != 0) {
                b.setMessage(message);
                r.message(message);
            }
            switch (random.nextInt(3)) {
                case 0 -> {
                    b.setError(pick(14, 1, 0x7fffffff));
                    r.fail(b.getError());
                }
                case 1 -> {
                    byte[] data = new byte[pick(0, 1, 127, 128, 20_000)];
                    random.nextBytes(data);
                    b.setData(ByteString.copyFrom(data));
                    r.fill(data, 0, data.length);
                }
                default -> {
                }
            }
            s.addBuffers(b);
        }
        r.header(tid, pid, nr, args, ret, longValue(), duration, unfinished);
        if (injected) {
            r.injected();
        }
        assertTrue(queue.put(r));
        return s.build();
    }

    private long longValue() {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> random.nextInt(200) - 100;
            case 2 -> random.nextLong();
            case 3 -> Long.MIN_VALUE;
            case 4 -> 0x7fff_ffff_f000L + random.nextInt(4096);
            default -> random.nextInt(1 << 20);
        };
    }

    private int pick(int... values) {
        return values[random.nextInt(values.length)];
    }
}
