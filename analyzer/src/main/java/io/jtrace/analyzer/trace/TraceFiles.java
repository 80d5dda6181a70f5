package io.jtrace.analyzer.trace;

import io.jtrace.analyzer.error.UsageException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The files a view reads, from its inputs as the user gave them: a file, {@code -} (standard input), a
 * directory (its {@code .jtr} files, and those -C numbers as tcpdump does: {@code app.jtr1}, {@code app.jtr2}) or a
 * glob in the last name (quoted, so that we expand it: {@code '/var/tmp/app-*.jtr'}). A file named twice is read
 * once.
 */
public final class TraceFiles {
    /** A trace's name in a directory: {@code .jtr}, or {@code .jtrN} as -C names the files after the first. */
    private static final java.util.regex.Pattern TRACE_NAME = java.util.regex.Pattern.compile(".*\\.jtr[0-9]*");
    private TraceFiles() {
    }

    /** The files of {@code inputs}, in the order given (a directory's and a glob's sorted by name). */
    public static List<Path> expand(List<Path> inputs) throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        for (Path input : inputs) {
            if (TraceStream.isStdin(input)) {
                if (inputs.size() > 1) {
                    throw new UsageException("- (standard input) cannot be read with other traces");
                }
                return List.of(input);
            }
            if (Files.isDirectory(input)) {
                List<Path> found = list(input, "*.jtr*").stream()
                        .filter(p -> TRACE_NAME.matcher(p.getFileName().toString()).matches()).toList();
                if (found.isEmpty()) {
                    throw new FileSystemException(input.toString(), null, "a directory without .jtr files");
                }
                files.addAll(found);
            } else if (!Files.exists(input) && isGlob(input.getFileName())) {
                Path dir = input.getParent() == null ? Path.of(".") : input.getParent();
                if (isGlob(dir)) {
                    throw new UsageException(input + ": a pattern may only be in the file's name, not its directory");
                }
                List<Path> found = Files.isDirectory(dir) ? list(dir, input.getFileName().toString()) : List.of();
                if (found.isEmpty()) {
                    throw new NoSuchFileException(input.toString(), null, "no file matches");
                }
                files.addAll(input.getParent() == null ? found.stream().map(Path::getFileName).toList() : found);
            } else {
                files.add(input);
            }
        }
        return new ArrayList<>(files);
    }

    private static List<Path> list(Path dir, String glob) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob)) {
            for (Path p : entries) {
                if (Files.isRegularFile(p)) {
                    found.add(p);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad pattern '" + glob + "': " + e.getMessage());
        }
        found.sort(null);
        return found;
    }

    private static boolean isGlob(Path p) {
        if (p == null) {
            return false;
        }
        String s = p.toString();
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }
}
