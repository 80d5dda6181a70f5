import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes 100 MB to /dev/null three times, each in one write(2) (the JDK hands a large array to the kernel whole):
 * recorded with -s 0, its records are the largest a recorder keeps. MemoryLimitTest reads them in a 64 MiB heap.
 */
public final class BigWrites {
    public static void main(String[] args) throws IOException {
        byte[] block = new byte[100_000_000];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) ("GET / HTTP/1.1\r\n".charAt(i & 15));
        }
        try (OutputStream out = new FileOutputStream("/dev/null")) {
            for (int i = 0; i < 3; i++) {
                out.write(block);
            }
        }
    }
}
