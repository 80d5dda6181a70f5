package io.jtrace.analyzer.filter;

import io.jtrace.analyzer.error.UsageException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --comm NAME}: a thread or process name, exact, or a shell glob when it holds {@code *},
 * {@code ?} or {@code [...]} (as pgrep and sysdig users expect). Names in a trace are the kernel's,
 * cut to 15 bytes ({@code http-nio-8080-exec-3} is {@code http-nio-8080-e} there), so a NAME that
 * needs more than 15 bytes selects the 15-byte names it begins with; {@link #cutWarning()} says so.
 */
final class CommPattern {
    /** TASK_COMM_LEN - 1: the bytes of a name the kernel keeps. */
    static final int COMM_BYTES = 15;

    private final String text;
    private final Pattern regex;
    private final boolean needsMore;
    private final boolean literal;

    private CommPattern(String text, Pattern regex, int minBytes, boolean literal) {
        this.text = text;
        this.regex = regex;
        this.needsMore = minBytes > COMM_BYTES;
        this.literal = literal;
    }

    static CommPattern of(String text) {
        StringBuilder re = new StringBuilder();
        int minBytes = 0;
        boolean literal = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*') {
                re.append(".*");
                literal = false;
            } else if (c == '?') {
                re.append('.');
                minBytes++;
                literal = false;
            } else if (c == '[' && text.indexOf(']', i + 2) > 0) {
                literal = false;
                int end = text.indexOf(']', i + 2); // "[]a]" holds ']': a class is never empty
                String set = text.substring(i + 1, end);
                boolean negate = set.startsWith("!") || set.startsWith("^");
                re.append('[').append(negate ? "^" : "");
                for (char s : (negate ? set.substring(1) : set).toCharArray()) {
                    re.append(s == '-' ? "-" : Character.isLetterOrDigit(s) ? String.valueOf(s) : "\\" + s);
                }
                re.append(']');
                minBytes++;
                i = end;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
                minBytes += String.valueOf(c).getBytes(StandardCharsets.UTF_8).length;
            }
        }
        try {
            return new CommPattern(text, Pattern.compile(re.toString(), Pattern.DOTALL), minBytes, literal);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new UsageException("bad --comm pattern '" + text + "': " + e.getDescription());
        }
    }

    /** Whether a name from the trace is this one, or, cut to 15 bytes, could have been. */
    boolean matches(String name) {
        Matcher m = regex.matcher(name);
        if (m.matches()) {
            return true;
        }
        // the whole 15 bytes were consumed while still matching: the cut name is a beginning of a match
        return needsMore && m.hitEnd() && name.getBytes(StandardCharsets.UTF_8).length == COMM_BYTES;
    }

    /** The warning for a NAME no name of the kernel's can equal, or null. */
    String cutWarning() {
        if (!needsMore) {
            return null;
        }
        String selects = literal ? "the threads named " + cut(text)
                : "the threads whose name, cut there, begins a match";
        return "--comm " + text + ": the kernel keeps " + COMM_BYTES + " bytes of a thread's name, so this selects "
                + selects;
    }

    /** The first 15 bytes of a name, as the kernel keeps it (a character cut in two is left out). */
    static String cut(String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(b.length, COMM_BYTES);
        while (n > 0 && n < b.length && (b[n] & 0xc0) == 0x80) {
            n--; // b[n] continues a character: leave that character out whole
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
