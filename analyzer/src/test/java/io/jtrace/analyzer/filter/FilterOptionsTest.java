package io.jtrace.analyzer.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** copy() and withoutGrep() carry every option, a field added later included, and leave the bound one as it was. */
class FilterOptionsTest {
    @Test
    void copyCarriesEveryOption() throws Exception {
        FilterOptions o = new FilterOptions();
        new CommandLine(o).parseArgs("--grep", "POST", "-i", "-e", "trace=%net", "-P", "/etc/hosts", "--pid", "1,2",
                "--tid", "3", "--fd", "4", "--comm", "java*", "--since", "1", "--until", "2", "--status", "failed",
                "-z", "-Z");
        FilterOptions copy = o.copy();
        FilterOptions none = new FilterOptions();
        for (Field f : FilterOptions.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                continue;
            }
            Object value = f.get(o);
            assertNotEquals(f.get(none), value, f.getName() + ": give it above, so that copy() is checked");
            assertEquals(value, f.get(copy), f.getName());
            if (value instanceof List<?>) {
                assertNotSame(value, f.get(copy), f.getName() + " shared");
            }
        }
        FilterOptions without = o.withoutGrep();
        assertNull(without.grep);
        assertEquals("POST", o.grep);
        without.expressions.clear();
        assertEquals(new ArrayList<>(List.of("trace=%net")), o.expressions);
    }
}
