package org.bridge.teacher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process of {@link FeatureCacheProcessesTest}: one run filling a feature cache, the way
 * the teacher-feature and detection caches are filled. It opens the cache and finds what is
 * missing, says "ready", waits for the go file (so two such processes both find everything
 * missing), then takes the cache's writing lock, looks again and computes (a cheap fake feature,
 * slowly) only what is still missing, logging each image it computed.
 *
 * <p>Arguments: cacheRoot key images goFile computedLog
 */
public final class FillFeatureCache {

    private FillFeatureCache() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String key = args[1];
        int images = Integer.parseInt(args[2]);
        Path go = Path.of(args[3]);
        Path log = Path.of(args[4]);
        try (FeatureCache cache = FeatureCache.open(root, key)) {
            System.out.println("ready: " + missing(cache, images).size() + " missing");
            while (!Files.exists(go)) {
                Thread.sleep(10);
            }
            boolean[] said = new boolean[1];
            try (FeatureCache.Writing writing = cache.lockForWriting(holder -> {
                if (!said[0]) {
                    System.out.println("waiting for " + holder);
                    said[0] = true;
                }
            })) {
                for (String image : missing(cache, images)) {
                    Thread.sleep(10); // the teacher network
                    cache.put(image, feature(image));
                    Files.writeString(log, image + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                }
            }
        }
        System.out.println("done");
    }

    static List<String> missing(FeatureCache cache, int images) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            if (!cache.contains("img" + i)) {
                out.add("img" + i);
            }
        }
        return out;
    }

    static float[] feature(String image) {
        int h = image.hashCode();
        return new float[] {h, h * 0.5f, -h, 1};
    }
}
