package org.bridge.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.bridge.config.BridgeLocations;
import org.bridge.config.UserFacingException;
import org.bridge.data.LfwFaceSet;

/** Resolves an experiment's dataset to a folder, through the configured locations. */
public final class ExperimentDatasets {

    private final BridgeLocations locations;

    public ExperimentDatasets(BridgeLocations locations) {
        this.locations = locations;
    }

    public Path root(ExperimentSpec.DatasetSpec d) {
        Path root = switch (d.kind()) {
            case "sample" -> d.path() != null ? Paths.get(d.path()) : locations.sampleData();
            case "lfw" -> d.path() != null ? Paths.get(d.path()) : locations.lfwDir();
            case "folder" -> Paths.get(d.path());
            default -> throw new UserFacingException("unknown dataset kind '" + d.kind() + "'");
        };
        if (!Files.isDirectory(root)) {
            throw new UserFacingException("face set not found: " + root
                    + ("lfw".equals(d.kind()) ? " (set BRIDGE_LFW or give dataset.path)" : ""));
        }
        if (!Files.isRegularFile(root.resolve(LfwFaceSet.PAIRS))) {
            throw new UserFacingException(root + " has no " + LfwFaceSet.PAIRS
                    + ": the bridge protocol needs LFW-format pairs to split public and target people");
        }
        return root.toAbsolutePath().normalize();
    }

    public LfwFaceSet open(Path root) {
        return LfwFaceSet.open(root);
    }
}
