package org.bridge.teacher;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where fetched teacher weights live: {@code <cache>/weights/<package>/<file>}. A package folder
 * counts only once its {@value #COMPLETE_MARKER} file exists; the fetcher writes it last.
 */
public final class TeacherWeights {

    public static final String COMPLETE_MARKER = ".complete";

    private final Path cacheRoot;

    public TeacherWeights(Path cacheRoot) {
        this.cacheRoot = cacheRoot;
    }

    public Path cacheRoot() {
        return cacheRoot;
    }

    public Path weightsDir() {
        return cacheRoot.resolve("weights");
    }

    public Path packageDir(PinnedPackage pkg) {
        return weightsDir().resolve(pkg.cacheName());
    }

    /** True when the package was fully extracted and none of its files is missing. */
    public boolean isComplete(PinnedPackage pkg) {
        Path dir = packageDir(pkg);
        if (!Files.isRegularFile(dir.resolve(COMPLETE_MARKER))) {
            return false;
        }
        for (String entry : pkg.files()) {
            if (!Files.isRegularFile(dir.resolve(PinnedPackage.fileName(entry)))) {
                return false;
            }
        }
        return true;
    }

    public boolean allComplete() {
        return PinnedPackage.ALL.stream().allMatch(this::isComplete);
    }

    /** TFJS graph model of teacher V (faceres). */
    public Path faceresModel() {
        return packageDir(PinnedPackage.HUMAN).resolve("faceres.json");
    }

    /** TFJS graph model of the BlazeFace detector. */
    public Path blazefaceModel() {
        return packageDir(PinnedPackage.HUMAN).resolve("blazeface.json");
    }

    /** Weights manifest of teacher C (face-api recognition net). */
    public Path faceApiManifest() {
        return packageDir(PinnedPackage.FACE_API).resolve("face_recognition_model-weights_manifest.json");
    }
}
