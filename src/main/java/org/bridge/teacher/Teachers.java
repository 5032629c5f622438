package org.bridge.teacher;

import org.bridge.config.UserFacingException;

/** Loads teachers V, C and E from the fetched weights. */
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

    private static void requireFetched(TeacherWeights weights, PinnedPackage pkg) {
        if (!weights.isComplete(pkg)) {
            throw new UserFacingException("the weights of " + pkg.spec() + " are not in " + weights.packageDir(pkg)
                    + "; run `" + org.bridge.config.BuildInfo.COMMAND + " teachers fetch` first (or set BRIDGE_TEACHER_CACHE)");
        }
    }
}
