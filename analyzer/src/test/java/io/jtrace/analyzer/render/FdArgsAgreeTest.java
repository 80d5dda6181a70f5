package io.jtrace.analyzer.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jtrace.analyzer.trace.FdCalls;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * trace/FdCalls is the one table of which arguments are fds and which calls return one (the fd model, filters and
 * views go by it); the decoders print those arguments as fds (decorated by -y). They must agree, call by call.
 */
class FdArgsAgreeTest {
    @Test
    void theDecodersPrintAsFdsTheArgumentsFdCallsCallsFds() {
        List<String> disagree = new ArrayList<>();
        for (String name : Decoders.names()) {
            Decoders.Decoder d = Decoders.forName(name);
            List<Integer> printed = new ArrayList<>();
            for (int i = 0; i < d.args().length; i++) {
                if (d.args()[i].isFd()) {
                    printed.add(i);
                }
            }
            List<Integer> table = new ArrayList<>();
            for (int i : FdCalls.fdArgs(name)) {
                table.add(i);
            }
            // fcntl's F_DUPFD and F_DUPFD_CLOEXEC print their result as a new fd (Fcntl), its other commands do not
            boolean returns = d.ret() == Decoders.NEW_FD || d.ret() == Decoders.DUP_FD || name.equals("fcntl");
            boolean tableReturns = FdCalls.returnsFd(name, FdCalls.F_DUPFD);
            if (!printed.equals(table) || returns != tableReturns) {
                disagree.add(name + ": decoder " + printed + (returns ? "+" : "") + ", FdCalls " + table
                        + (tableReturns ? "+" : ""));
            }
        }
        assertEquals(List.of(), disagree);
    }
}
