import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * For scripts/bench-fleet: runs each SQL statement given, in order, in one in-memory DuckDB (its JDBC driver),
 * printing each one's wall time and the first rows of the last.
 */
public class LoadTimer {
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (String sql : args) {
                long start = System.nanoTime();
                int rows = 0;
                if (s.execute(sql)) {
                    try (ResultSet r = s.getResultSet()) {
                        int columns = r.getMetaData().getColumnCount();
                        while (r.next()) {
                            if (rows++ < 4) {
                                StringBuilder b = new StringBuilder("  ");
                                for (int i = 1; i <= columns; i++) {
                                    b.append(r.getObject(i)).append(i < columns ? " | " : "");
                                }
                                System.out.println(b);
                            }
                        }
                    }
                }
                System.out.printf("%.2f s  %s%n", (System.nanoTime() - start) / 1e9, sql);
            }
        }
    }
}
