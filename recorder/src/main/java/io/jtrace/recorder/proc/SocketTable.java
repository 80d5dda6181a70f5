package io.jtrace.recorder.proc;

import com.google.protobuf.ByteString;
import io.jtrace.format.proto.Socket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Socket endpoints by inode, read from a process's /proc/PID/net/{tcp,tcp6,udp,udp6,unix} (its
 * network namespace), so fds opened before the attach can be named.
 */
public final class SocketTable {
    private static final int AF_UNIX = 1;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    private final Map<Long, Socket> byInode = new HashMap<>();

    /** Reads the tables of {@code pid}; a table that cannot be read is simply absent. */
    public static SocketTable of(int pid) {
        Path net = Path.of("/proc", Integer.toString(pid), "net");
        SocketTable t = new SocketTable();
        t.readInet(net.resolve("tcp"), AF_INET, 1, 6);
        t.readInet(net.resolve("tcp6"), AF_INET6, 1, 6);
        t.readInet(net.resolve("udp"), AF_INET, 2, 17);
        t.readInet(net.resolve("udp6"), AF_INET6, 2, 17);
        t.readUnix(net.resolve("unix"));
        return t;
    }

    public Socket get(long inode) {
        return byInode.get(inode);
    }

    public int size() {
        return byInode.size();
    }

    private void readInet(Path file, int family, int type, int protocol) {
        for (String line : lines(file)) {
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !f[0].endsWith(":")) {
                continue;
            }
            try {
                String[] local = f[1].split(":");
                String[] peer = f[2].split(":");
                long inode = Long.parseLong(f[9]);
                if (inode == 0) {
                    continue; // TIME_WAIT and similar: no fd can refer to them
                }
                byInode.put(inode, Socket.newBuilder().setInode(inode).setFamily(family).setType(type)
                        .setProtocol(protocol)
                        .setLocalAddr(ByteString.copyFrom(address(local[0]))).setLocalPort(Integer.parseInt(local[1], 16))
                        .setPeerAddr(ByteString.copyFrom(address(peer[0]))).setPeerPort(Integer.parseInt(peer[1], 16))
                        .setState(Integer.parseInt(f[3], 16))
                        .build());
            } catch (RuntimeException malformed) {
                // a line this parser does not understand names no socket
            }
        }
    }

    /**
     * The kernel prints an address as 32-bit words in host byte order (little-endian here), each as
     * 8 hex digits; network order is the bytes of each word reversed.
     */
    static byte[] address(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int word = 0; word < b.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                b[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return b;
    }

    private void readUnix(Path file) {
        for (String line : lines(file)) {
            // Num RefCount Protocol Flags Type St Inode [Path]
            String[] f = line.trim().split("\\s+", 8);
            if (f.length < 7 || !f[0].endsWith(":")) {
                continue;
            }
            try {
                long inode = Long.parseLong(f[6]);
                Socket.Builder s = Socket.newBuilder().setInode(inode).setFamily(AF_UNIX)
                        .setType(Integer.parseInt(f[4], 16)).setState(Integer.parseInt(f[5], 16));
                if (f.length > 7) {
                    s.setPath(f[7]);
                }
                byInode.put(inode, s.build());
            } catch (RuntimeException malformed) {
                // skipped, as above
            }
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
