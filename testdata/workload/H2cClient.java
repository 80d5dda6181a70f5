import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP/2 over cleartext from the JDK's own client (H2EndToEndTest): one request, which upgrades the connection
 * (Upgrade: h2c), then a batch of concurrent requests that share it as streams. With a gate file it says "ready"
 * after the first request and waits for the file before the batch (a recorder attaches in between). Writes what
 * the client itself saw, a JSON line per request: path, status, response body bytes, version.
 *
 * <p>Usage: {@code H2cClient BASE_URL SUMMARY [GATE]}
 */
public final class H2cClient {
    private static final String[] BATCH = {"/size/20000", "/size/10", "/status/404", "/status/503", "/echo",
        "/size/70000", "/size/0", "/status/201"};

    public static void main(String[] args) throws Exception {
        String base = args[0];
        Path summary = Path.of(args[1]);
        Path gate = args.length > 2 ? Path.of(args[2]) : null;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        List<String> lines = new ArrayList<>();
        lines.add(line("/size/100", client.send(get(base + "/size/100"), HttpResponse.BodyHandlers.ofByteArray())));
        if (gate != null) {
            System.out.println("ready");
            System.out.flush();
            for (int i = 0; i < 3000 && !Files.exists(gate); i++) {
                Thread.sleep(20);
            }
        }
        List<CompletableFuture<HttpResponse<byte[]>>> calls = new ArrayList<>();
        for (String path : BATCH) {
            HttpRequest r = path.equals("/echo")
                    ? HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofByteArray(
                            new byte[1234])).build()
                    : get(base + path);
            calls.add(client.sendAsync(r, HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (int i = 0; i < BATCH.length; i++) {
            lines.add(line(BATCH[i], calls.get(i).join()));
        }
        Files.write(summary, lines);
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET().build();
    }

    private static String line(String path, HttpResponse<byte[]> r) {
        return "{\"path\":\"" + path + "\",\"status\":" + r.statusCode() + ",\"bytes\":" + r.body().length
                + ",\"version\":\"" + r.version() + "\"}";
    }
}
