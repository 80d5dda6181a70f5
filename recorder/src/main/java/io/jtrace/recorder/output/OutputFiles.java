package io.jtrace.recorder.output;

import io.jtrace.format.TraceWriter;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Names, opens, hands over and prunes the output files. With -G the -w name is a strftime
 * pattern; a name already used in this run (two rotations in one second, or -C) gets a counter
 * appended as tcpdump does ({@code app.jtr}, {@code app.jtr1}, ...). With -W only the newest
 * files are kept.
 */
public final class OutputFiles {

    private final OutputPolicy policy;
    private final Deque<Path> written = new ArrayDeque<>();
    private final java.util.Set<Path> used = new java.util.HashSet<>();
    private int counter;
    private UserPrincipal user;
    private GroupPrincipal group;

    public OutputFiles(OutputPolicy policy) throws IOException {
        this.policy = policy;
        if (policy.owner() != null) {
            resolveOwner(policy.owner());
        }
    }

    private void resolveOwner(String owner) throws IOException {
        UserPrincipalLookupService lookup = Path.of("/").getFileSystem().getUserPrincipalLookupService();
        String[] parts = owner.split(":", 2);
        try {
            user = lookup.lookupPrincipalByName(parts[0]);
            if (parts.length > 1 && !parts[1].isEmpty()) {
                group = lookup.lookupPrincipalByGroupName(parts[1]);
            }
        } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
            throw new OutputException("-Z: no such user or group '" + e.getName() + "'", e);
        }
    }

    /** The next file; its path (null for stdout) is {@link #current()}. */
    public OutputChannel open(ZonedDateTime now) throws IOException {
        if (policy.toStdout()) {
            return new OutputChannel(new FileOutputStream(FileDescriptor.out).getChannel(), null, false);
        }
        Path path = nextPath(now);
        FileChannel channel;
        try {
            channel = TraceWriter.openOwnerOnlyChannel(path);
        } catch (IOException e) {
            throw new OutputException("cannot write " + path + ": " + reason(e), e);
        }
        // a device or FIFO (-w /dev/null) is written through: never chowned, never pruned
        boolean regular = Files.isRegularFile(path);
        if (regular && (user != null || group != null)) {
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            if (user != null) {
                view.setOwner(user);
            }
            if (group != null) {
                view.setGroup(group);
            }
        }
        if (regular) {
            written.addLast(path);
            prune();
        }
        return new OutputChannel(channel, path, regular);
    }

    /** The regular file being written, or null when writing to standard output, a device or a FIFO. */
    public Path current() {
        return written.peekLast();
    }

    /** Every file this run wrote and kept, oldest first. */
    public Deque<Path> files() {
        return written;
    }

    private Path nextPath(ZonedDateTime now) {
        String base = policy.rotateSeconds() > 0 ? Strftime.format(policy.path(), now) : policy.path();
        Path path = Path.of(base);
        while (used.contains(path)) {
            path = Path.of(base + (++counter));
        }
        used.add(path);
        return path;
    }

    private void prune() throws IOException {
        while (policy.maxFiles() > 0 && written.size() > policy.maxFiles()) {
            Files.deleteIfExists(written.removeFirst());
        }
    }

    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        } else if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        } else if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
