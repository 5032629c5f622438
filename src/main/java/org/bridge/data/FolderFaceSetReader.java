package org.bridge.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bridge.config.UserFacingException;

/**
 * Reads a folder-per-identity face set: {@code <root>/<Person>/<image>}, images in JPEG, PNG,
 * BMP or PGM. Works for LFW ({@code <root>/lfw-deepfunneled/<Name>/<Name>_0001.jpg}: a root
 * holding {@code lfw-deepfunneled/} is entered automatically), the bundled synthetic set (the
 * same without the {@code lfw-deepfunneled} level) and ORL ({@code s1/1.pgm .. s40/10.pgm}).
 *
 * <p>An image's number is the run of digits that ends its base name ({@code Name_0003} -> 3,
 * {@code 7.pgm} -> 7). When a person's files have no such digits, or two of them share a number,
 * that person's images are numbered 1..n in name order instead. Files that are not images
 * (README, pairs files, hidden files) and folders without images are ignored.
 */
public final class FolderFaceSetReader {

    /** LFW's image folder inside its distribution folder. */
    public static final String LFW_IMAGES = "lfw-deepfunneled";

    private static final Pattern TRAILING_NUMBER = Pattern.compile("(\\d+)$");

    private FolderFaceSetReader() {
    }

    /** The folder that holds the person folders: {@code root/lfw-deepfunneled} if present, else root. */
    public static Path imagesRoot(Path root) {
        Path lfw = root.resolve(LFW_IMAGES);
        return Files.isDirectory(lfw) ? lfw : root;
    }

    public static FaceDataset read(Path root) {
        if (!Files.isDirectory(root)) {
            throw new UserFacingException("face set folder not found: " + root);
        }
        Path imagesRoot = imagesRoot(root);
        List<Path> personDirs = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(imagesRoot,
                p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."))) {
            dirs.forEach(personDirs::add);
        } catch (IOException e) {
            throw new UserFacingException("cannot list face set folder " + imagesRoot + ": " + e.getMessage(), e);
        }
        personDirs.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<FaceRecord> records = new ArrayList<>();
        for (Path dir : personDirs) {
            records.addAll(readPerson(dir));
        }
        if (records.isEmpty()) {
            throw new UserFacingException("no face images in " + imagesRoot
                    + " (expected one folder per person holding .jpg/.png/.pgm images)");
        }
        return new FaceDataset(imagesRoot, records);
    }

    private static List<FaceRecord> readPerson(Path dir) {
        String person = dir.getFileName().toString();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> images = Files.newDirectoryStream(dir, FolderFaceSetReader::isImageFile)) {
            images.forEach(files::add);
        } catch (IOException e) {
            throw new UserFacingException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        List<Integer> numbers = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        boolean usable = true;
        for (Path f : files) {
            Matcher m = TRAILING_NUMBER.matcher(baseName(f));
            int n = -1;
            if (m.find() && m.group(1).length() <= 9) {
                n = Integer.parseInt(m.group(1));
            }
            if (n < 1 || !seen.add(n)) {
                usable = false;
            }
            numbers.add(n);
        }
        List<FaceRecord> out = new ArrayList<>();
        if (usable) {
            for (int i = 0; i < files.size(); i++) {
                out.add(new FaceRecord(person, numbers.get(i), files.get(i)));
            }
        } else {
            files.sort(Comparator.comparing(p -> p.getFileName().toString()));
            for (int i = 0; i < files.size(); i++) {
                out.add(new FaceRecord(person, i + 1, files.get(i)));
            }
        }
        return out;
    }

    private static String baseName(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Whether a path is a regular file with an image extension this project decodes. */
    public static boolean isImageFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && Files.isRegularFile(p)
                && (n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png")
                || n.endsWith(".pgm") || n.endsWith(".bmp"));
    }
}
