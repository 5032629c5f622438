package org.bridge.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bridge.config.UserFacingException;
import org.bridge.data.BadImagePolicy;
import org.bridge.data.IdentificationSubset;
import org.bridge.data.ImageDecoder;
import org.bridge.testsupport.RequiredResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderIdentificationProtocolTest {

    @TempDir
    Path dir;

    @Test
    void orlSplitPerPersonWithPixelFeatures() {
        IdentificationSubset subset = FolderIdentificationProtocol.splitPerPerson(RequiredResources.orl());
        assertEquals(40, subset.subjects().size());
        assertEquals(200, subset.gallery().size());
        assertEquals(200, subset.probes().size());
        long t0 = System.nanoTime();
        IdentificationReport r = FolderIdentificationProtocol.run(subset, new PixelExtractor(4), new ImageDecoder(),
                BadImagePolicy.FAIL, SoftmaxClassifier.Config.defaults(), null);
        System.out.printf("ORL pixels: %s; %s (%.1f s)%n", r.nearestClassMean(), r.softmax(),
                (System.nanoTime() - t0) / 1e9);
        assertEquals(200, r.softmax().probes());
        assertEquals(40, r.softmax().classes());
        assertEquals(0, r.droppedProbes());
        // Pixels identify ORL faces far above chance (2.5%); images 1-5 vs 6-10 of each person.
        assertTrue(r.nearestClassMean().top1() > 0.7, r.nearestClassMean().toString());
        assertTrue(r.softmax().top1() > 0.7, r.softmax().toString());
        assertTrue(r.softmax().top5() >= r.softmax().top1());
        double[] cmc = r.softmax().cmc();
        assertEquals(40, cmc.length);
        assertEquals(1.0, cmc[39], 1e-12);
        assertTrue(r.toJson().getAsJsonObject("softmax").has("top5_error"));
    }

    @Test
    void galleryAndProbeFoldersMustShareThePeople() throws Exception {
        Path orl = RequiredResources.orl();
        Path gallery = dir.resolve("gallery");
        Path probes = dir.resolve("probes");
        for (String p : List.of("s1", "s2", "s3")) {
            Files.createDirectories(gallery.resolve(p));
            Files.createDirectories(probes.resolve(p));
            for (int n = 1; n <= 10; n++) {
                Path target = (n <= 4 ? gallery : probes).resolve(p).resolve(n + ".pgm");
                Files.copy(orl.resolve(p).resolve(n + ".pgm"), target);
            }
        }
        IdentificationSubset subset = FolderIdentificationProtocol.galleryAndProbes(gallery, probes);
        assertEquals(12, subset.gallery().size());
        assertEquals(18, subset.probes().size());
        IdentificationReport r = FolderIdentificationProtocol.run(subset, new PixelExtractor(4), new ImageDecoder(),
                BadImagePolicy.FAIL, SoftmaxClassifier.Config.defaults(), null);
        assertEquals(3, r.nearestClassMean().classes());
        assertTrue(r.nearestClassMean().top1() > 0.8, r.nearestClassMean().toString());

        Files.createDirectories(probes.resolve("s9"));
        Files.copy(orl.resolve("s9/1.pgm"), probes.resolve("s9/1.pgm"));
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> FolderIdentificationProtocol.galleryAndProbes(gallery, probes));
        assertTrue(e.getMessage().contains(probes.resolve("s9").toString()), e.getMessage());
    }

    @Test
    void skippedImagesDropTheirProbes() throws Exception {
        Path orl = RequiredResources.orl();
        for (String p : List.of("s1", "s2")) {
            Files.createDirectories(dir.resolve(p));
            for (int n = 1; n <= 4; n++) {
                Files.copy(orl.resolve(p).resolve(n + ".pgm"), dir.resolve(p).resolve(n + ".pgm"));
            }
        }
        // Probe 4 of s2 is cut short.
        byte[] bytes = Files.readAllBytes(dir.resolve("s2/4.pgm"));
        Files.write(dir.resolve("s2/4.pgm"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IdentificationSubset subset = FolderIdentificationProtocol.splitPerPerson(dir);
        UserFacingException fail = assertThrows(UserFacingException.class, () -> FolderIdentificationProtocol.run(
                subset, new PixelExtractor(4), new ImageDecoder(), BadImagePolicy.FAIL,
                SoftmaxClassifier.Config.defaults(), null));
        assertTrue(fail.getMessage().contains("4.pgm") && fail.getMessage().contains("truncated"), fail.getMessage());
        IdentificationReport r = FolderIdentificationProtocol.run(subset, new PixelExtractor(4), new ImageDecoder(),
                BadImagePolicy.SKIP, SoftmaxClassifier.Config.defaults(), null);
        assertEquals(1, r.skippedImages());
        assertEquals(1, r.droppedProbes());
        assertEquals(3, r.softmax().probes());
        assertEquals(4, r.galleryImages());
    }

    private void copyOrl(String person, int images) throws Exception {
        Path orl = RequiredResources.orl();
        Files.createDirectories(dir.resolve(person));
        for (int n = 1; n <= images; n++) {
            Files.copy(orl.resolve(person).resolve(n + ".pgm"), dir.resolve(person).resolve(n + ".pgm"));
        }
    }

    private void cutShort(String image) throws Exception {
        byte[] bytes = Files.readAllBytes(dir.resolve(image));
        Files.write(dir.resolve(image), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    }

    @Test
    void aSubjectWithNoReadableImageIsNamedAndNotCounted() throws Exception {
        for (String p : List.of("s1", "s2", "s3")) {
            copyOrl(p, 4);
        }
        for (int n = 1; n <= 4; n++) {
            cutShort("s3/" + n + ".pgm");
        }
        cutShort("s2/3.pgm");
        cutShort("s2/4.pgm");
        IdentificationSubset subset = FolderIdentificationProtocol.splitPerPerson(dir);
        assertEquals(3, subset.subjects().size());
        IdentificationReport r = FolderIdentificationProtocol.run(subset, new PixelExtractor(4), new ImageDecoder(),
                BadImagePolicy.SKIP, SoftmaxClassifier.Config.defaults(), null);
        assertEquals(1, r.subjects(), "only s1 has readable gallery and probe images");
        assertEquals(2, r.softmax().classes(), "s2 keeps its gallery images, so it is still a class");
        assertEquals(2, r.softmax().probes());
        assertEquals(List.of("s2", "s3"), r.leftOut().stream().map(IdentificationReport.LeftOutSubject::subject).toList());
        assertTrue(r.leftOut().get(0).reason().contains("none of its 2 probe images"), r.leftOut().toString());
        assertTrue(r.leftOut().get(1).reason().contains("none of its 2 gallery images")
                && r.leftOut().get(1).reason().contains("2 probe images are not scored"), r.leftOut().toString());
        assertEquals(6, r.skippedImages());
        assertEquals(dir.resolve("s2/3.pgm"), r.skipped().get(0).file());
        assertTrue(r.skipped().get(0).reason().contains("truncated"), r.skipped().get(0).reason());

        com.google.gson.JsonObject json = r.toJson();
        assertEquals(1, json.get("subjects").getAsInt());
        assertEquals(6, json.getAsJsonArray("skipped").size());
        assertEquals(dir.resolve("s3/4.pgm").toString(),
                json.getAsJsonArray("skipped").get(5).getAsJsonObject().get("file").getAsString());
        assertEquals("s3", json.getAsJsonArray("left_out_subjects").get(1).getAsJsonObject().get("subject").getAsString());
    }
}
