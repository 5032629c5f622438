package org.bridge.ui.pairs;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bridge.config.BridgeLocations;
import org.bridge.data.FaceDataset;
import org.bridge.data.FaceRecord;
import org.bridge.data.FolderFaceSetReader;
import org.bridge.data.RgbImage;
import org.bridge.experiment.report.RunFaces;
import org.bridge.experiment.RunRecord;
import org.bridge.experiment.ScoredPair;
import org.bridge.ui.common.ArgbPixels;

/**
 * Decodes a pair's faces and makes the student's inputs, off the JavaFX thread. Datasets are
 * listed once per folder (LFW has 5,749 person folders) and kept while the tab lives.
 */
final class PairFacesLoader {

    /** The low-resolution inputs are enlarged to about this many screen pixels. */
    static final int INPUT_DISPLAY_SIDE = 160;

    private final BridgeLocations locations;
    private final Map<Path, FaceDataset> datasets = new ConcurrentHashMap<>();
    private final Map<Path, RunFaces> runs = new ConcurrentHashMap<>();

    PairFacesLoader(BridgeLocations locations) {
        this.locations = locations;
    }

    RunFaces faces(RunRecord run) {
        return runs.computeIfAbsent(run.folder().dir(),
                d -> RunFaces.of(run, locations, root -> datasets.computeIfAbsent(root, FolderFaceSetReader::read)));
    }

    PairFaces load(RunRecord run, ScoredPair p) {
        RunFaces f = faces(run);
        FaceRecord a = f.face(p.personA(), p.imageA());
        FaceRecord b = f.face(p.personB(), p.imageB());
        RgbImage highA = f.highResolution(a);
        RgbImage highB = f.highResolution(b);
        int k = ArgbPixels.enlargement(f.resolution(), INPUT_DISPLAY_SIDE);
        return new PairFaces(p, a, b, ArgbPixels.of(highA), ArgbPixels.of(highB),
                ArgbPixels.enlarged(f.studentInput(highA), k), ArgbPixels.enlarged(f.studentInput(highB), k),
                f.resolution(), k, f.teacher());
    }
}
