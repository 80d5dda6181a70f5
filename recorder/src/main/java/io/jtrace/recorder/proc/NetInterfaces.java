package io.jtrace.recorder.proc;

import io.jtrace.format.proto.NetInterface;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The network interfaces of the recorder's network namespace, by index, from /sys/class/net: what
 * strace's if_indextoname would name when it prints an interface index, kept in the header so the
 * analyzer names them the same wherever it runs.
 */
public final class NetInterfaces {
    private static final Path SYS_CLASS_NET = Path.of("/sys/class/net");

    private NetInterfaces() {
    }

    /** The interfaces in index order; none when /sys/class/net cannot be read. */
    public static List<NetInterface> read() {
        return read(SYS_CLASS_NET);
    }

    static List<NetInterface> read(Path dir) {
        List<NetInterface> found = new ArrayList<>();
        try (DirectoryStream<Path> names = Files.newDirectoryStream(dir)) {
            for (Path p : names) {
                try {
                    int index = Integer.parseInt(Files.readString(p.resolve("ifindex")).trim());
                    found.add(NetInterface.newBuilder().setIndex(index).setName(p.getFileName().toString()).build());
                } catch (IOException | NumberFormatException e) {
                    // an interface that went away while we listed them, or a stray entry
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        found.sort(Comparator.comparingInt(NetInterface::getIndex));
        return found;
    }
}
