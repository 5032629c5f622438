package org.bridge.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.bridge.config.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderFaceSetReaderTest {

    @TempDir
    Path dir;

    private static void image(Path f) throws Exception {
        Files.createDirectories(f.getParent());
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", f.toFile());
    }

    @Test
    void readsPeopleAndNumbersFromFileNames() throws Exception {
        image(dir.resolve("Ann/Ann_0010.png"));
        image(dir.resolve("Ann/Ann_0002.png"));
        image(dir.resolve("Bob/3.png"));
        image(dir.resolve("Bob/12.png"));
        Files.writeString(dir.resolve("Bob/notes.txt"), "not an image");
        Files.writeString(dir.resolve("README"), "not a person");
        Files.createDirectories(dir.resolve("Empty"));
        FaceDataset set = FaceDataset.readFolder(dir);
        assertEquals(List.of("Ann", "Bob"), set.people());
        assertEquals(List.of(2, 10), set.imagesOf("Ann").stream().map(FaceRecord::number).toList());
        assertEquals(List.of(3, 12), set.imagesOf("Bob").stream().map(FaceRecord::number).toList());
        assertEquals(dir.resolve("Ann/Ann_0010.png"), set.record("Ann", 10).orElseThrow().file());
        assertTrue(set.record("Ann", 1).isEmpty());
        assertEquals(4, set.size());
    }

    @Test
    void filesWithoutUsableNumbersAreNumberedInNameOrder() throws Exception {
        image(dir.resolve("Cy/front.png"));
        image(dir.resolve("Cy/back.png"));
        image(dir.resolve("Cy/side1.png"));
        FaceDataset set = FaceDataset.readFolder(dir);
        assertEquals(List.of("back.png", "front.png", "side1.png"),
                set.imagesOf("Cy").stream().map(r -> r.file().getFileName().toString()).toList());
        assertEquals(List.of(1, 2, 3), set.imagesOf("Cy").stream().map(FaceRecord::number).toList());
    }

    @Test
    void entersTheLfwImageFolder() throws Exception {
        image(dir.resolve("lfw-deepfunneled/Dee/Dee_0001.png"));
        Files.writeString(dir.resolve("pairs.txt"), "1\n");
        FaceDataset set = FaceDataset.readFolder(dir);
        assertEquals(dir.resolve("lfw-deepfunneled"), set.imagesRoot());
        assertEquals(List.of("Dee"), set.people());
    }

    @Test
    void missingOrEmptyFolderIsAUserError() throws Exception {
        UserFacingException missing = assertThrows(UserFacingException.class,
                () -> FaceDataset.readFolder(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
        Files.createDirectories(dir.resolve("empty/Ann"));
        UserFacingException empty = assertThrows(UserFacingException.class,
                () -> FaceDataset.readFolder(dir.resolve("empty")));
        assertTrue(empty.getMessage().contains("no face images"), empty.getMessage());
    }
}
