package org.bridge.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the house rules of ../shared/design/ARCHITECTURE.md true: data flows one way,
 * ui, cli -> experiment -> distill, eval, teacher, degrade -> data; only ui touches JavaFX and ui
 * never touches ND4J/DL4J directly.
 */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                // Production code only, whatever the build folder is called (-Dbridge.buildDir).
                .withImportOption(location -> !location.contains("/test-classes/"))
                .importPackages("org.bridge");
    }

    @Test
    void onlyTheUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("org.bridge.ui..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(classes);
    }

    @Test
    void theUiNeverCallsNd4jOrDl4jDirectly() {
        noClasses().that().resideInAPackage("org.bridge.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.deeplearning4j..")
                .check(classes);
    }

    @Test
    void dataDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("org.bridge.data..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bridge.degrade..", "org.bridge.teacher..",
                        "org.bridge.distill..", "org.bridge.eval..", "org.bridge.experiment..", "org.bridge.cli..",
                        "org.bridge.ui..", "org.bridge.nd..")
                .check(classes);
    }

    @Test
    void featurePackagesDoNotReachUpward() {
        noClasses().that().resideInAnyPackage("org.bridge.degrade..", "org.bridge.teacher..", "org.bridge.eval..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bridge.distill..", "org.bridge.experiment..",
                        "org.bridge.cli..", "org.bridge.ui..")
                .check(classes);
        noClasses().that().resideInAPackage("org.bridge.distill..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bridge.experiment..", "org.bridge.cli..",
                        "org.bridge.ui..")
                .check(classes);
        noClasses().that().resideInAPackage("org.bridge.experiment..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bridge.cli..", "org.bridge.ui..")
                .check(classes);
    }

    @Test
    void onlyTheCliUsesTheBenchmark() {
        noClasses().that().resideOutsideOfPackages("org.bridge.bench..", "org.bridge.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.bridge.bench..")
                .check(classes);
        noClasses().that().resideInAPackage("org.bridge.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bridge.cli..", "org.bridge.ui..",
                        "org.bridge.experiment..")
                .check(classes);
    }

    @Test
    void theUiAndTheCliDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("org.bridge.ui..")
                .should().dependOnClassesThat().resideInAPackage("org.bridge.cli..")
                .check(classes);
    }

    /** cli -> cluster -> experiment: the cluster runs cells through the experiment layer, and only it uses Spark. */
    @Test
    void onlyTheClusterPackageUsesSparkAndOnlyTheCliUsesIt() {
        noClasses().that().resideOutsideOfPackage("org.bridge.cluster..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.spark..")
                .check(classes);
        noClasses().that().resideOutsideOfPackages("org.bridge.cluster..", "org.bridge.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.bridge.cluster..")
                .check(classes);
        noClasses().that().resideInAPackage("org.bridge.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bridge.cli..", "org.bridge.ui..")
                .check(classes);
    }
}
