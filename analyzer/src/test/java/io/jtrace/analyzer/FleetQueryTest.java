package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "Many hosts" recipe, run as it stands: testdata/workload/HttpMixWorkload.java recorded twice for real,
 * each time under another host name (the recorder in a UTS namespace of its own), with a different number of
 * failing requests; the README's shell block exports the views' JSON (with this build's classes), its SQL block runs
 * in DuckDB (its JDBC driver), and the answers must equal what the two workloads counted: the 5xx responses per host
 * and URL, and the top peer's bytes per host. Then the same with Parquet.
 */
class FleetQueryTest {
    static final Map<String, Integer> HOSTS = Map.of("web-1", 4, "web-2", 7);   // host name -> --errors

    @TempDir
    Path tmp;

    @Test
    void readmeRecipeAnswersWhatTheWorkloadsCounted() throws Exception {
        LiveRecording.requireRecorder();
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/unshare")), "unshare is not installed");
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Path log = tmp.resolve("command.log");
        LiveRecording.compile("HttpMixWorkload.java", classes, log);
        Path traces = Files.createDirectories(tmp.resolve("traces"));
        Map<String, Map<String, Object>> summaries = new TreeMap<>();
        for (var host : HOSTS.entrySet()) {
            Path summary = tmp.resolve(host.getKey() + ".summary.json");
            // the header's host is the recorder's hostname: give it its own UTS namespace and name
            LiveRecording.run(List.of("unshare", "--uts", "sh", "-c",
                    "echo \"$0\" > /proc/sys/kernel/hostname && exec \"$@\"", host.getKey(),
                    LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q",
                    "-w", traces.resolve(host.getKey() + ".jtr").toString(), "--", "java", "-cp", classes.toString(),
                    "HttpMixWorkload", "--summary", summary.toString(), "--errors", host.getValue().toString()),
                    180, log);
            summaries.put(host.getKey(), Json.object(Files.readString(summary)));
        }

        String readme = Files.readString(LiveRecording.ROOT.resolve("README.md"));
        String section = section(readme, "## Many hosts");
        String shell = block(section, "sh");
        String sql = block(section, "sql");
        Path bin = analyzerOfThisBuild();
        run(List.of("bash", "-euo", "pipefail", "-c", "PATH=\"$0:$PATH\"; " + shell, bin.toString()), tmp);
        List<List<List<Object>>> answers = duckdb(sql, tmp);
        assertEquals(2, answers.size(), "the recipe's two queries");
        // the same with Parquet, as the README says: --parquet for --json, read_parquet for read_ndjson
        String parquetShell = shell.replace("mkdir -p json", "mkdir -p parquet")
                .replace("--json > \"json/", "--parquet \"parquet/").replace(".json\"", ".parquet\"");
        String parquetSql = sql.replace("read_ndjson('json/", "read_parquet('parquet/").replace(".json'", ".parquet'");
        assertTrue(!parquetShell.contains("json") && !parquetSql.contains("json"), parquetShell + parquetSql);
        run(List.of("bash", "-euo", "pipefail", "-c", "PATH=\"$0:$PATH\"; " + parquetShell, bin.toString()), tmp);
        assertEquals(answers, duckdb(parquetSql, tmp), "the answers from Parquet");

        Map<String, Map<String, Long>> expected5xx = new TreeMap<>();
        summaries.forEach((host, s) -> {
            for (Map<String, Object> x : HttpEndToEndTest.list(s.get("exchanges"))) {
                if (x.get("status") instanceof Long status && status >= 500) {
                    expected5xx.computeIfAbsent(host, h -> new TreeMap<>()).merge((String) x.get("url"), 1L, Long::sum);
                }
            }
        });
        assertEquals(Map.of("web-1", Map.of("/api/stock", 2L, "/api/pay", 2L),
                "web-2", Map.of("/api/stock", 3L, "/api/pay", 4L)), expected5xx, "what --errors makes the workload do");
        Map<String, Map<String, Long>> seen5xx = new TreeMap<>();
        for (List<Object> row : answers.get(0)) {
            seen5xx.computeIfAbsent((String) row.get(0), h -> new TreeMap<>()).put((String) row.get(1),
                    ((Number) row.get(2)).longValue());
        }
        assertEquals(expected5xx, seen5xx, "5xx responses per host and URL");

        // the top peer of each host is its server's IPv4 port, seen from the clients: what the server moved on it
        Map<String, List<List<Object>>> peers = new LinkedHashMap<>();
        for (List<Object> row : answers.get(1)) {
            peers.computeIfAbsent((String) row.get(0), h -> new ArrayList<>()).add(row);
        }
        assertEquals(summaries.keySet(), peers.keySet(), "a top list per host");
        summaries.forEach((host, s) -> {
            List<List<Object>> top = peers.get(host);
            assertTrue(top.size() <= 5, host + ": " + top);
            String port = s.get("port").toString();
            Map<?, ?> counted = (Map<?, ?>) ((Map<?, ?>) s.get("by_port")).get(port);
            long bytes = (Long) counted.get("read") + (Long) counted.get("written");
            assertTrue(((String) top.get(0).get(1)).endsWith(":" + port), host + ": " + top);
            assertEquals(bytes, ((Number) top.get(0).get(2)).longValue(), host + ": bytes to " + top.get(0).get(1));
            for (int i = 1; i < top.size(); i++) {
                assertTrue(((Number) top.get(i - 1).get(2)).longValue() >= ((Number) top.get(i).get(2)).longValue(),
                        host + ": by bytes, most first: " + top);
            }
        });
    }

    /**
     * A directory with a {@code jtrace-analyze} that runs the classes under test: the launcher in scripts/ runs the
     * module's jar, which the build packages only after these tests.
     */
    private Path analyzerOfThisBuild() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path command = bin.resolve("jtrace-analyze");
        String classpath = System.getProperty("java.class.path");
        assertTrue(!classpath.contains("'"), classpath);
        Files.writeString(command, "#!/bin/sh\nexec java -cp '" + classpath + "' " + AnalyzeCommand.class.getName()
                + " \"$@\"\n");
        assertTrue(command.toFile().setExecutable(true));
        return bin;
    }

    /** The text of a README section: from its heading to the next heading of the same level. */
    static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, heading + " in README.md");
        int end = markdown.indexOf("\n## ", start + heading.length() + 2);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    /** The one fenced code block of a language in a section. */
    static String block(String section, String language) {
        Matcher m = Pattern.compile("(?s)\n```" + language + "\n(.*?)\n```\n").matcher(section);
        assertTrue(m.find(), "a ```" + language + " block");
        String text = m.group(1);
        assertTrue(!m.find(), "one ```" + language + " block");
        return text;
    }

    /** Runs the SQL's statements in an in-memory DuckDB, relative paths from {@code dir}; each SELECT's rows. */
    static List<List<List<Object>>> duckdb(String sql, Path dir) throws Exception {
        List<List<List<Object>>> results = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET file_search_path = '" + dir.toString().replace("'", "''") + "'");
            for (String statement : sql.split(";\\s*(\n|$)")) {
                String text = String.join("\n", statement.lines().filter(l -> !l.startsWith("--")).toList()).trim();
                if (text.isEmpty()) {
                    continue;
                }
                if (!s.execute(text)) {
                    continue;
                }
                List<List<Object>> rows = new ArrayList<>();
                try (ResultSet r = s.getResultSet()) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int i = 1; i <= columns; i++) {
                            row.add(r.getObject(i));
                        }
                        rows.add(row);
                    }
                }
                results.add(rows);
            }
        }
        return results;
    }

    private static void run(List<String> command, Path dir) throws Exception {
        Path log = dir.resolve("recipe.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the README's shell block timed out: " + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), "the README's shell block: " + Files.readString(log));
    }
}
