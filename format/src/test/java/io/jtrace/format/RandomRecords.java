package io.jtrace.format;

import com.google.protobuf.ByteString;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.CaptureOptions;
import io.jtrace.format.proto.Exec;
import io.jtrace.format.proto.Exit;
import io.jtrace.format.proto.Fd;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Loss;
import io.jtrace.format.proto.NetInterface;
import io.jtrace.format.proto.ProcessInfo;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Signal;
import io.jtrace.format.proto.Socket;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.proto.TaskName;
import io.jtrace.format.proto.TaskPids;
import io.jtrace.format.proto.TaskStart;
import io.jtrace.format.proto.ThreadInfo;
import io.jtrace.format.proto.Trailer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic pseudo-random records of every kind, shaped like what a recorder of a JVM HTTP
 * service writes: mostly small syscalls, some carrying HTTP text. Used by tests, the golden-trace
 * generator and the format benchmark.
 */
public final class RandomRecords {
    private static final String[] PATHS = {"/api/orders", "/api/users/42", "/health", "/v1/upload?id=7"};
    private final SplittableRandom random;
    private long time;

    public RandomRecords(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public static Header header() {
        return Header.newBuilder()
                .setRecorderVersion("test")
                .setRunId(ByteString.copyFrom(new byte[] {0x6a, 0x74, 0x72, 0x61, 0x63, 0x65, 0x2d, 0x72,
                        0x75, 0x6e, 0x2d, 0x69, 0x64, 0x2d, 0x31, 0x36}))
                .setHost("testhost")
                .setKernel("6.1.0-test")
                .setArch("x86_64")
                .setPageSize(4096)
                .setStartWallNs(1_795_000_000_000_000_000L)
                .setStartMonotonicNs(123_456_789_000L)
                .addCommandLine("jtrace-record").addCommandLine("-p").addCommandLine("3314")
                .setOptions(CaptureOptions.newBuilder().setSnaplen(65536).addSyscalls(0).addSyscalls(1).addSyscalls(44))
                .addProcesses(ProcessInfo.newBuilder().setPid(3314).setPpid(1).setUid(1000).setGid(1000)
                        .setExe("/usr/lib/jvm/java-17-openjdk-amd64/bin/java").setComm("java").setCwd("/srv/app")
                        .addCmdline("java").addCmdline("-jar").addCmdline("service.jar")
                        .addThreads(ThreadInfo.newBuilder().setTid(3314).setComm("java"))
                        .addThreads(ThreadInfo.newBuilder().setTid(3320).setComm("http-nio-8080"))
                        .addFds(Fd.newBuilder().setFd(1).setTarget("/var/log/app.log").setKind(Fd.Kind.FILE))
                        .addFds(Fd.newBuilder().setFd(57).setTarget("socket:[98765]").setKind(Fd.Kind.SOCKET)
                                .setSocket(Socket.newBuilder().setInode(98765).setFamily(2).setType(1).setProtocol(6)
                                        .setLocalAddr(ByteString.copyFrom(new byte[] {127, 0, 0, 1})).setLocalPort(41234)
                                        .setPeerAddr(ByteString.copyFrom(new byte[] {127, 0, 0, 1})).setPeerPort(8080)
                                        .setState(1)))
                        .addFds(Fd.newBuilder().setFd(60).setTarget("socket:[98800]").setKind(Fd.Kind.SOCKET)
                                .setSocket(Socket.newBuilder().setInode(98800).setFamily(1).setType(1)
                                        .setPath("/run/app.sock").setPeerInode(98801))))
                .addInterfaces(NetInterface.newBuilder().setIndex(1).setName("lo"))
                .addInterfaces(NetInterface.newBuilder().setIndex(2).setName("eth0"))
                .build();
    }

    /** One record of a random kind with its time; about one in ten is not a syscall. */
    public TraceEvent next() {
        time += random.nextLong(200, 50_000);
        int pick = random.nextInt(100);
        Record.Builder r = Record.newBuilder();
        if (pick < 90) {
            r.setSyscall(syscall(random.nextInt(100) < 20));
        } else if (pick < 91) {
            r.setTaskStart(TaskStart.newBuilder().setTid(tid()).setPid(3314).setParentTid(3314)
                    .setCloneFlags(0x3d0f00).setNewProcess(random.nextBoolean()));
        } else if (pick < 92) {
            // a task of another pid namespace (format 1.4): its ids from the recorder's namespace down
            int tid = tid();
            r.setTaskPids(TaskPids.newBuilder().setTid(tid).setPid(3314).setPidNs(4026532600L).addTids(tid)
                    .addTids(tid - 3300).addTgids(3314).addTgids(14).addPgids(3314).addPgids(14).addSids(0).addSids(1));
        } else if (pick < 93) {
            r.setTaskName(TaskName.newBuilder().setTid(tid()).setPid(3314).setComm("client-" + random.nextInt(40)));
        } else if (pick < 95) {
            r.setExec(Exec.newBuilder().setTid(3400).setPid(3400).setExe("/bin/sh").addArgv("sh").addArgv("-c")
                    .addArgv("true").setComm("sh"));
        } else if (pick < 97) {
            r.setExit(Exit.newBuilder().setTid(tid()).setPid(3314).setStatus(random.nextInt(3))
                    .setSignal(random.nextBoolean() ? 0 : 9));
        } else if (pick < 99) {
            r.setSignal(Signal.newBuilder().setTid(tid()).setPid(3314).setSigno(17)
                    .setSiginfo(ByteString.copyFrom(bytes(random.nextInt(1, 48)))));
        } else {
            r.setLoss(Loss.newBuilder().setReason(Loss.Reason.QUEUE_FULL).setTid(tid())
                    .setRecords(random.nextInt(1, 1000)).setBytes(random.nextInt(1, 1 << 20)));
        }
        return new TraceEvent(r.build(), time, 0);
    }

    /**
     * A syscall record: small (close, fcntl, an epoll wait) or carrying 500-2000 bytes of HTTP text
     * (a write of a request, a read of a response).
     */
    public Syscall syscall(boolean withPayload) {
        Syscall.Builder s = Syscall.newBuilder().setTid(tid()).setPid(3314)
                .setDurationNs(random.nextLong(1_000, 200_000));
        if (withPayload) {
            byte[] http = httpText(random.nextInt(500, 2001));
            boolean write = random.nextBoolean();
            long addr = 0x7f3a_0000_0000L + random.nextLong(1L << 32);
            s.setNr(write ? 1 : 0).addArgs(57).addArgs(addr).addArgs(write ? http.length : 8192).setRet(http.length)
                    .addBuffers(Buffer.newBuilder().setArg(1).setAtExit(!write).setAddress(addr)
                            .setLength(http.length).setData(ByteString.copyFrom(http)));
        } else {
            switch (random.nextInt(5)) {
                case 0 -> s.setNr(3).addArgs(random.nextInt(3, 200)).setRet(0);
                case 1 -> s.setNr(72).addArgs(57).addArgs(3).setRet(2);
                // since 1.2: an accept with the state the recorder probed of its new fd
                case 2 -> s.setNr(43).addArgs(57).setRet(58).addFds(Fd.newBuilder().setFd(58)
                        .setTarget("socket:[98770]").setKind(Fd.Kind.SOCKET).setMode(0140000)
                        .setSocket(Socket.newBuilder().setInode(98770).setFamily(2).setType(1).setProtocol(6)
                                .setLocalAddr(ByteString.copyFrom(new byte[] {127, 0, 0, 1})).setLocalPort(8080)
                                .setPeerAddr(ByteString.copyFrom(new byte[] {127, 0, 0, 1})).setPeerPort(41300)));
                case 3 -> s.setNr(232).addArgs(9).addArgs(0x7f3a_1000_0000L + random.nextInt(1 << 20))
                        .addArgs(1024).addArgs(random.nextInt(-1, 5000)).setRet(random.nextInt(0, 4));
                default -> s.setNr(0).addArgs(57).addArgs(0x7f3a_2000_0000L).addArgs(8192).setRet(-11);
            }
        }
        return s.build();
    }

    public Trailer trailer(List<TraceEvent> events) {
        Trailer.Builder t = Trailer.newBuilder().setEndWallNs(1_795_000_100_000_000_000L).setStopReason("SIGINT");
        for (TraceEvent e : events) {
            switch (e.kind()) {
                case SYSCALL -> {
                    t.setSyscalls(t.getSyscalls() + 1);
                    for (var b : e.record().getSyscall().getBuffersList()) {
                        t.setCapturedBytes(t.getCapturedBytes() + b.getData().size());
                    }
                }
                case TASK_START -> t.setTaskStarts(t.getTaskStarts() + 1);
                case TASK_NAME -> t.setTaskNames(t.getTaskNames() + 1);
                case TASK_PIDS -> t.setTaskPids(t.getTaskPids() + 1);
                case EXEC -> t.setExecs(t.getExecs() + 1);
                case EXIT -> t.setExits(t.getExits() + 1);
                case SIGNAL -> t.setSignals(t.getSignals() + 1);
                case LOSS -> t.setLosses(t.getLosses() + 1).setLostRecords(t.getLostRecords() + e.record().getLoss().getRecords());
                default -> { }
            }
        }
        return t.build();
    }

    public List<TraceEvent> events(int n) {
        List<TraceEvent> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(next());
        }
        return list;
    }

    public long time() {
        return time;
    }

    private int tid() {
        return 3314 + random.nextInt(40);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    private byte[] httpText(int size) {
        StringBuilder s = new StringBuilder(size + 64);
        s.append(random.nextBoolean() ? "POST " : "GET ").append(PATHS[random.nextInt(PATHS.length)])
                .append(" HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: Java-http-client/17.0.15\r\n")
                .append("Content-Type: application/json\r\nX-Request-Id: ").append(random.nextLong(1L << 48))
                .append("\r\nContent-Length: ").append(size).append("\r\n\r\n{\"items\":[");
        while (s.length() < size) {
            s.append("{\"id\":").append(random.nextInt(100_000)).append(",\"name\":\"item-")
                    .append(random.nextInt(1000)).append("\",\"qty\":").append(random.nextInt(10)).append("},");
        }
        s.setLength(size);
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

}
