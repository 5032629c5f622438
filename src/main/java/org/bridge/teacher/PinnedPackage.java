package org.bridge.teacher;

import java.util.List;

/**
 * An npm package pinned by version and by the sha-512 integrity that {@code npm pack} prints,
 * with the files the project takes out of it. Pinned in code so that a changed or corrupt
 * package can never silently change a teacher.
 *
 * @param spec      {@code name@version} as npm takes it
 * @param cacheName folder name in the weight cache
 * @param integrity {@code sha512-<base64>} of the tarball
 * @param files     paths inside the tarball ({@code package/...}) to extract; they land flat
 *                  in the package's cache folder under their file names
 */
public record PinnedPackage(String spec, String cacheName, String integrity, List<String> files) {

    /** V teacher (faceres) and the BlazeFace detector used for alignment. */
    public static final PinnedPackage HUMAN = new PinnedPackage(
            "@vladmandic/human@3.3.6", "human-3.3.6",
            "sha512-Nr5mPfq1gQ+uKeXY5uM3Fj8UxvF5CEh2s6txM5wRThqaW0mF9huooOuZSrT8hhGho0hGaXLFdAwfD/2+teCv6A==",
            List.of("package/models/faceres.json", "package/models/faceres.bin",
                    "package/models/blazeface.json", "package/models/blazeface.bin"));

    /** C teacher: the face-api (dlib-style ResNet) recognition network, weights only. */
    public static final PinnedPackage FACE_API = new PinnedPackage(
            "@vladmandic/face-api@1.7.15", "face-api-1.7.15",
            "sha512-WDMmK3CfNLo8jylWqMoQgf4nIst3M0fzx1dnac96wv/dvMTN4DxC/Pq1DGtduDk1lktCamQ3MIDXFnvrdHTXDw==",
            List.of("package/model/face_recognition_model-weights_manifest.json",
                    "package/model/face_recognition_model.bin"));

    public static final List<PinnedPackage> ALL = List.of(HUMAN, FACE_API);

    /** The file name a tarball entry is stored under in the cache. */
    public static String fileName(String entry) {
        return entry.substring(entry.lastIndexOf('/') + 1);
    }
}
