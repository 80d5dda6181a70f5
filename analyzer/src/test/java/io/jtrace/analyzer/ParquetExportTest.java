package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code http --parquet} and {@code fds --parquet} on a real recording, read back by DuckDB's Parquet reader: the
 * same rows, columns and values as the view's --json (list and object fields as JSON text), and the usage errors.
 */
class ParquetExportTest {
    static final String TRACE = Run.trace("http-all.jtr").toString();

    @TempDir
    Path tmp;

    @Test
    void httpRowsAreTheJsonObjects() throws Exception {
        assertSame(List.of("http"), List.of());
        assertSame(List.of("http"), List.of("--full"));
    }

    /** HTTP/2 streams and gRPC calls: the stream, gRPC and trailer fields as columns, the messages as JSON. */
    @Test
    void grpcRowsAreTheJsonObjects() throws Exception {
        String grpc = Run.trace("grpc-notes.jtr").toString();
        assertSame(List.of("http"), List.of(), grpc);
        assertSame(List.of("http"), List.of("--full", "--proto", Run.trace("grpc-notes.desc").toString()), grpc);
    }

    @Test
    void fdsRowsAreTheJsonObjects() throws Exception {
        assertSame(List.of("fds"), List.of());
        assertSame(List.of("fds"), List.of("--sort", "bytes", "--top", "5"));
    }

    @Test
    void usageErrorsAndMode() throws Exception {
        Run both = Run.of("http", "-r", TRACE, "--json", "--parquet", tmp.resolve("x").toString());
        assertEquals(2, both.status(), both.show());
        assertEquals("jtrace-analyze: --parquet writes the exchanges as Parquet; it does not combine with --json\n",
                both.err());
        Run over = Run.of("fds", "-r", TRACE, "--parquet", TRACE);
        assertEquals(2, over.status(), over.show());
        assertEquals("jtrace-analyze: --parquet " + TRACE + " would overwrite the trace being read\n", over.err());
        Path out = tmp.resolve("x.parquet");
        Run ok = Run.of("http", "-r", TRACE, "--parquet", out.toString());
        assertEquals(0, ok.status(), ok.show());
        assertEquals("", ok.out(), "the file only");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    }

    private void assertSame(List<String> view, List<String> options) throws Exception {
        assertSame(view, options, TRACE);
    }

    private void assertSame(List<String> view, List<String> options, String trace) throws Exception {
        List<String> args = new ArrayList<>(view);
        args.addAll(List.of("-r", trace));
        args.addAll(options);
        List<String> json = new ArrayList<>(args);
        json.add("--json");
        Run j = Run.of(json.toArray(String[]::new));
        assertEquals(0, j.status(), j.show());
        List<Map<String, Object>> objects = j.lines().stream().map(Json::object).toList();
        assertFalse(objects.isEmpty());

        Path file = tmp.resolve(String.join("-", args).replace('/', '_') + ".parquet");
        List<String> parquet = new ArrayList<>(args);
        parquet.addAll(List.of("--parquet", file.toString()));
        Run p = Run.of(parquet.toArray(String[]::new));
        assertEquals(0, p.status(), p.show());
        List<Map<String, Object>> rows = read(file);
        assertEquals(objects.size(), rows.size(), args.toString());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> o = objects.get(i);
            Map<String, Object> r = rows.get(i);
            assertTrue(r.keySet().containsAll(o.keySet()), "every JSON field a column: " + o.keySet() + " " + r.keySet());
            for (var column : r.entrySet()) {
                assertEquals(o.get(column.getKey()), column.getValue(), args + " row " + i + " " + column.getKey());
            }
        }
    }

    /** The file's rows as DuckDB reads them; JSON columns parsed, so they compare with the JSON objects' values. */
    static List<Map<String, Object>> read(Path file) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM read_parquet('" + file + "')")) {
            ResultSetMetaData m = r.getMetaData();
            while (r.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= m.getColumnCount(); i++) {
                    Object v = r.getObject(i);
                    if (v != null && m.getColumnTypeName(i).equals("JSON")) {
                        v = Json.parse(v.toString());
                    } else if (v instanceof Integer n) {
                        v = n.longValue();
                    }
                    row.put(m.getColumnName(i), v);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
