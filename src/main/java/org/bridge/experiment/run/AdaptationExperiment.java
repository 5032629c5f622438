package org.bridge.experiment.run;

import org.bridge.experiment.ExperimentDatasets;
import org.bridge.experiment.ExperimentJson;
import org.bridge.experiment.ExperimentKinds;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.Provenance;
import org.bridge.experiment.RunCell;
import org.bridge.experiment.RunClaim;
import org.bridge.experiment.RunControl;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunListener;
import org.bridge.experiment.RunState;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.SettingsChosenOn;
import org.bridge.experiment.TeacherFeatureProvider;
import org.bridge.experiment.TrainingSettings;
import org.bridge.experiment.ValidationFold;

import org.bridge.experiment.run.CellLifecycle;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.JsonObject;

import org.bridge.config.UserFacingException;
import org.bridge.data.FaceRecord;
import org.bridge.data.LfwBridgeProtocol;
import org.bridge.data.LfwBridgeProtocol.BridgeSplit;
import org.bridge.distill.AdaptationComparison;
import org.bridge.distill.AdaptationHoldout;
import org.bridge.teacher.TeacherId;

/**
 * The {@code "kind": "adaptation"} experiment: the paper's Fig. 3 on one split's public half.
 * For each (teacher, split, seed): the teacher features f_t of exactly the public images the
 * students train on (people with at least {@code training.minImagesPerPerson} public images, the
 * fixed crops of {@link TeacherFeatureProvider#features}; a {@code validationFold} or
 * {@code maxPeople} of the experiment is honoured the same way), then
 * {@link AdaptationComparison}: 20% of every person's images held out (the seed chooses which),
 * and the held-out classification accuracy of (1) the raw teacher features with a re-trained
 * softmax S^_t, (2) the adaptation module trained with C only, (3) trained with C + lambda D.
 * The paper's case (4), mixed-dataset distillation, adds 1,000 identities of the teacher's private
 * training set, which we do not have: every results file and table says it is not reproducible.
 *
 * <p>Step 1's initialisation seeds are the fixed defaults of {@code AdaptationParams} and
 * {@code TeacherSoftmax.Params} (overridable in "adaptation"), so different experiment seeds
 * differ only in which images are held out. One run folder per cell: config.json,
 * provenance.json, status.json, and results.json written last (atomically).
 */
public final class AdaptationExperiment {

    /** Why the paper's case (4) has no number here. */
    public static final String CASE_4_NOT_REPRODUCIBLE = "not reproducible: case (4), mixed-dataset distillation, "
            + "trains on 1,000 identities of the teacher's private training set, which is not available";

    /** One run: a teacher on one split's public half with one held-out choice. */
    public record Cell(String experiment, TeacherId teacher, String split, long seed) implements RunCell {

        public String id() {
            return "adapt-" + teacher.name() + "_split" + split + "_seed" + seed;
        }

        public String label() {
            return "Fig. 3 teacher " + teacher.name();
        }
    }

    private final RunStore store;
    private final ExperimentDatasets datasets;
    private final TeacherFeatureProvider teachers;
    private final Map<String, LfwBridgeProtocol> protocols = new HashMap<>();

    public AdaptationExperiment(RunStore store, ExperimentDatasets datasets, TeacherFeatureProvider teachers) {
        this.store = store;
        this.datasets = datasets;
        this.teachers = teachers;
    }

    /** Every (teacher, split, seed) in the file's order: teachers outermost. */
    public static List<Cell> cells(ExperimentSpec.Adaptation spec) {
        List<Cell> out = new ArrayList<>();
        for (TeacherId t : ExperimentKinds.teachers(spec.teachers())) {
            for (String split : spec.splits()) {
                for (long seed : spec.seeds()) {
                    out.add(new Cell(spec.name(), t, split, seed));
                }
            }
        }
        return out;
    }

    /** Runs every cell not yet complete; returns the folders of all cells reached, in order. */
    public List<RunFolder> run(ExperimentSpec.Adaptation spec, RunListener listener, RunControl control) {
        List<RunFolder> folders = new ArrayList<>();
        for (Cell cell : cells(spec)) {
            if (control.isCancelled()) {
                break;
            }
            folders.add(runCell(spec, cell, listener, control));
        }
        return folders;
    }

    /** Runs one cell under its folder's {@link RunClaim}; one another process holds is skipped, untouched. */
    RunFolder runCell(ExperimentSpec.Adaptation spec, Cell cell, RunListener listener, RunControl control) {
        RunFolder folder = store.folder(spec.name(), cell.id());
        java.util.Optional<RunClaim> claim = RunClaim.tryClaim(folder);
        if (claim.isEmpty()) {
            listener.cellFinished(cell, folder, RunState.RUNNING, RunClaim.skippedMessage(folder));
            return folder;
        }
        try (RunClaim held = claim.get()) {
            return runClaimedCell(spec, cell, folder, listener, control);
        }
    }

    private RunFolder runClaimedCell(ExperimentSpec.Adaptation spec, Cell cell, RunFolder folder, RunListener listener,
                                     RunControl control) {
        if (folder.isComplete()) {
            listener.cellFinished(cell, folder, RunState.DONE, "already complete");
            return folder;
        }
        ExperimentKinds.AdaptationSettings settings = spec.adaptation();
        writeConfig(spec, cell, settings, folder);
        CellLifecycle.run(cell, folder, listener, control,
                () -> compare(spec, cell, settings, folder, listener, control));
        return folder;
    }

    private static void writeConfig(ExperimentSpec.Adaptation spec, Cell cell, ExperimentKinds.AdaptationSettings settings,
                                    RunFolder folder) {
        JsonObject cfg = new JsonObject();
        cfg.addProperty("experiment", spec.name());
        cfg.addProperty("kind", ExperimentSpec.KIND_ADAPTATION);
        cfg.addProperty("cell", cell.id());
        cfg.addProperty("label", cell.label());
        cfg.addProperty("teacher", cell.teacher().name());
        cfg.addProperty("split", cell.split());
        cfg.addProperty("seed", cell.seed());
        cfg.addProperty("holdout_seed", cell.seed());
        cfg.addProperty("holdout_fraction", AdaptationHoldout.PAPER_FRACTION);
        cfg.addProperty("teacher_input", "fixed crops, HR (the features the students train on)");
        cfg.add("dataset", ExperimentJson.tree(spec.dataset()));
        JsonObject selection = new JsonObject();
        selection.addProperty("minImagesPerPerson", spec.training().minImagesPerPerson());
        selection.addProperty("maxPeople", spec.training().maxPeople());
        selection.addProperty("validationFold", spec.training().validationFold());
        cfg.add("public_set", selection);
        cfg.add("adaptation", ExperimentSpec.GSON.toJsonTree(settings.module()));
        cfg.add("teacher_softmax", ExperimentSpec.GSON.toJsonTree(settings.softmax()));
        cfg.add(SettingsChosenOn.KEY, spec.settingsChosenOn().toJson());
        folder.writeJson(RunFolder.CONFIG, cfg);
    }

    private LfwBridgeProtocol protocol(Path root) {
        return protocols.computeIfAbsent(root.toString(), r -> LfwBridgeProtocol.of(datasets.open(root)));
    }

    /** The public images of a split the students train on, with their identity labels. */
    record PublicSet(List<String> people, List<FaceRecord> images, int[] labels) {
    }

    /** The same selection as the student runner's: people with enough images, minus a validation fold, capped. */
    static PublicSet publicSet(LfwBridgeProtocol protocol, BridgeSplit split, TrainingSettings t) {
        List<String> people = new ArrayList<>(split.publicPeopleWithAtLeast(t.minImagesPerPerson()));
        if (t.validationFold()) {
            people.removeAll(ValidationFold.of(protocol, split).people());
        }
        if (t.maxPeople() > 0 && people.size() > t.maxPeople()) {
            people = new ArrayList<>(people.subList(0, t.maxPeople()));
        }
        Map<String, Integer> classOf = new LinkedHashMap<>();
        List<FaceRecord> images = new ArrayList<>();
        for (String p : people) {
            classOf.put(p, classOf.size());
            images.addAll(split.publicSet().imagesOf(p));
        }
        int[] labels = images.stream().mapToInt(r -> classOf.get(r.person())).toArray();
        return new PublicSet(List.copyOf(people), List.copyOf(images), labels);
    }

    private String compare(ExperimentSpec.Adaptation spec, Cell cell, ExperimentKinds.AdaptationSettings settings,
                           RunFolder folder, RunListener listener, RunControl control) {
        long started = System.nanoTime();
        Path root = datasets.root(spec.dataset());
        LfwBridgeProtocol protocol = protocol(root);
        BridgeSplit split = protocol.split(LfwBridgeProtocol.Split.valueOf(cell.split()));
        PublicSet pub = publicSet(protocol, split, spec.training());
        if (pub.people().size() < 2) {
            throw new UserFacingException("split " + cell.split() + " of " + root + " has fewer than 2 public people with >= "
                    + spec.training().minImagesPerPerson() + " images");
        }
        Provenance.write(folder, cell.split(), cell.seed(), cell.teacher().name(), root, pub.images(),
                teachers.fingerprint(cell.teacher()));

        String stage = "teacher features (" + cell.teacher() + ")";
        listener.status(cell, stage, 0);
        long t0 = System.nanoTime();
        float[][] ft = teachers.features(cell.teacher(), pub.images(), (d, t) -> {
            control.throwIfCancelled();
            listener.status(cell, stage, (double) d / t);
        });
        double featureSeconds = (System.nanoTime() - t0) / 1e9;
        control.throwIfCancelled();

        listener.status(cell, "Fig. 3: S^_t on raw f_t, M_a with C, M_a with C + lambda D", Double.NaN);
        AdaptationComparison.Report report;
        try {
            report = AdaptationComparison.run(ft, pub.labels(), settings.module(), settings.softmax(), cell.seed());
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("Fig. 3 on split " + cell.split() + ": " + e.getMessage(), e);
        }
        control.throwIfCancelled();
        double seconds = (System.nanoTime() - started) / 1e9;
        try {
            folder.writeJson(RunFolder.RESULTS, results(cell, pub, ft[0].length, report, settings, featureSeconds, seconds));
        } catch (UncheckedIOException e) {
            throw new UserFacingException("cannot write the results of " + folder.dir() + ": " + e.getMessage(), e);
        }
        return String.format(Locale.ROOT, "done: held-out accuracy (1) %.2f%%, (2) %.2f%%, (3) %.2f%% on %d images",
                100 * report.result(AdaptationComparison.Method.RAW_TEACHER).accuracy(),
                100 * report.result(AdaptationComparison.Method.DIRECT_COMPRESSION).accuracy(),
                100 * report.result(AdaptationComparison.Method.CROSS_DATASET_DISTILLATION).accuracy(),
                report.result(AdaptationComparison.Method.RAW_TEACHER).tested());
    }

    /** Keys of the three cases in results.json. */
    public static String key(AdaptationComparison.Method m) {
        return switch (m) {
            case RAW_TEACHER -> "raw_teacher";
            case DIRECT_COMPRESSION -> "direct_compression";
            case CROSS_DATASET_DISTILLATION -> "cross_dataset_distillation";
        };
    }

    private static JsonObject results(Cell cell, PublicSet pub, int teacherDimension, AdaptationComparison.Report report,
                                      ExperimentKinds.AdaptationSettings settings, double featureSeconds, double seconds) {
        JsonObject r = new JsonObject();
        r.addProperty("kind", ExperimentSpec.KIND_ADAPTATION);
        r.addProperty("teacher", cell.teacher().name());
        r.addProperty("split", cell.split());
        r.addProperty("seed", cell.seed());
        r.addProperty("holdout_seed", cell.seed());
        r.addProperty("holdout_fraction", AdaptationHoldout.PAPER_FRACTION);
        r.addProperty("classes", report.classes());
        r.addProperty("people", pub.people().size());
        r.addProperty("images", pub.images().size());
        r.addProperty("train_images", report.holdout().train().length);
        r.addProperty("tested", report.holdout().test().length);
        r.addProperty("teacher_feature_dimension", teacherDimension);
        for (AdaptationComparison.Result x : report.results()) {
            r.addProperty("accuracy_" + key(x.method()), x.accuracy());
        }
        for (AdaptationComparison.Result x : report.results()) {
            JsonObject o = new JsonObject();
            o.addProperty("case", x.method().ordinal() + 1);
            o.addProperty("description", x.method().description());
            o.addProperty("accuracy", x.accuracy());
            o.addProperty("correct", x.correct());
            o.addProperty("tested", x.tested());
            o.addProperty("feature_dimension", x.featureDimension());
            o.addProperty("train_seconds", x.trainSeconds());
            r.add(key(x.method()), o);
        }
        JsonObject mixed = new JsonObject();
        mixed.addProperty("case", 4);
        mixed.addProperty("description", "mixed-dataset distillation (public + 1,000 private identities)");
        mixed.addProperty("reproducible", false);
        mixed.addProperty("reason", CASE_4_NOT_REPRODUCIBLE);
        r.add("mixed_dataset", mixed);
        r.add("params", ExperimentSpec.GSON.toJsonTree(report.distillation()));
        r.add("params_direct_compression", ExperimentSpec.GSON.toJsonTree(settings.module().classificationOnly()));
        r.add("params_teacher_softmax", ExperimentSpec.GSON.toJsonTree(settings.softmax()));
        r.addProperty("teacher_feature_seconds", featureSeconds);
        r.addProperty("seconds", seconds);
        return r;
    }
}
