package org.bridge.experiment.run;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.bridge.data.FaceRecord;
import org.bridge.distill.StudentNetwork;
import org.bridge.distill.StudentSamples;
import org.bridge.distill.TeacherPcaTargets;
import org.bridge.experiment.AdaptedRegressionTargets;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.MimicTarget;
import org.bridge.experiment.Provenance;
import org.bridge.experiment.RegressionTargets;
import org.bridge.experiment.StudentSpec;
import org.bridge.experiment.TeacherFeatureProvider;
import org.bridge.teacher.EnsembleTeacher;
import org.bridge.teacher.TeacherId;

/**
 * Stage 2, the regression targets: the teacher's features f_t of the training set and, by the
 * student's target, step 1's adapted f_a, the features' principal components (recorded in
 * {@value #REPORT}) or f_t itself, scaled to the experiment's target norm. Supervision c has none.
 */
public final class RegressionTargetStage {

    /** What the teacher-pca targets were (explained variance, identity cosines). */
    public static final String REPORT = "targets.json";

    private final TeacherFeatureProvider teachers;
    private final RegressionTargets adaptation;

    public RegressionTargetStage(TeacherFeatureProvider teachers, RegressionTargets adaptation) {
        this.teachers = teachers;
        this.adaptation = adaptation;
    }

    /** The teacher's weights are there (fetched now if not), and the cell's provenance names them. */
    void prepare(CellContext c, Path root, List<FaceRecord> images) {
        TeacherId teacher = c.student().teacher();
        if (!teacher.isNone()) {
            teachers.requireWeights(teacher, (stage, done, total) ->
                    c.status("fetching teacher weights: " + stage, total > 0 ? (double) done / total : 1));
        }
        Provenance.write(c.folder(), c.spec(), c.cell(), root, images, teacher.isNone() ? null : teachers.fingerprint(teacher));
    }

    /** The targets of every training image, or null when the supervision regresses onto nothing. */
    float[][] targets(CellContext c, TrainingSetStage.TrainingSet set) {
        StudentSpec s = c.student();
        if (!s.supervision().needsTeacher()) {
            return null;
        }
        String stage = "teacher features (" + s.teacher() + ")";
        c.status(stage, 0);
        CellContext.Progress progress = c.progress(stage); // also while another process fills the same cache
        float[][] ft = teacherFeatures(s.teacher(), set.images(), c.training().ensembleWeightC(), progress::update);
        c.control().throwIfCancelled();
        float[][] targets;
        if (s.target() == MimicTarget.TEACHER_PCA) {
            c.status("principal components of the teacher features", Double.NaN);
            targets = teacherPca(ft, set.labels(), c);
        } else if (s.target() == MimicTarget.ADAPTED) {
            c.status("cross-dataset distillation (adaptation module)", Double.NaN);
            targets = adaptation.adapted(s.teacher(), ft, set.labels(), set.classes(), c.cell().seed(),
                    c.spec().adaptationFor(c.cell()), c.folder(), c.control()::throwIfCancelled);
        } else {
            targets = ft;
        }
        targets = scaleToNorm(targets, c.training().targetNorm());
        c.control().throwIfCancelled();
        return targets;
    }

    /** f_t; for E with a C weight other than 1, V's and C's features combined with that weight. */
    public float[][] teacherFeatures(TeacherId teacher, List<FaceRecord> images, double ensembleWeightC,
                                     TeacherFeatureProvider.Progress progress) {
        if (teacher != TeacherId.E || ensembleWeightC == 1.0) {
            return teachers.features(teacher, images, progress);
        }
        int n = images.size();
        float[][] v = teachers.features(TeacherId.V, images, (d, t) -> progress.update(d / 2, n));
        float[][] c = teachers.features(TeacherId.C, images, (d, t) -> progress.update(n / 2 + d / 2, n));
        return EnsembleTeacher.combine(v, c, ensembleWeightC);
    }

    /** The teacher-pca targets of the public set, with what they are recorded in the run folder. */
    private static float[][] teacherPca(float[][] ft, int[] labels, CellContext c) {
        TeacherPcaTargets pca = TeacherPcaTargets.fit(ft, StudentNetwork.MIMIC_DIMENSION);
        float[][] targets = pca.project(ft);
        JsonObject report = new JsonObject();
        report.addProperty("target", ExperimentSpec.TARGET_TEACHER_PCA);
        report.addProperty("teacher", c.student().teacher().name());
        report.addProperty("images", ft.length);
        report.addProperty("teacher_dimension", ft[0].length);
        report.addProperty("components", pca.dimension());
        report.addProperty("explained_variance", pca.explainedVariance());
        report.addProperty("scale", pca.scale());
        JsonArray variances = new JsonArray();
        for (double v : pca.componentVariances()) {
            variances.add(v);
        }
        report.add("component_variances", variances);
        report.add("teacher_feature_cosines", AdaptedRegressionTargets.identityCosines(ft, labels, c.cell().seed()));
        report.add("target_cosines", AdaptedRegressionTargets.identityCosines(targets, labels, c.cell().seed()));
        report.addProperty("fitted_on_unlabelled_images",
                Arrays.stream(labels).filter(l -> l == StudentSamples.UNLABELLED).count());
        c.folder().writeJson(REPORT, report);
        return targets;
    }

    /** Each row rescaled to L2 norm {@code norm} (0 = unchanged); an all-zero row stays zero. */
    public static float[][] scaleToNorm(float[][] targets, double norm) {
        if (targets == null || norm == 0) {
            return targets;
        }
        float[][] out = new float[targets.length][];
        for (int i = 0; i < targets.length; i++) {
            double sq = 0;
            for (float v : targets[i]) {
                sq += (double) v * v;
            }
            double f = sq > 0 ? norm / Math.sqrt(sq) : 0;
            out[i] = new float[targets[i].length];
            for (int d = 0; d < out[i].length; d++) {
                out[i][d] = (float) (targets[i][d] * f);
            }
        }
        return out;
    }
}
