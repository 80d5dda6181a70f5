package io.jtrace.dist;

import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A man(7) page for one command, written from its picocli model: NAME and DESCRIPTION from the
 * description, SYNOPSIS as --help prints it, OPTIONS, COMMANDS for a command with subcommands,
 * and EXAMPLES, EXIT STATUS and NOTES from the footer's paragraphs.
 */
final class ManPage {
    private final CommandSpec spec;
    private final String version;
    private final StringBuilder out = new StringBuilder();

    private ManPage(CommandSpec spec, String version) {
        this.spec = spec;
        this.version = version;
    }

    /** The troff source of {@code spec}'s page, {@code version} in its footer line. */
    static String of(CommandSpec spec, String version) {
        return new ManPage(spec, version).write();
    }

    /** "jtrace-analyze-http": the page's name, as git names its subcommands' pages. */
    static String name(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    private String write() {
        String name = name(spec);
        line(".TH " + escape(name.toUpperCase(Locale.ROOT)) + " 1 \"\" \"jtrace " + escape(version) + "\" \"jtrace manual\"");
        List<String> description = formatted(spec.usageMessage().description());
        section("NAME");
        text(escape(name) + " \\- " + escape(firstSentence(description)));
        section("SYNOPSIS");
        preformatted(synopsis());
        if (!description.isEmpty()) {
            section("DESCRIPTION");
            text(escape(String.join(" ", description)));
        }
        List<PositionalParamSpec> positionals = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!positionals.isEmpty()) {
            section("ARGUMENTS");
            for (PositionalParamSpec p : positionals) {
                item("\\fI" + escape(p.paramLabel()) + "\\fR" + (p.arity().max() > 1 ? "..." : ""), p.renderedDescription());
            }
        }
        section("OPTIONS");
        for (OptionSpec o : spec.options()) {
            if (!o.hidden()) {
                item(optionTerm(o), o.renderedDescription());
            }
        }
        List<CommandLine> subcommands = subcommands();
        if (!subcommands.isEmpty()) {
            section("COMMANDS");
            for (CommandLine sub : subcommands) {
                CommandSpec s = sub.getCommandSpec();
                List<String> d = formatted(s.usageMessage().description());
                item("\\fB" + escape(s.name()) + "\\fR", new String[] {firstSentence(d) + " See " + name(s) + "(1)."});
            }
        }
        footer();
        section("SEE ALSO");
        List<String> seeAlso = new ArrayList<>();
        if (spec.parent() != null) {
            seeAlso.add(name(spec.parent()));
        }
        subcommands.forEach(sub -> seeAlso.add(name(sub.getCommandSpec())));
        String tool = spec.root().name();
        seeAlso.add(tool.equals("jtrace-record") ? "jtrace-analyze" : "jtrace-record");
        seeAlso.add("strace");
        text(String.join(", ", seeAlso.stream().map(s -> "\\fB" + escape(s) + "\\fR(1)").toList()));
        return out.toString();
    }

    /** Subcommands under their own name (an alias maps to the same command again). */
    private List<CommandLine> subcommands() {
        List<CommandLine> subs = new ArrayList<>();
        spec.subcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name) && !sub.getCommandSpec().usageMessage().hidden()) {
                subs.add(sub);
            }
        });
        return subs;
    }

    private String synopsis() {
        CommandLine.Help help = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        return help.synopsis(0).replaceFirst("^Usage: ", "").stripTrailing();
    }

    private static String optionTerm(OptionSpec o) {
        List<String> names = new ArrayList<>();
        for (String n : o.names()) {
            names.add("\\fB" + escape(n) + "\\fR");
        }
        String term = String.join(", ", names);
        if (o.arity().max() > 0) {
            term += " \\fI" + escape(o.paramLabel()) + "\\fR";
        }
        return term;
    }

    /** Footer paragraphs: "Examples:" and "Exit status..." get their sections, others go to NOTES. */
    private void footer() {
        List<List<String>> paragraphs = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String l : formatted(spec.usageMessage().footer())) {
            if (l.isBlank()) {
                if (!current.isEmpty()) {
                    paragraphs.add(current);
                }
                current = new ArrayList<>();
            } else {
                current.add(l);
            }
        }
        if (!current.isEmpty()) {
            paragraphs.add(current);
        }
        List<List<String>> notes = new ArrayList<>();
        for (List<String> p : paragraphs) {
            if (p.get(0).strip().equals("Examples:")) {
                section("EXAMPLES");
                preformatted(String.join("\n", p.subList(1, p.size()).stream().map(String::strip).toList()));
            } else if (p.get(0).startsWith("Exit status")) {
                section("EXIT STATUS");
                text(escape(String.join(" ", p).replaceFirst("^Exit status:\\s*", "")));
            } else {
                notes.add(p);
            }
        }
        if (!notes.isEmpty()) {
            section("NOTES");
            for (List<String> p : notes) {
                line(".PP");
                text(escape(String.join(" ", p)));
            }
        }
    }

    private void item(String term, String[] description) {
        line(".TP");
        line(term);
        text(escape(String.join(" ", formatted(description))));
    }

    private void section(String name) {
        line(".SH " + name);
    }

    private void preformatted(String text) {
        line(".PP");
        line(".nf");
        line(".RS 4");
        text.lines().forEach(l -> line(escape(l)));
        line(".RE");
        line(".fi");
    }

    /** A line of text, already {@link #escape escaped}. */
    private void text(String escaped) {
        line(escaped);
    }

    private void line(String l) {
        out.append(l).append('\n');
    }

    /** What --help prints of these lines: picocli formats them (%% is %, %n a line break). */
    static List<String> formatted(String[] lines) {
        List<String> result = new ArrayList<>();
        for (String l : lines) {
            String f;
            try {
                f = String.format(Locale.ROOT, l);
            } catch (IllegalFormatException e) {
                f = l;
            }
            result.addAll(f.lines().toList());
            if (f.isEmpty()) {
                result.add("");
            }
        }
        return result;
    }

    /** NAME's one line: the description up to its first full stop or colon. */
    private static String firstSentence(List<String> description) {
        String all = String.join(" ", description.stream().map(String::strip).toList());
        int end = all.length();
        for (String stop : new String[] {". ", ": "}) {
            int i = all.indexOf(stop);
            if (i > 0 && i < end) {
                end = i;
            }
        }
        String first = all.substring(0, end);
        return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
    }

    /** troff text: backslashes doubled, hyphens as minus signs (so options can be searched and pasted). */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\e");
                case '-' -> b.append("\\-");
                default -> b.append(c);
            }
        }
        String r = b.toString();
        return r.startsWith(".") || r.startsWith("'") ? "\\&" + r : r;
    }
}
