package org.bridge.teacher;

import org.bridge.config.UserFacingException;

/**
 * Teacher weights that are not in the cache and could not be fetched on first need (no npm, no
 * network, a checksum mismatch, an unwritable cache). Its message names the package, the cause
 * and the command that fetches the weights by hand.
 */
public final class TeacherWeightsUnavailableException extends UserFacingException {

    TeacherWeightsUnavailableException(PinnedPackage pkg, TeacherWeights weights, RuntimeException cause) {
        super("the teacher weights " + pkg.spec() + " are not in " + weights.packageDir(pkg)
                + " and fetching them failed: " + cause.getMessage()
                + " Fetch them with `" + org.bridge.config.BuildInfo.COMMAND + " teachers fetch` (or point BRIDGE_TEACHER_CACHE /"
                + " -Dbridge.teachers at a cache that has them), then run again.", cause);
    }
}
