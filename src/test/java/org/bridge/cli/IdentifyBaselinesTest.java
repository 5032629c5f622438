package org.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.bridge.data.ImageDecoder;
import org.bridge.data.RgbImage;
import org.bridge.degrade.Resampling;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.TrainedStudentFixture;
import org.bridge.testsupport.RequiredResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Teacher baselines and students side by side on a folder set that is not LFW: a few real ORL
 * people, and probes far smaller than any input (12x10 and 7x15 pixels).
 */
class IdentifyBaselinesTest {

    private static final int PEOPLE = 3;

    @TempDir
    Path dir;

    /** ORL people s1..s3, images 1-4 each, as a folder per person (read in place, never copied to the repo). */
    private Path orlSubset() throws Exception {
        Path orl = RequiredResources.orl();
        Path folder = dir.resolve("orl");
        for (int s = 1; s <= PEOPLE; s++) {
            Path person = Files.createDirectories(folder.resolve("s" + s));
            for (int n = 1; n <= 4; n++) {
                Files.copy(orl.resolve("s" + s).resolve(n + ".pgm"), person.resolve(n + ".pgm"));
            }
        }
        return folder;
    }

    /** Gallery: ORL images 1-3 at full size; probes: images 4-5 shrunk to 12x10 and 7x15 pixels. */
    private Path[] tinyProbes() throws Exception {
        Path orl = RequiredResources.orl();
        Path gallery = dir.resolve("gallery");
        Path probes = dir.resolve("probes");
        ImageDecoder decoder = new ImageDecoder();
        for (int s = 1; s <= PEOPLE; s++) {
            Path g = Files.createDirectories(gallery.resolve("s" + s));
            Path p = Files.createDirectories(probes.resolve("s" + s));
            for (int n = 1; n <= 3; n++) {
                Files.copy(orl.resolve("s" + s).resolve(n + ".pgm"), g.resolve(n + ".pgm"));
            }
            RgbImage four = decoder.decode(orl.resolve("s" + s).resolve("4.pgm"));
            RgbImage five = decoder.decode(orl.resolve("s" + s).resolve("5.pgm"));
            ImageIO.write(Resampling.area(four, 12, 10).toBufferedImage(), "png", p.resolve("4.png").toFile());
            ImageIO.write(Resampling.area(five, 7, 15).toBufferedImage(), "png", p.resolve("5.png").toFile());
        }
        return new Path[] {gallery, probes};
    }

    private static String identify(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            List<String> all = new ArrayList<>(List.of("identify"));
            all.addAll(List.of(args));
            assertEquals(0, Main.run(all.toArray(String[]::new)), buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private JsonObject json(Path file) throws Exception {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    @Test
    void teacherBaselineAndStudentIdentifyOrl() throws Exception {
        RequiredResources.teacherWeights();
        Path orl = orlSubset();
        Path out = dir.resolve("teacher.json");
        String teacher = identify("--teacher", "E", "--resolution", "16", "--hallucinate", "bilinear",
                "--folder", orl.toString(), "--json", out.toString());
        assertTrue(teacher.startsWith("teacher E (") && teacher.contains("16x16 up-sampled bilinearly (16-BI): "
                + PEOPLE + " subjects"), teacher);
        // auto: ORL's 92x112 images are not LFW frames, so the detector places the face square.
        assertTrue(teacher.contains("  face box: auto (detector on 12 images)"), teacher);
        JsonObject t = json(out);
        assertEquals("E 16-BI", t.get("model").getAsString());
        assertEquals(16, t.get("resolution").getAsInt());
        assertEquals("bilinear", t.get("hallucinate").getAsString());
        assertEquals(6, t.getAsJsonObject("softmax").get("probes").getAsInt());
        // 16-BI of E tells three ORL people apart far above chance (1/3) from 16x16 faces.
        assertTrue(t.getAsJsonObject("nearest_class_mean").get("top1").getAsDouble() > 0.6, t.toString());

        RunFolder run = TrainedStudentFixture.write(new RunStore(dir.resolve("runs")), "fixture", 16);
        String student = identify("--model", run.dir().toString(), "--folder", orl.toString(), "--json", out.toString());
        assertTrue(student.contains("at 16x16: " + PEOPLE + " subjects"), student);
        assertEquals(16, json(out).get("resolution").getAsInt());
        assertEquals(6, json(out).getAsJsonObject("softmax").get("probes").getAsInt());
    }

    @Test
    void probesSmallerThanTheInputAreUpSampledAndSaidSo() throws Exception {
        RequiredResources.teacherWeights();
        Path[] gp = tinyProbes();
        Path out = dir.resolve("tiny.json");
        String bi = identify("--teacher", "E", "--resolution", "16", "--gallery", gp[0].toString(),
                "--probe", gp[1].toString(), "--json", out.toString());
        assertTrue(bi.contains("  " + 2 * PEOPLE + " images with a face smaller than 16x16 pixels were up-sampled"
                + " bilinearly to it"), bi);
        JsonObject box = json(out).getAsJsonObject("face_box");
        assertEquals(2 * PEOPLE, box.get("upsampled_images").getAsInt());
        assertEquals(16, box.get("needed_face_side").getAsInt());
        assertEquals(2 * PEOPLE, json(out).getAsJsonObject("softmax").get("probes").getAsInt());

        // The full-resolution teacher needs LFW's 148-pixel face square: every ORL image is enlarged too.
        String hr = identify("--teacher", "V", "--gallery", gp[0].toString(), "--probe", gp[1].toString(),
                "--face-box", "relative", "--json", out.toString());
        assertTrue(hr.contains("full resolution") && hr.contains("face box: relative (relative on 15 images)"), hr);
        assertEquals(5 * PEOPLE, json(out).getAsJsonObject("face_box").get("upsampled_images").getAsInt());

        RunFolder run = TrainedStudentFixture.write(new RunStore(dir.resolve("runs")), "fixture", 16);
        String student = identify("--model", run.dir().toString(), "--gallery", gp[0].toString(),
                "--probe", gp[1].toString(), "--json", out.toString());
        assertTrue(student.contains("  " + 2 * PEOPLE + " images with a face smaller than 16x16 pixels"), student);
        assertEquals(2 * PEOPLE, json(out).getAsJsonObject("face_box").get("upsampled_images").getAsInt());
    }

    /** BlazeFace places LFW's face square on each ORL face, for a student and a teacher alike; tiny probes fall back whole. */
    @Test
    void theDetectorFramesOrlFacesAndTinyProbesFallBackToTheWholeImage() throws Exception {
        RequiredResources.teacherWeights();
        Path orl = orlSubset();
        Path out = dir.resolve("detector.json");
        RunFolder run = TrainedStudentFixture.write(new RunStore(dir.resolve("runs")), "fixture", 16);
        String student = identify("--model", run.dir().toString(), "--folder", orl.toString(), "--face-box", "detector",
                "--json", out.toString());
        assertTrue(student.contains("  face box: detector (detector on " + 4 * PEOPLE + " images)"), student);
        // ORL's crops are tight: LFW's square around the face takes in more than the image holds.
        assertTrue(student.contains("  note: LFW's face square around the detected face reaches outside "), student);
        assertTrue(!student.contains("warning"), student);
        JsonObject box = json(out).getAsJsonObject("face_box");
        assertEquals("detector", box.get("policy").getAsString());
        assertEquals(4 * PEOPLE, box.get("detector_images").getAsInt());
        assertEquals(0, box.get("whole_images").getAsInt());

        String teacher = identify("--teacher", "E", "--resolution", "16", "--folder", orl.toString(),
                "--face-box", "detector", "--json", out.toString());
        assertTrue(teacher.contains("  face box: detector (detector on " + 4 * PEOPLE + " images)"), teacher);
        assertTrue(json(out).getAsJsonObject("nearest_class_mean").get("top1").getAsDouble() > 0.6, teacher);

        Path[] gp = tinyProbes();
        String tiny = identify("--model", run.dir().toString(), "--gallery", gp[0].toString(), "--probe", gp[1].toString(),
                "--face-box", "detector", "--json", out.toString());
        box = json(out).getAsJsonObject("face_box");
        assertEquals(5 * PEOPLE, box.get("detector_images").getAsInt() + box.get("no_face_images").getAsInt(), tiny);
        assertEquals(0, box.get("whole_images").getAsInt(), tiny);
        assertEquals(2 * PEOPLE, json(out).getAsJsonObject("softmax").get("probes").getAsInt());
    }

    @Test
    void hallucinationIsForTeachersOnly() throws Exception {
        RunFolder run = TrainedStudentFixture.write(new RunStore(dir.resolve("runs")), "fixture", 16);
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertNotEquals(0, Main.run(new String[] {"identify", "--model", run.dir().toString(), "--resolution", "16",
                "--hallucinate", "bilinear", "--folder", dir.toString()}));
            assertNotEquals(0, Main.run(new String[] {"identify", "--teacher", "E", "--hallucinate", "bilinear",
                "--folder", dir.toString()}));
            assertNotEquals(0, Main.run(new String[] {"identify", "--teacher", "E", "--model", run.dir().toString(),
                "--folder", dir.toString()}));
        } finally {
            System.setErr(old);
        }
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("--hallucinate is for a teacher baseline"), e);
        assertTrue(e.contains("--hallucinate needs --resolution P"), e);
        assertTrue(e.contains("mutually exclusive"), e);
    }
}
