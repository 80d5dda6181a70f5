import io.jtrace.analyzer.output.ParquetWriter;
import io.jtrace.analyzer.output.RecordWriter;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fleet-scale data for scripts/bench-fleet: the exchanges of one real recording's {@code http --json}, copied over
 * and over with times, pids, fds, ports and latencies varied per copy, for HOSTS hosts, written through the
 * analyzer's own writers both as JSON lines ({@code RecordWriter.json}) and as Parquet ({@code ParquetWriter}):
 * DIR/json/http-web-N.json and DIR/parquet/http-web-N.parquet.
 *
 * <pre>java -cp ANALYZER_JAR:LIBS:DUCKDB_JDBC FleetData.java HTTP_JSON DIR HOSTS EXCHANGES</pre>
 *
 * HTTP_JSON holds exchanges only (no losses object), one per line, as the view printed them.
 */
public class FleetData {
    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        Path dir = Path.of(args[1]);
        int hosts = Integer.parseInt(args[2]);
        long exchanges = Long.parseLong(args[3]);
        List<String> names = new ArrayList<>();
        List<ParquetWriter.Column> columns = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        // the recording's exchanges, typed as DuckDB reads them (the oracle the benchmark loads them with)
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM read_ndjson('" + source + "')")) {
            ResultSetMetaData m = r.getMetaData();
            for (int i = 1; i <= m.getColumnCount(); i++) {
                names.add(m.getColumnName(i));
                String t = m.getColumnTypeName(i);   // DuckDB detects the times as timestamps: they are strings
                columns.add(new ParquetWriter.Column(m.getColumnName(i), t.equals("BIGINT") ? ParquetWriter.Type.INT64
                        : t.equals("BOOLEAN") ? ParquetWriter.Type.BOOLEAN : t.equals("DOUBLE") ? ParquetWriter.Type.DOUBLE
                        : t.endsWith("[]") || t.equals("JSON") ? ParquetWriter.Type.JSON : ParquetWriter.Type.STRING));
            }
            List<String> lines = Files.readAllLines(source);
            java.util.regex.Pattern time = java.util.regex.Pattern.compile("\"time\":\"([^\"]+)\"");
            while (r.next()) {
                Object[] row = new Object[names.size()];
                java.util.regex.Matcher t = time.matcher(lines.get(rows.size()));
                for (int i = 0; i < row.length; i++) {
                    Object v = names.get(i).equals("time") && t.find() ? t.group(1) : r.getObject(i + 1);
                    row[i] = v instanceof Array a ? Arrays.asList((Object[]) a.getArray()) : v;
                }
                rows.add(row);
            }
        }
        Files.createDirectories(dir.resolve("json"));
        Files.createDirectories(dir.resolve("parquet"));
        long perHost = exchanges / hosts;
        for (int h = 1; h <= hosts; h++) {
            String host = "web-" + h;
            try (PrintStream jsonOut = new PrintStream(new BufferedOutputStream(
                         Files.newOutputStream(dir.resolve("json/http-" + host + ".json")), 1 << 16), false,
                         StandardCharsets.UTF_8);
                 OutputStream parquetOut = new BufferedOutputStream(
                         Files.newOutputStream(dir.resolve("parquet/http-" + host + ".parquet")), 1 << 16);
                 RecordWriter json = RecordWriter.json(jsonOut);
                 ParquetWriter parquet = new ParquetWriter(parquetOut, columns)) {
                Object[] fields = new Object[2 * names.size()];
                for (long k = 0; k < perHost; k++) {
                    Object[] row = rows.get((int) (k % rows.size()));
                    long copy = k / rows.size();
                    for (int i = 0; i < row.length; i++) {
                        fields[2 * i] = names.get(i);
                        fields[2 * i + 1] = vary(names.get(i), row[i], copy, host);
                    }
                    json.write(fields);
                    parquet.write(fields);
                }
            }
        }
    }

    /** The field of the copy'th copy: another time, process, fd, port and latency each copy; the host's name. */
    static Object vary(String name, Object v, long copy, String host) {
        if (v == null) {
            return null;
        }
        return switch (name) {
            case "time" -> Instant.parse((String) v).plusNanos(copy * 48_611_000L).toString();
            case "pid", "tid" -> ((Number) v).longValue() + copy % 30000;
            case "fd" -> ((Number) v).longValue() + copy % 900;
            case "connection" -> v + "." + copy;
            case "local", "peer" -> port((String) v, copy);
            case "latency_us" -> ((Number) v).longValue() + copy * 7919 % 5000;
            case "trace_host" -> host;
            case "trace_file" -> host + ".jtr";
            default -> v;
        };
    }

    /** An endpoint's ephemeral port moved on by the copy (the server's listening port kept). */
    static String port(String endpoint, long copy) {
        int colon = endpoint.lastIndexOf(':');
        int port = Integer.parseInt(endpoint.substring(colon + 1));
        return port < 32768 ? endpoint : endpoint.substring(0, colon + 1) + (32768 + (port + copy) % 28000);
    }
}
