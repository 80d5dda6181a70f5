package io.jtrace.analyzer.error;

/**
 * A command line that cannot work: exit status 2, one line. In a package of its own, below every
 * other, so that the filters and views that find a bad option can say so without depending on the
 * commands.
 */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
