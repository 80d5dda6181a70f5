package io.jtrace.analyzer.output;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records as a Parquet file, for SQL engines that read columns faster than JSON lines (DuckDB, Spark, ClickHouse):
 * the columns a view declares, all optional (nullable); row groups of at most {@link #ROWS} rows or
 * {@link #BYTES} bytes of values, so memory stays bounded; one data page per column chunk (format v1: definition
 * levels RLE, values PLAIN), compressed with zstd. Lists and maps go as JSON text in a column of logical type JSON.
 * Written front to back, so standard output works too.
 */
public final class ParquetWriter implements RecordWriter {
    static final int ROWS = 65536;
    static final int BYTES = 8 << 20;
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    /** A column's type: its physical type and, for text, its logical type. */
    public enum Type {
        INT64(2), DOUBLE(5), BOOLEAN(0), STRING(6), JSON(6);

        final int physical;

        Type(int physical) {
            this.physical = physical;
        }
    }

    /** One column: a field of the view's records. */
    public record Column(String name, Type type) {
    }

    private final Counting out;
    private final List<Column> columns;
    private final Map<String, Integer> index = new HashMap<>();
    private final Chunk[] chunks;
    private final Object[] row;
    private final List<byte[]> rowGroups = new ArrayList<>();
    private long rows;
    private int groupRows;
    private long buffered;

    public ParquetWriter(OutputStream out, List<Column> columns) {
        this.out = new Counting(out);
        this.columns = List.copyOf(columns);
        this.chunks = new Chunk[columns.size()];
        this.row = new Object[columns.size()];
        for (int i = 0; i < chunks.length; i++) {
            index.put(columns.get(i).name(), i);
            chunks[i] = new Chunk(columns.get(i).type());
        }
        try {
            this.out.write(MAGIC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where a {@code --parquet FILE} goes: a new file of mode 0600 (it holds what the trace held), or {@code stdout}
     * for {@code -}, left open by {@link OutputStream#close()}.
     */
    public static OutputStream target(Path file, OutputStream stdout) throws IOException {
        if (!file.toString().equals("-")) {
            return new java.io.BufferedOutputStream(io.jtrace.format.TraceWriter.openOwnerOnly(file), 1 << 16);
        }
        return new FilterOutputStream(stdout) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    /** One row; a field the view did not declare is a bug, a declared one left out is null. */
    @Override
    public void write(Object... fields) {
        java.util.Arrays.fill(row, null);
        for (int i = 0; i < fields.length; i += 2) {
            Integer c = index.get((String) fields[i]);
            if (c == null) {
                throw new IllegalArgumentException("no Parquet column " + fields[i]);
            }
            row[c] = fields[i + 1];
        }
        for (int i = 0; i < chunks.length; i++) {
            buffered += chunks[i].add(row[i]);
        }
        groupRows++;
        rows++;
        if (groupRows >= ROWS || buffered >= BYTES) {
            flushRowGroup();
        }
    }

    @Override
    public void close() {
        try {
            if (groupRows > 0) {
                flushRowGroup();
            }
            byte[] footer = footer();
            out.write(footer);
            out.write(new byte[] {(byte) footer.length, (byte) (footer.length >> 8), (byte) (footer.length >> 16),
                (byte) (footer.length >>> 24)});
            out.write(MAGIC);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flushRowGroup() {
        try {
            ThriftCompact group = new ThriftCompact().begin();
            group.list(1, ThriftCompact.STRUCT, chunks.length);
            long total = 0;
            for (int i = 0; i < chunks.length; i++) {
                Chunk c = chunks[i];
                long offset = out.count;
                byte[] body = c.page(groupRows);
                byte[] compressed = Zstd.compress(body, 3);
                byte[] header = new ThriftCompact().begin()
                        .i32(1, 0)   // DATA_PAGE
                        .i32(2, body.length)
                        .i32(3, compressed.length)
                        .struct(5).i32(1, groupRows).i32(2, 0).i32(3, 3).i32(4, 3).end()   // PLAIN; levels RLE
                        .end().toByteArray();
                out.write(header);
                out.write(compressed);
                total += header.length + body.length;
                group.begin().i64(2, offset)
                        .struct(3)
                        .i32(1, c.type.physical)
                        .list(2, ThriftCompact.I32, 2).i32Element(0).i32Element(3)   // PLAIN, RLE
                        .list(3, ThriftCompact.BINARY, 1).stringElement(columns.get(i).name())
                        .i32(4, 6)   // ZSTD
                        .i64(5, groupRows)
                        .i64(6, header.length + body.length)
                        .i64(7, header.length + compressed.length)
                        .i64(9, offset)
                        .end()
                        .end();
                c.clear();
            }
            group.i64(2, total).i64(3, groupRows).end();
            rowGroups.add(group.toByteArray());
            groupRows = 0;
            buffered = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] footer() {
        ThriftCompact meta = new ThriftCompact().begin().i32(1, 1);
        meta.list(2, ThriftCompact.STRUCT, columns.size() + 1);
        meta.begin().string(4, "schema").i32(5, columns.size()).end();
        for (Column c : columns) {
            meta.begin().i32(1, c.type().physical).i32(3, 1).string(4, c.name());   // OPTIONAL
            if (c.type() == Type.STRING) {
                meta.i32(6, 0).struct(10).struct(1).end().end();   // UTF8; logical STRING
            } else if (c.type() == Type.JSON) {
                meta.i32(6, 19).struct(10).struct(12).end().end();   // JSON; logical JSON
            }
            meta.end();
        }
        meta.i64(3, rows);
        meta.list(4, ThriftCompact.STRUCT, rowGroups.size());
        rowGroups.forEach(meta::raw);   // each a RowGroup struct, encoded when it was written
        return meta.string(6, "jtrace-analyze").end().toByteArray();
    }

    /** One column's values of the row group being filled: definition levels and PLAIN values. */
    private static final class Chunk {
        final Type type;
        final Bytes levels = new Bytes();
        final Bytes values = new Bytes();
        int bits;
        int bitCount;
        final LineBuffer json = new LineBuffer();

        Chunk(Type type) {
            this.type = type;
        }

        /** Adds a value (null: none); returns the bytes it took. */
        int add(Object v) {
            levels.write(v == null ? 0 : 1);
            if (v == null) {
                return 1;
            }
            int before = values.size();
            switch (type) {
                case INT64 -> values.longLE(((Number) v).longValue());
                case DOUBLE -> values.longLE(Double.doubleToLongBits(((Number) v).doubleValue()));
                case BOOLEAN -> {
                    if ((Boolean) v) {
                        bits |= 1 << bitCount;
                    }
                    if (++bitCount == 8) {
                        values.write(bits);
                        bits = 0;
                        bitCount = 0;
                    }
                }
                case STRING -> values.binary(v.toString().getBytes(StandardCharsets.UTF_8));
                case JSON -> {
                    json.clear();
                    JsonWriter.value(json, v);
                    values.binary(json.utf8());
                }
                default -> throw new IllegalStateException(type.toString());
            }
            return 1 + values.size() - before;
        }

        /** The page's bytes: the definition levels (length-prefixed RLE runs), then the values. */
        byte[] page(int rowCount) {
            if (bitCount > 0) {
                values.write(bits);
            }
            Bytes rle = new Bytes();
            byte[] l = levels.array();
            for (int i = 0; i < rowCount; ) {
                int run = i;
                while (run < rowCount && l[run] == l[i]) {
                    run++;
                }
                rle.varint((long) (run - i) << 1);
                rle.write(l[i]);
                i = run;
            }
            Bytes page = new Bytes();
            page.intLE(rle.size());
            page.write(rle.array(), 0, rle.size());
            page.write(values.array(), 0, values.size());
            return page.toByteArray();
        }

        void clear() {
            levels.reset();
            values.reset();
            bits = 0;
            bitCount = 0;
        }
    }

    /** A growable byte buffer with the little-endian writes PLAIN encoding needs. */
    private static final class Bytes extends ByteArrayOutputStream {
        byte[] array() {
            return buf;
        }

        void intLE(int v) {
            write(v);
            write(v >> 8);
            write(v >> 16);
            write(v >>> 24);
        }

        void longLE(long v) {
            for (int i = 0; i < 8; i++) {
                write((int) (v >>> 8 * i));
            }
        }

        void binary(byte[] b) {
            intLE(b.length);
            writeBytes(b);
        }

        void varint(long v) {
            while ((v & ~0x7fL) != 0) {
                write((int) (v & 0x7f) | 0x80);
                v >>>= 7;
            }
            write((int) v);
        }
    }

    /** The output with the bytes written so far: a page's offset in the file. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
