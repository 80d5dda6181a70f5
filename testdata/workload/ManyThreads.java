import java.io.FileOutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * An idle JVM with many threads, for the recorder's attach benchmark (scripts/bench-recorder
 * --attach): N threads parked as a service's idle pool is, and one "ticker" thread writing one
 * byte to /dev/null every millisecond, so a recorder's first record follows its attach by at most
 * about a millisecond. Prints "ManyThreads: ready" on stdout once every thread runs; exits after
 * --seconds S (default 60).
 *
 * <pre>java -cp CLASSES ManyThreads [--threads N] [--seconds S]</pre>
 */
public class ManyThreads {
    public static void main(String[] args) throws Exception {
        int threads = intArg(args, "--threads", 300);
        int seconds = intArg(args, "--seconds", 60);
        CountDownLatch started = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                started.countDown();
                while (true) {
                    LockSupport.park();
                }
            }, "idle-" + i);
            t.setDaemon(true);
            t.start();
        }
        started.await();
        Thread ticker = new Thread(() -> {
            try (FileOutputStream out = new FileOutputStream("/dev/null")) {
                while (true) {
                    out.write('.');
                    Thread.sleep(1);
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, "ticker");
        ticker.setDaemon(true);
        ticker.start();
        System.out.println("ManyThreads: ready");
        System.out.flush();
        Thread.sleep(seconds * 1000L);
    }

    static int intArg(String[] args, String name, int def) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return def;
    }
}
