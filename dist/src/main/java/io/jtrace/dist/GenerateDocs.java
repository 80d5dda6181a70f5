package io.jtrace.dist;

import io.jtrace.analyzer.AnalyzeCommand;
import io.jtrace.recorder.RecordCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Run by the build (process-classes): writes OUT/man/man1/NAME.1 for each tool and each of its
 * subcommands, and OUT/completion/TOOL, bash completion by picocli's AutoComplete, from the same
 * picocli model that parses the command line, so neither can drift from --help.
 * usage: GenerateDocs OUT VERSION
 */
public final class GenerateDocs {
    private GenerateDocs() {
    }

    /** The two tools, each with its tree of subcommands. */
    static List<CommandLine> tools() {
        return List.of(new CommandLine(new RecordCommand()), AnalyzeCommand.commandLine());
    }

    /** A command and every command below it, depth first (aliases once). */
    static List<CommandLine> tree(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        root.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) {
                all.addAll(tree(sub));
            }
        });
        return all;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: GenerateDocs OUT-DIR VERSION");
        }
        Path out = Path.of(args[0]);
        Path man = Files.createDirectories(out.resolve("man/man1"));
        Path completion = Files.createDirectories(out.resolve("completion"));
        for (CommandLine tool : tools()) {
            for (CommandLine c : tree(tool)) {
                Files.writeString(man.resolve(ManPage.name(c.getCommandSpec()) + ".1"),
                        ManPage.of(c.getCommandSpec(), args[1]), StandardCharsets.UTF_8);
            }
            String name = tool.getCommandName();
            Files.writeString(completion.resolve(name), AutoComplete.bash(name, tool), StandardCharsets.UTF_8);
        }
    }
}
