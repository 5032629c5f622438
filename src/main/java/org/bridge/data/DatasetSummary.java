package org.bridge.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

import org.bridge.config.UserFacingException;

/**
 * A quick look at a face-set folder: how many people and images, whether it has LFW pairs,
 * and whether it is the synthetic sample set (declared by a {@value #DESCRIPTOR} file the
 * generator writes). Cheap enough to show in a title bar, but it still walks the folder, so
 * front ends call it off their UI thread.
 */
public record DatasetSummary(Path root, String name, int people, int images, boolean hasPairs,
                             boolean synthetic) {

    public static final String DESCRIPTOR = "dataset.properties";

    public static DatasetSummary of(Path root) {
        if (!Files.isDirectory(root)) {
            throw new UserFacingException("face set folder not found: " + root);
        }
        // LFW keeps its people one level down.
        Path imagesRoot = Files.isDirectory(root.resolve("lfw-deepfunneled")) ? root.resolve("lfw-deepfunneled") : root;
        Properties descriptor = new Properties();
        Path desc = root.resolve(DESCRIPTOR);
        if (Files.isRegularFile(desc)) {
            try (InputStream in = Files.newInputStream(desc)) {
                descriptor.load(in);
            } catch (IOException e) {
                throw new UserFacingException("cannot read " + desc + ": " + e.getMessage(), e);
            }
        }
        int people = 0;
        int images = 0;
        try (DirectoryStream<Path> persons = Files.newDirectoryStream(imagesRoot, Files::isDirectory)) {
            for (Path person : persons) {
                int n = 0;
                try (DirectoryStream<Path> files = Files.newDirectoryStream(person, DatasetSummary::isImage)) {
                    for (Path ignored : files) {
                        n++;
                    }
                }
                if (n > 0) {
                    people++;
                    images += n;
                }
            }
        } catch (IOException e) {
            throw new UserFacingException("cannot list face set folder " + imagesRoot + ": " + e.getMessage(), e);
        }
        String name = descriptor.getProperty("name", root.getFileName() == null ? root.toString() : root.getFileName().toString());
        return new DatasetSummary(root, name, people, images, Files.isRegularFile(root.resolve("pairs.txt")),
                Boolean.parseBoolean(descriptor.getProperty("synthetic", "false")));
    }

    public static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png")
                || n.endsWith(".pgm") || n.endsWith(".bmp"));
    }
}
