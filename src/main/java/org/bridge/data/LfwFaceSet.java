package org.bridge.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.bridge.config.UserFacingException;

/**
 * LFW (or a set in its layout) on disk: the images and the pairs files. The root either holds
 * {@code lfw-deepfunneled/<Name>/<Name>_NNNN.jpg} (the real LFW) or the person folders directly
 * (the bundled synthetic sample set); the pairs files sit in the root in both cases. The root is
 * configuration: take it from {@link org.bridge.config.BridgeLocations#lfwDir()} or a flag.
 */
public final class LfwFaceSet {

    public static final String PAIRS = "pairs.txt";
    public static final String DEV_TRAIN = "pairsDevTrain.txt";
    public static final String DEV_TEST = "pairsDevTest.txt";

    private final Path root;
    private final FaceDataset dataset;
    private final LfwPairs pairs;

    private LfwFaceSet(Path root, FaceDataset dataset, LfwPairs pairs) {
        this.root = root;
        this.dataset = dataset;
        this.pairs = pairs;
    }

    /** Reads the image list and {@code pairs.txt}, and checks that every pair names an existing image. */
    public static LfwFaceSet open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new UserFacingException("LFW folder not found: " + root
                    + " (give --lfw DIR or set BRIDGE_LFW / BRIDGE_DATA)");
        }
        Path pairsFile = root.resolve(PAIRS);
        if (!Files.isRegularFile(pairsFile)) {
            throw new UserFacingException("no " + PAIRS + " in " + root
                    + " (expected the LFW folder holding lfw-deepfunneled/ and the pairs files)");
        }
        FaceDataset dataset = FolderFaceSetReader.read(root);
        LfwPairs pairs = LfwPairs.read(pairsFile);
        pairs.resolve(dataset);
        return new LfwFaceSet(root, dataset, pairs);
    }

    public Path root() {
        return root;
    }

    public FaceDataset dataset() {
        return dataset;
    }

    /** View 2: {@code pairs.txt}, 10 folds. */
    public LfwPairs pairs() {
        return pairs;
    }

    /** View 1 training pairs ({@code pairsDevTrain.txt}), when the file exists. */
    public Optional<LfwPairs> devTrain() {
        return optional(DEV_TRAIN);
    }

    /** View 1 test pairs ({@code pairsDevTest.txt}), when the file exists. */
    public Optional<LfwPairs> devTest() {
        return optional(DEV_TEST);
    }

    private Optional<LfwPairs> optional(String name) {
        Path f = root.resolve(name);
        return Files.isRegularFile(f) ? Optional.of(LfwPairs.read(f)) : Optional.empty();
    }
}
