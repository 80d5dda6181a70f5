package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jtrace.format.Codec;
import io.jtrace.format.TraceEvent;
import io.jtrace.format.TraceWriter;
import io.jtrace.format.proto.Loss;
import io.jtrace.format.proto.TaskPids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ANALYZER.md "JSON output" against what the views print: its tables (one per {@code <!-- json: NAME -->} marker)
 * are parsed, every view runs on real recordings (and a copy with a loss and a pid-namespace record added), and
 * every object must have exactly the documented fields with the documented types, its source's trace_host and
 * trace_file, and every table must describe some object.
 */
class JsonSchemaTest {
    static final Path REAL = Run.trace("http-all.jtr");

    @TempDir
    static Path dir;

    static Map<String, Map<String, Field>> schemas;
    static Path extra;

    /** One documented field: its JSON type, whether it may be null, whether it may be absent. */
    record Field(String name, String type, boolean nullable, boolean optional) {
    }

    @BeforeAll
    static void setUp() throws Exception {
        schemas = parse(Files.readString(LiveRecording.ROOT.resolve("ANALYZER.md")));
        // a real recording with the two record kinds it lacks added half-way: a loss and a task's pids
        Records real = Records.read(Run.trace("http-default.jtr"));
        extra = dir.resolve("extra.jtr");
        List<TraceEvent> events = real.events();
        try (TraceWriter w = TraceWriter.create(extra, Codec.ZSTD, real.header())) {
            for (int i = 0; i < events.size(); i++) {
                TraceEvent e = events.get(i);
                if (i == events.size() / 2) {
                    int pid = real.header().getProcesses(0).getPid();
                    w.write(e.timeNs(), Loss.newBuilder().setReason(Loss.Reason.QUEUE_FULL).setRecords(3).setBytes(99)
                            .build());
                    w.write(e.timeNs(), TaskPids.newBuilder().setTid(pid).setPid(pid).setPidNs(4026531836L)
                            .addTids(pid).addTids(1).addTgids(pid).addTgids(1).addPgids(pid).addPgids(1)
                            .addSids(pid).addSids(1).build());
                }
                w.write(e);
            }
        }
    }

    /** The tables after each {@code <!-- json: NAME -->} line: field, type, meaning. */
    static Map<String, Map<String, Field>> parse(String markdown) {
        Map<String, Map<String, Field>> tables = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^<!-- json: ([a-z_.]+) -->\n((?:\\|.*\n)+)").matcher(markdown);
        while (m.find()) {
            Map<String, Field> fields = new LinkedHashMap<>();
            List<String> rows = m.group(2).lines().toList();
            assertEquals("| field | type | meaning |", rows.get(0), m.group(1));
            for (String row : rows.subList(2, rows.size())) {
                String[] cells = row.split("\\|");
                assertEquals(4, cells.length, "three cells (no | inside): " + row);
                String name = cells[1].trim().replace("`", "");
                Matcher t = Pattern.compile("(string|integer|number|boolean|array|object)( or null)?(, optional)?")
                        .matcher(cells[2].trim());
                assertTrue(t.matches(), "the type of " + name + " in " + m.group(1) + ": " + cells[2]);
                Field f = new Field(name, t.group(1), t.group(2) != null, t.group(3) != null);
                assertTrue(fields.put(name, f) == null, "listed twice: " + name);
            }
            assertTrue(tables.put(m.group(1), fields) == null, "two tables named " + m.group(1));
        }
        assertFalse(tables.isEmpty(), "ANALYZER.md has JSON tables");
        return tables;
    }

    @Test
    void everyViewPrintsWhatAnalyzerMdDocuments() {
        Set<String> used = new TreeSet<>();
        String host = Records.read(REAL).header().getHost();
        for (Path trace : List.of(REAL, extra)) {
            for (List<String> options : List.of(List.<String>of(), List.of("--base64"))) {
                for (Map<String, Object> o : json(trace, null, options)) {
                    String type = (String) o.get("type");
                    check(o, used, "default", "default." + type);
                    for (Object b : (List<?>) o.getOrDefault("buffers", List.of())) {
                        check(map(b), used, "default.buffer");
                    }
                }
            }
            for (List<String> options : List.of(List.<String>of(), List.of("--full"), List.of("--full", "--base64"))) {
                for (Map<String, Object> o : json(trace, "http", options)) {
                    if ("losses".equals(o.get("type"))) {
                        check(o, used, "losses");
                    } else {
                        check(o, used, options.contains("--full") ? new String[] {"http", "http.full"}
                                : new String[] {"http"});
                    }
                }
            }
            for (String view : List.of("fds", "summary")) {
                for (Map<String, Object> o : json(trace, view, List.of())) {
                    check(o, used, "losses".equals(o.get("type")) ? "losses" : view);
                }
            }
            for (Map<String, Object> o : json(trace, "info", List.of())) {
                check(o, used, "info");
                for (Object p : (List<?>) o.get("processes")) {
                    check(map(p), used, "info.process");
                }
            }
        }
        // gRPC messages, raw and parsed with --proto: a recording of grpc_calls.py's Notes calls
        Path grpc = Run.trace("grpc-notes.jtr");
        String desc = Run.trace("grpc-notes.desc").toString();
        for (List<String> options : List.of(List.<String>of(), List.of("--full"), List.of("--full", "--base64"),
                List.of("--full", "--proto", desc))) {
            for (Map<String, Object> o : json(grpc, "http", options)) {
                check(o, used, options.contains("--full") ? new String[] {"http", "http.full"}
                        : new String[] {"http"});
                for (String key : List.of("grpc_requests", "grpc_responses")) {
                    assertEquals(options.contains("--full"), o.get(key) != null, key + " in " + o);
                    for (Object m : (List<?>) o.getOrDefault(key, List.of())) {
                        check(map(m), used, "http.grpc_message");
                        assertEquals(options.contains("--proto") && Boolean.TRUE.equals(map(m).get("complete")),
                                map(m).containsKey("type"), m.toString());
                    }
                }
            }
        }
        Run diff = Run.of("diff", "--json", Run.trace("http-default.jtr").toString(), REAL.toString());
        assertEquals(1, diff.status(), diff.show());
        for (String line : diff.lines()) {
            Map<String, Object> o = Json.object(line);
            check(o, used, "diff");
            assertEquals(host, o.get("a_host"));
            assertEquals(host, o.get("b_host"));
        }
        assertEquals(schemas.keySet(), used, "every documented object is printed by some view");
    }

    /** A view's objects; each names the trace's host and the file as given. */
    static List<Map<String, Object>> json(Path trace, String view, List<String> options) {
        List<String> args = new ArrayList<>();
        if (view != null) {
            args.add(view);
        }
        args.addAll(List.of("-r", trace.toString(), "--json"));
        args.addAll(options);
        Run run = Run.of(args.toArray(String[]::new));
        assertEquals(0, run.status(), run.show());
        List<Map<String, Object>> objects = run.lines().stream().map(Json::object).toList();
        assertFalse(objects.isEmpty(), args.toString());
        String host = Records.read(trace).header().getHost();
        for (Map<String, Object> o : objects) {
            assertEquals(host, o.get("trace_host"), args + ": " + o);
            assertEquals(trace.toString(), o.get("trace_file"), args + ": " + o);
        }
        return objects;
    }

    /** The object has the fields of the named tables, no other, each of its type. */
    static void check(Map<String, Object> o, Set<String> used, String... tables) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (String t : tables) {
            Map<String, Field> table = schemas.get(t);
            if (table == null) {
                fail("ANALYZER.md documents no " + t + " object: " + o);
            }
            fields.putAll(table);
            used.add(t);
        }
        Set<String> undocumented = new LinkedHashSet<>(o.keySet());
        undocumented.removeAll(fields.keySet());
        assertEquals(Set.of(), undocumented, "printed, not in ANALYZER.md's " + String.join(" + ", tables) + ": " + o);
        for (Field f : fields.values()) {
            if (!o.containsKey(f.name())) {
                assertTrue(f.optional(), "in ANALYZER.md's " + String.join(" + ", tables) + ", not printed: " + f.name()
                        + " in " + o);
                continue;
            }
            Object v = o.get(f.name());
            boolean ok = v == null ? f.nullable() : switch (f.type()) {
                case "string" -> v instanceof String;
                case "integer" -> v instanceof Long;
                case "number" -> v instanceof Number;
                case "boolean" -> v instanceof Boolean;
                case "array" -> v instanceof List;
                case "object" -> v instanceof Map;
                default -> false;
            };
            assertTrue(ok, f.name() + " is documented as " + f.type() + (f.nullable() ? " or null" : "") + ": " + v
                    + " in " + o);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
