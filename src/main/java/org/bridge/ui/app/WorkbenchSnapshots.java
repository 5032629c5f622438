package org.bridge.ui.app;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import org.bridge.config.AtomicFiles;
import org.bridge.experiment.LoadedStudent;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.report.RunGroup;
import org.bridge.experiment.ScoredPair;
import org.bridge.ui.degradation.DegradationTabController;
import org.bridge.ui.results.IdentificationTabController;
import org.bridge.ui.results.RunsViewModel;
import org.bridge.ui.results.VerificationTabController;
import org.bridge.ui.runs.RunRow;
import org.bridge.ui.training.TrainingTabController;
import org.jfree.chart.JFreeChart;

/**
 * Screenshots of every tab of the open workbench with real content (issue 6), taken through the
 * workbench's own controls, as a user would: the finished runs with the best accuracy are
 * selected in the Results tab (so Verification and Identification overlay their curves), the
 * best one's recorded losses are shown in Training, one of its pairs is opened in Pairs, and its
 * student scores the first face of the open face set in Degradation. Each tab is written as
 * {@code <dir>/<tab>.png} ({@code scene.snapshot}) once its background loading has finished.
 *
 * <p>The sequence runs on its own daemon thread, which waits and polls; every look at or change
 * of the window hops onto the JavaFX thread, which is never blocked.
 */
public final class WorkbenchSnapshots {

    /** The tabs, in the order they are taken; the file names are these in lower case. */
    public static final List<String> TABS = List.of("Training", "Verification", "Identification", "Pairs",
            "Degradation", "Results");
    /** At most this many results rows are overlaid (more curves are unreadable). */
    public static final int MAX_ROWS = 8;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

    /** The files of a run the curve and pair tabs read; rows without them are not selected. */
    private static final List<String> CURVE_FILES = List.of(RunFolder.ROC, RunFolder.CMC, RunFolder.PAIR_SCORES);
    private static final long POLL_MILLIS = 250;
    /** After a tab is ready: time for the last layout and chart redraws before the picture. */
    private static final long SETTLE_MILLIS = 700;

    /**
     * @param dir     where the PNG files go (created)
     * @param filter  the Results tab's filter text choosing the rows to overlay; empty for all rows
     * @param timeout how long one tab may take to load
     */
    public record Options(Path dir, String filter, Duration timeout) {
        public Options {
            filter = filter == null ? "" : filter.trim();
        }
    }

    /** The files written, in tab order; {@code failure} names the tab that did not load (null when all did). */
    public record Outcome(List<Path> files, String failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    /** What a tab's check says: not yet, ready, or never (with why). */
    private record Check(boolean done, String problem) {
        static final Check WAIT = new Check(false, null);
        static final Check READY = new Check(true, null);

        static Check fail(String problem) {
            return new Check(true, problem);
        }
    }

    /** One step of a tab: something to do on the JavaFX thread, then a check polled until it is done. */
    private record Step(String waitingFor, Runnable act, Supplier<Check> check) {
    }

    private final Scene scene;
    private final MainWindowController main;
    private final Options options;
    private final Consumer<Path> written;
    private final Consumer<String> warnings;
    /** The rows overlaid, best accuracy first; set by the sequence before the first tab, read by the steps. */
    private volatile List<RunGroup> chosen = List.of();
    /** The run whose student the Degradation tab runs (the best chosen run with a model.zip), or null. */
    private volatile Path student;

    private WorkbenchSnapshots(Scene scene, Options options, Consumer<Path> written, Consumer<String> warnings) {
        this.scene = scene;
        this.main = MainWindowController.of(scene);
        if (main == null) {
            throw new IllegalArgumentException("not a workbench main window scene");
        }
        this.options = options;
        this.written = written;
        this.warnings = warnings;
    }

    /**
     * Starts taking the screenshots of the workbench window showing {@code scene}; call on any thread.
     *
     * @param written  told each file as it is written
     * @param warnings told what is shown but not as intended (e.g. a row whose curve could not be read)
     */
    public static CompletableFuture<Outcome> take(Scene scene, Options options, Consumer<Path> written,
                                                  Consumer<String> warnings) {
        WorkbenchSnapshots s = new WorkbenchSnapshots(scene, options, written, warnings);
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(s.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "workbench-snapshots");
        t.setDaemon(true);
        t.start();
        return result;
    }

    private Outcome run() throws Exception {
        Files.createDirectories(options.dir());
        List<Path> files = new ArrayList<>();
        String unread = chooseRows();
        if (unread != null) {
            return new Outcome(files, "Results tab: " + unread);
        }
        for (String tab : TABS) {
            long deadline = System.nanoTime() + options.timeout().toNanos();
            if (tab.equals("Degradation")) {
                student = chosen.stream().flatMap(g -> g.runs().stream()).map(r -> r.folder().dir())
                        .filter(LoadedStudent::hasModel).findFirst().orElse(null); // file look-ups: not on the FX thread
            }
            for (Step step : fx(() -> steps(tab))) {
                String problem = await(step, deadline);
                if (problem != null) {
                    String failure = tab + " tab: " + problem;
                    try {
                        Path picture = options.dir().resolve(fileName(tab).replace(".png", "-failed.png"));
                        write(picture);
                        failure += " (the window as it was: " + picture + ")";
                    } catch (Exception e) {
                        failure += " (no picture of it either: " + e + ")";
                    }
                    return new Outcome(files, failure);
                }
            }
            Thread.sleep(SETTLE_MILLIS);
            fx(() -> null); // one more pulse
            Path file = options.dir().resolve(fileName(tab));
            write(file);
            files.add(file);
            written.accept(file);
        }
        return new Outcome(files, null);
    }

    /** {@code training.png} etc. */
    public static String fileName(String tab) {
        return tab.toLowerCase(Locale.ROOT) + ".png";
    }

    /** Does the step, then polls its check; null when ready, else why not. */
    private String await(Step step, long deadline) throws Exception {
        if (step.act() != null) {
            fx(() -> {
                step.act().run();
                return null;
            });
        }
        while (true) {
            Check c = fx(step.check()::get);
            if (c.done()) {
                return c.problem();
            }
            if (System.nanoTime() > deadline) {
                return "still waiting for " + step.waitingFor() + " after " + options.timeout().toSeconds() + " s";
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    // ---- the tabs ----

    /** The steps of one tab; built on the JavaFX thread, which owns the nodes they look up. */
    private List<Step> steps(String tab) {
        return switch (tab) {
            case "Training" -> training();
            case "Verification" -> curves("Verification", "the ROC curves",
                    () -> VerificationTabController.of(content("Verification")).chart());
            case "Identification" -> curves("Identification", "the CMC curves",
                    () -> IdentificationTabController.of(content("Identification")).chart());
            case "Pairs" -> pairs();
            case "Degradation" -> degradation();
            case "Results" -> List.of(new Step("the selected results rows", () -> {
                select("Results");
                content("Results").lookup(".results-table").requestFocus(); // selected rows in the focus colour
            }, () -> {
                TableView<?> table = (TableView<?>) content("Results").lookup(".results-table");
                return table.getItems().isEmpty() || !table.getSelectionModel().getSelectedItems().isEmpty()
                        ? Check.READY : Check.WAIT;
            }));
            default -> throw new IllegalArgumentException(tab);
        };
    }

    /**
     * Waits for the runs folder to be read, applies the filter, and selects the rows with the best
     * accuracy whose runs have curves and pair scores; null when done, else why not.
     */
    private String chooseRows() throws Exception {
        RunsViewModel runs = main.runs();
        String problem = await(new Step("the runs folder to be read", null,
                () -> runs.snapshotProperty().get() != null && !runs.readingProperty().get()
                        ? Check.READY : Check.WAIT), System.nanoTime() + options.timeout().toNanos());
        if (problem != null) {
            return problem;
        }
        List<RunGroup> rows = fx(() -> {
            Node results = content("Results");
            if (!options.filter().isEmpty()) {
                ((TextField) results.lookup("#filterField")).setText(options.filter());
            }
            return List.copyOf(((TableView<?>) results.lookup(".results-table")).getItems().stream()
                    .map(RunGroup.class::cast).toList());
        });
        // File look-ups, here rather than on the JavaFX thread.
        List<RunGroup> withCurves = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (RunGroup g : rows) {
            if (hasCurves(g)) {
                withCurves.add(g);
            } else {
                without.add(g.label());
            }
        }
        if (!without.isEmpty()) {
            warnings.accept("Results: not selected, no " + String.join("/", CURVE_FILES) + ": "
                    + String.join(", ", without));
        }
        withCurves.sort(Comparator.comparingDouble((RunGroup g) -> {
            double a = g.row().accuracy();
            return Double.isNaN(a) ? Double.NEGATIVE_INFINITY : a;
        }).reversed());
        chosen = List.copyOf(withCurves.subList(0, Math.min(MAX_ROWS, withCurves.size())));
        fx(() -> {
            main.runs().select(chosen);
            return null;
        });
        return null;
    }

    /** Whether every run of the row has what the Verification, Identification and Pairs tabs read. */
    private static boolean hasCurves(RunGroup g) {
        return g.runs().stream().allMatch(r -> CURVE_FILES.stream().allMatch(f -> Files.isRegularFile(r.folder().file(f))));
    }

    /** Shows the best run's recorded losses in the chart (the run selected in the queue). */
    private List<Step> training() {
        TableView<RunRow> queue = queueTable();
        Path[] shown = new Path[1];
        return List.of(
                new Step("the run queue to list the best run", () -> select("Training"), () -> {
                    shown[0] = chosen.isEmpty() ? null : chosen.get(0).runs().get(0).folder().dir();
                    return shown[0] == null || queueRow(queue, shown[0]) != null ? Check.READY : Check.WAIT;
                }),
                new Step("the best run's recorded losses", () -> {
                    RunRow row = shown[0] == null ? null : queueRow(queue, shown[0]);
                    if (row != null) {
                        queue.getSelectionModel().select(row);
                        queue.scrollTo(row);
                    }
                }, () -> {
                    if (shown[0] == null) {
                        warnings.accept("Training: no results row chosen, so the chart shows no recorded losses");
                        return Check.READY;
                    }
                    Path recorded = trainingController().recordedRunProperty().get();
                    return recorded != null && same(recorded, shown[0]) ? Check.READY : Check.WAIT;
                }));
    }

    private List<Step> curves(String tab, String what, Supplier<JFreeChart> chart) {
        return List.of(new Step(what, () -> select(tab), () -> {
            if (chosen.isEmpty()) {
                return Check.fail(noRows());
            }
            String status = ((Label) content(tab).lookup("#chartStatus")).getText();
            var data = chart.get().getXYPlot().getDataset();
            int series = data == null ? 0 : data.getSeriesCount();
            if (status.startsWith("Reading")) {
                return Check.WAIT;
            }
            if (series > 0) {
                if (status.startsWith("Not shown")) {
                    warnings.accept(tab + ": " + status);
                }
                return Check.READY;
            }
            return status.isEmpty() ? Check.WAIT : Check.fail(status);
        }));
    }

    /** The best row's pairs, then one pair (a correctly verified same-person pair if any) with its faces. */
    private List<Step> pairs() {
        Node pane = content("Pairs");
        @SuppressWarnings("unchecked")
        ComboBox<RunGroup> runBox = (ComboBox<RunGroup>) pane.lookup("#runBox");
        @SuppressWarnings("unchecked")
        TableView<ScoredPair> table = (TableView<ScoredPair>) pane.lookup(".pairs-table");
        Label status = (Label) pane.lookup("#pairsStatus");
        return List.of(
                new Step("the pairs of the best run", () -> {
                    select("Pairs");
                    if (!chosen.isEmpty()) {
                        String key = chosen.get(0).key();
                        runBox.getItems().stream().filter(g -> g.key().equals(key)).findFirst()
                                .filter(g -> runBox.getValue() == null || !runBox.getValue().key().equals(key))
                                .ifPresent(runBox::setValue);
                    }
                }, () -> {
                    if (chosen.isEmpty()) {
                        return Check.fail(noRows());
                    }
                    if (status.getStyleClass().contains("problem")) {
                        return Check.fail(status.getText());
                    }
                    return runBox.getValue() != null && runBox.getValue().key().equals(chosen.get(0).key())
                            && !table.getItems().isEmpty() && !status.getText().startsWith("Reading")
                            ? Check.READY : Check.WAIT;
                }),
                new Step("the faces of the chosen pair", () -> {
                    ScoredPair p = table.getItems().stream().filter(q -> q.matched() && q.correct()).findFirst()
                            .orElse(table.getItems().get(0));
                    table.getSelectionModel().select(p);
                    table.scrollTo(p);
                    table.requestFocus();
                }, () -> {
                    if (status.getStyleClass().contains("problem")) {
                        return Check.fail(status.getText());
                    }
                    return allHaveImages(pane, "#highA", "#highB", "#inputA", "#inputB") ? Check.READY : Check.WAIT;
                }));
    }

    /** The first face of the open face set, scored by the best row's student when it has a model.zip. */
    private List<Step> degradation() {
        Node pane = content("Degradation");
        DegradationTabController controller =
                (DegradationTabController) pane.getProperties().get(DegradationTabController.class);
        Path student = this.student;
        Label note = (Label) pane.lookup("#studentNote");
        Label status = (Label) pane.lookup("#previewStatus");
        return List.of(new Step("the perturbations of a face" + (student == null ? "" : " and its student's scores"),
                () -> {
                    select("Degradation");
                    if (student != null) {
                        controller.useStudent(student);
                    }
                }, () -> {
                    if (status.getStyleClass().contains("problem")) {
                        return Check.fail(status.getText());
                    }
                    List<Node> tiles = new ArrayList<>(pane.lookupAll(".perturbation"));
                    tiles.addAll(pane.lookupAll(".clean-face"));
                    boolean preview = !pane.lookupAll(".perturbation").isEmpty()
                            && tiles.stream().allMatch(n -> ((ImageView) n).getImage() != null);
                    if (!preview) {
                        return Check.WAIT;
                    }
                    if (student == null) {
                        return Check.READY;
                    }
                    if (note.getStyleClass().contains("problem")) {
                        warnings.accept("Degradation: " + note.getText());
                        return Check.READY;
                    }
                    return controller.scoreTexts().stream().anyMatch(t -> !t.isEmpty()) ? Check.READY : Check.WAIT;
                }));
    }

    // ---- helpers (on the JavaFX thread unless said otherwise) ----

    private String noRows() {
        return "no results rows to show: the runs folder " + main.runs().rootProperty().get()
                + " has no finished runs (results.json)"
                + (options.filter().isEmpty() ? "" : " matching the filter '" + options.filter() + "'");
    }

    private Tab tab(String title) {
        return main.tabs().getTabs().stream().filter(t -> title.equals(t.getText())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the main window has no tab '" + title + "'"));
    }

    private Node content(String title) {
        return tab(title).getContent();
    }

    private void select(String title) {
        main.tabs().getSelectionModel().select(tab(title));
    }

    @SuppressWarnings("unchecked")
    private TableView<RunRow> queueTable() {
        return (TableView<RunRow>) content("Training").lookup("#queueTable");
    }

    private TrainingTabController trainingController() {
        return (TrainingTabController) content("Training").getProperties().get(TrainingTabController.class);
    }

    private static RunRow queueRow(TableView<RunRow> queue, Path folder) {
        return queue.getItems().stream().filter(r -> same(r.folder(), folder)).findFirst().orElse(null);
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static boolean allHaveImages(Node pane, String... ids) {
        for (String id : ids) {
            if (((ImageView) pane.lookup(id)).getImage() == null) {
                return false;
            }
        }
        return true;
    }

    /** Takes the picture on the JavaFX thread and writes the PNG on the calling (sequence) thread. */
    private void write(Path file) throws Exception {
        WritableImage image = fx(() -> scene.snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        png.setRGB(0, 0, w, h, argb, 0, w);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(png, "png", out)) {
                throw new java.io.IOException("no PNG writer");
            }
        });
    }

    /** Runs {@code work} on the JavaFX thread and waits for it here (never called on that thread). */
    private <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }
}
