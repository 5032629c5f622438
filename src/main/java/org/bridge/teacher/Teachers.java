package org.bridge.teacher;

/** Loads teachers V, C and E from the teacher cache, fetching missing weights on first need. */
public final class Teachers {

    private Teachers() {
    }

    public static Teacher load(TeacherId id, TeacherWeights weights) {
        return switch (id) {
            case V -> faceres(weights);
            case C -> faceApi(weights);
            case E -> ensemble(weights);
            case O -> throw new IllegalArgumentException("teacher O means 'no teacher'; there is nothing to load");
        };
    }

    public static EnsembleTeacher ensemble(TeacherWeights weights) {
        FaceresTeacher v = faceres(weights);
        try {
            return new EnsembleTeacher(v, faceApi(weights));
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
    }

    public static FaceresTeacher faceres(TeacherWeights weights) {
        requireFetched(weights, PinnedPackage.HUMAN);
        return FaceresTeacher.load(weights.faceresModel());
    }

    public static FaceApiTeacher faceApi(TeacherWeights weights) {
        requireFetched(weights, PinnedPackage.FACE_API);
        return FaceApiTeacher.load(weights.faceApiManifest());
    }

    /** Fetches a missing package on first need, telling standard error what it does. */
    private static void requireFetched(TeacherWeights weights, PinnedPackage pkg) {
        weights.require(pkg, FetchProgress.STDERR);
    }
}
