package io.jtrace.format;

/** The format version this library writes, and the newest major version it reads. */
public final class FormatVersion {
    /** Incremented when a change would make older readers misread a file. */
    public static final int MAJOR = 1;
    /** Incremented when fields or record kinds are added; older readers skip them. */
    public static final int MINOR = 6;
    /** The value of {@code Header.magic} in every trace. */
    public static final String MAGIC = "jtrace";

    private FormatVersion() {
    }

    /** "MAJOR.MINOR" of this library. */
    public static String current() {
        return MAJOR + "." + MINOR;
    }
}
