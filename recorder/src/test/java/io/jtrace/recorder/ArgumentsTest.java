package io.jtrace.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jtrace.recorder.trace.Ptraces;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launched command gets its arguments exactly as typed. */
class ArgumentsTest {
    @TempDir
    Path dir;

    /** picocli would replace an argument {@code @FILE} by FILE's words (curl's {@code --data-binary @body}). */
    @Test
    void anArgumentNamingAFileWithAtIsPassedAsTyped() throws Exception {
        Ptraces.require(dir);
        Path body = Files.writeString(dir.resolve("body"), "two words");
        int status = RecordCommand.execute("-q", "-w", dir.resolve("at.jtr").toString(), "--", "sh", "-c",
                "test \"$#\" = 1 && test \"$1\" = \"@" + body + "\"", "sh", "@" + body);
        assertEquals(0, status, "the command saw other arguments");
    }
}
