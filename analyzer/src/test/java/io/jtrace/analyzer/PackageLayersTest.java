package io.jtrace.analyzer;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The analyzer's packages in layers (ANALYZER.md, "Packages"), checked over the compiled classes: a
 * lower layer never uses a higher one, and no two packages use each other, so a cycle fails the build.
 */
class PackageLayersTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jtrace.analyzer");

    @Test
    void layers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("errors").definedBy("io.jtrace.analyzer.error..")
                .layer("output").definedBy("io.jtrace.analyzer.output..")
                .layer("trace").definedBy("io.jtrace.analyzer.trace..")
                .layer("filters").definedBy("io.jtrace.analyzer.filter..")
                .layer("views").definedBy("io.jtrace.analyzer.render..", "io.jtrace.analyzer.http..",
                        "io.jtrace.analyzer.fds..", "io.jtrace.analyzer.pcap..", "io.jtrace.analyzer.diff..",
                        "io.jtrace.analyzer.copy..", "io.jtrace.analyzer.summary..", "io.jtrace.analyzer.info..",
                        "io.jtrace.analyzer.print..")
                .layer("commands").definedBy("io.jtrace.analyzer")
                .whereLayer("commands").mayNotBeAccessedByAnyLayer()
                .whereLayer("views").mayOnlyBeAccessedByLayers("commands")
                .whereLayer("filters").mayOnlyBeAccessedByLayers("views", "commands")
                .whereLayer("trace").mayOnlyBeAccessedByLayers("filters", "views", "commands")
                .whereLayer("output").mayOnlyBeAccessedByLayers("trace", "filters", "views", "commands")
                .whereLayer("errors").mayOnlyBeAccessedByLayers("output", "trace", "filters", "views", "commands")
                .check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.jtrace.analyzer.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
