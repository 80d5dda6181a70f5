package io.jtrace.analyzer.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ParquetWriter's files read back by DuckDB's own Parquet reader: every type, nulls, several row groups. */
class ParquetWriterTest {
    static final List<ParquetWriter.Column> COLUMNS = List.of(
            new ParquetWriter.Column("n", ParquetWriter.Type.INT64),
            new ParquetWriter.Column("x", ParquetWriter.Type.DOUBLE),
            new ParquetWriter.Column("ok", ParquetWriter.Type.BOOLEAN),
            new ParquetWriter.Column("s", ParquetWriter.Type.STRING),
            new ParquetWriter.Column("j", ParquetWriter.Type.JSON));

    @TempDir
    Path tmp;

    @Test
    void duckdbReadsEveryValueBack() throws Exception {
        Path file = tmp.resolve("t.parquet");
        int rows = ParquetWriter.ROWS * 2 + 1234;   // three row groups
        try (OutputStream out = Files.newOutputStream(file); ParquetWriter w = new ParquetWriter(out, COLUMNS)) {
            for (int i = 0; i < rows; i++) {
                w.write(row(i));
            }
        }
        List<List<Object>> back = query("SELECT n, x, ok, s, CAST(j AS VARCHAR) FROM read_parquet('" + file + "')");
        assertEquals(rows, back.size());
        for (int i = 0; i < rows; i++) {
            Object[] r = row(i);
            List<Object> expected = Arrays.asList(r[1], r[3], r[5], r[7], r[9] == null ? null : json(r[9]));
            assertEquals(expected, back.get(i), "row " + i);
        }
        assertEquals(List.of(List.of("n", "BIGINT"), List.of("x", "DOUBLE"), List.of("ok", "BOOLEAN"),
                List.of("s", "VARCHAR"), List.of("j", "JSON")),
                query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('" + file + "'))"));
    }

    @Test
    void anEmptyFileHasTheColumnsAndNoRows() throws Exception {
        Path file = tmp.resolve("empty.parquet");
        try (OutputStream out = Files.newOutputStream(file); ParquetWriter w = new ParquetWriter(out, COLUMNS)) {
            // no rows
        }
        assertEquals(List.of(List.of(0L)), query("SELECT count(*) FROM read_parquet('" + file + "')"));
    }

    /** Row i: values that vary, nulls in every column now and then, text that needs UTF-8 and escaping. */
    static Object[] row(int i) {
        return new Object[] {
            "n", i % 7 == 0 ? null : (long) i * 1_000_003L - 5_000_000_000L,
            "x", i % 11 == 0 ? null : i / 3.0,
            "ok", i % 5 == 0 ? null : i % 3 == 0,
            "s", i % 13 == 0 ? null : "exchange " + i + (i % 2 == 0 ? " café \"q\"" : ""),
            "j", i % 17 == 0 ? null : i % 2 == 0 ? List.of("a\n" + i, i) : Map.of("k", i)};
    }

    static String json(Object v) {
        LineBuffer b = new LineBuffer();
        JsonWriter.value(b, v);
        return b.toString();
    }

    static List<List<Object>> query(String sql) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(r.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
