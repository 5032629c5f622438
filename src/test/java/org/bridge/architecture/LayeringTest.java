package org.bridge.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the house rules of ../shared/design/ARCHITECTURE.md true: data flows one way,
 * ui, cli -> experiment -> distill, eval, teacher, degrade -> data, with nd and config shared
 * below; no package cycles anywhere; only ui touches JavaFX and ui never touches ND4J/DL4J.
 * Inside ui, the shell uses the tabs, the tabs use the shared parts, and all use ui.common.
 */
class LayeringTest {

    /** The one ui class the command line may use: {@code gui} opens the workbench through it. */
    static final String WORKBENCH_LAUNCHER = "org.bridge.ui.app.WorkbenchLauncher";

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

    /**
     * Each top-level package is a layer that uses only the layers listed for it. config is the
     * floor: data needs it for {@code UserFacingException} (bad input names the file), so config
     * uses nothing of ours. bench measures distill and teacher and only the CLI runs it; cluster
     * runs an experiment's cells as Spark tasks, for the CLI and the workbench. The four
     * feature packages in the middle do not use one another. A new top-level package fails here
     * until it is given a place.
     */
    @Test
    void packagesDependOnlyOnTheLayersBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Cli").definedBy("org.bridge.cli..")
                .layer("Ui").definedBy("org.bridge.ui..")
                .layer("Cluster").definedBy("org.bridge.cluster..")
                .layer("Experiment").definedBy("org.bridge.experiment..")
                .layer("Bench").definedBy("org.bridge.bench..")
                .layer("Distill").definedBy("org.bridge.distill..")
                .layer("Eval").definedBy("org.bridge.eval..")
                .layer("Teacher").definedBy("org.bridge.teacher..")
                .layer("Degrade").definedBy("org.bridge.degrade..")
                .layer("Data").definedBy("org.bridge.data..")
                .layer("Nd").definedBy("org.bridge.nd..")
                .layer("Config").definedBy("org.bridge.config..")

                .whereLayer("Cli").mayOnlyAccessLayers("Ui", "Cluster", "Experiment", "Bench",
                        "Distill", "Eval", "Teacher", "Degrade", "Data", "Nd", "Config")
                .whereLayer("Ui").mayOnlyAccessLayers("Cluster", "Experiment",
                        "Distill", "Eval", "Teacher", "Degrade", "Data", "Config")
                .whereLayer("Experiment").mayOnlyAccessLayers(
                        "Distill", "Eval", "Teacher", "Degrade", "Data", "Nd", "Config")
                .whereLayer("Cluster").mayOnlyAccessLayers("Experiment",
                        "Distill", "Eval", "Teacher", "Degrade", "Data", "Nd", "Config")
                .whereLayer("Bench").mayOnlyAccessLayers(
                        "Distill", "Eval", "Teacher", "Degrade", "Data", "Nd", "Config")
                .whereLayer("Distill").mayOnlyAccessLayers("Data", "Nd", "Config")
                .whereLayer("Eval").mayOnlyAccessLayers("Data", "Nd", "Config")
                .whereLayer("Teacher").mayOnlyAccessLayers("Data", "Nd", "Config")
                .whereLayer("Degrade").mayOnlyAccessLayers("Data", "Nd", "Config")
                .whereLayer("Data").mayOnlyAccessLayers("Config")
                .whereLayer("Nd").mayOnlyAccessLayers("Config")
                .whereLayer("Config").mayNotAccessAnyLayer()

                .ensureAllClassesAreContainedInArchitecture()
                .check(classes);
    }

    /** No two top-level packages import each other (a sub-package counts with its parent). */
    @Test
    void noPackageCycles() {
        slices().matching("org.bridge.(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * Inside ui, distill and experiment every sub-package is its own slice, and none may import
     * another that imports it back.
     */
    @Test
    void noCyclesBetweenSubPackages() {
        slices().matching("org.bridge.ui.(**)").should().beFreeOfCycles().check(classes);
        slices().matching("org.bridge.distill.(**)").should().beFreeOfCycles().check(classes);
        slices().matching("org.bridge.experiment.(**)").should().beFreeOfCycles().check(classes);
    }

    /** Every package of the code base as its own slice, at every depth: no two import each other. */
    @Test
    void noCyclesBetweenAnyTwoPackages() {
        slices().matching("org.(**)").should().beFreeOfCycles().check(classes);
    }

    /**
     * experiment's own package is the floor of its sub-packages: specs, run folders, listeners and
     * helpers, used by the runners (experiment.run), the report and the figures but using none of
     * them, so the package and its sub-packages cannot form a cycle either.
     */
    @Test
    void experimentsRootUsesNoneOfItsSubPackages() {
        noClasses().that().resideInAPackage("org.bridge.experiment")
                .should().dependOnClassesThat().resideInAnyPackage("org.bridge.experiment.run..",
                        "org.bridge.experiment.report..", "org.bridge.experiment.figures..")
                .check(classes);
    }

    /**
     * Inside experiment, reading results back is a layer of its own: the report tables and the
     * figures read run folders, and nothing that runs experiments (the root package, its stages in
     * experiment.run) depends on them; the figures draw what the report computes, never the reverse.
     */
    @Test
    void reportsAndFiguresSitAboveWhatRunsExperiments() {
        noClasses().that().resideInAPackage("org.bridge.experiment.run..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bridge.experiment.report..",
                        "org.bridge.experiment.figures..")
                .check(classes);
        noClasses().that().resideInAPackage("org.bridge.experiment.report..")
                .should().dependOnClassesThat().resideInAPackage("org.bridge.experiment.figures..")
                .check(classes);
    }

    /**
     * The command line reaches the workbench through one narrow entry point (paths and numbers in,
     * an exit status out), so no command depends on a window, a tab or JavaFX.
     */
    @Test
    void theCliOpensTheWorkbenchOnlyThroughItsLauncher() {
        noClasses().that().resideInAPackage("org.bridge.cli..")
                .should().dependOnClassesThat(resideInAPackage("org.bridge.ui..").and(not(name(WORKBENCH_LAUNCHER))))
                .check(classes);
    }

    /**
     * Inside ui: the shell (ui.app) uses the tabs; a tab uses the shared parts (charts, runs) and
     * ui.common but never another tab or the shell, so what one tab needs from another is handed
     * over by the shell through a type in ui.common. A new ui package fails here until it is placed.
     */
    @Test
    void tabsDoNotDependOnEachOtherOrOnTheShell() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Shell").definedBy("org.bridge.ui.app..")
                .layer("DegradationTab").definedBy("org.bridge.ui.degradation..")
                .layer("PairsTab").definedBy("org.bridge.ui.pairs..")
                .layer("ResultsTabs").definedBy("org.bridge.ui.results..")
                .layer("TrainingTab").definedBy("org.bridge.ui.training..")
                .layer("Charts").definedBy("org.bridge.ui.charts..")
                .layer("Runs").definedBy("org.bridge.ui.runs..")
                .layer("Common").definedBy("org.bridge.ui.common..")

                .whereLayer("Shell").mayNotBeAccessedByAnyLayer()
                .whereLayer("DegradationTab").mayOnlyAccessLayers("Charts", "Runs", "Common")
                .whereLayer("PairsTab").mayOnlyAccessLayers("Charts", "Runs", "Common")
                .whereLayer("ResultsTabs").mayOnlyAccessLayers("Charts", "Runs", "Common")
                .whereLayer("TrainingTab").mayOnlyAccessLayers("Charts", "Runs", "Common")
                .whereLayer("Charts").mayOnlyAccessLayers("Common")
                .whereLayer("Runs").mayOnlyAccessLayers("Common")
                .whereLayer("Common").mayNotAccessAnyLayer()

                // org.bridge.ui itself holds only its package-info.
                .ensureAllClassesAreContainedInArchitectureIgnoring("org.bridge.ui")
                .check(classes.that(resideInAPackage("org.bridge.ui..")));
    }

    /**
     * cli, ui -> cluster -> experiment: the cluster runs cells through the experiment layer, only it
     * uses Spark, and only the front ends (run --master, the workbench's Run queued) start it.
     */
    @Test
    void onlyTheClusterPackageUsesSparkAndOnlyTheFrontEndsUseIt() {
        noClasses().that().resideOutsideOfPackage("org.bridge.cluster..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.spark..")
                .check(classes);
        noClasses().that().resideOutsideOfPackages("org.bridge.cluster..", "org.bridge.cli..", "org.bridge.ui..")
                .should().dependOnClassesThat().resideInAPackage("org.bridge.cluster..")
                .check(classes);
        noClasses().that().resideInAPackage("org.bridge.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bridge.cli..", "org.bridge.ui..")
                .check(classes);
    }
}
