package org.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.bridge.data.SkippedImages;
import org.bridge.eval.IdentificationReport;
import org.bridge.eval.IdentificationResult;
import org.bridge.experiment.RunFolder;
import org.bridge.experiment.RunStore;
import org.bridge.experiment.TrainedStudentFixture;
import org.bridge.testsupport.RequiredResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentifyCommandTest {

    @TempDir
    Path dir;

    /** Three people, four probes each, 12x12 and 10x14 (smaller than the student's 16 and not square). */
    private Path tinyFaces() throws Exception {
        Path folder = dir.resolve("tiny");
        Random r = new Random(3);
        for (int person = 0; person < 3; person++) {
            Path p = Files.createDirectories(folder.resolve("p" + person));
            for (int n = 1; n <= 4; n++) {
                BufferedImage img = n % 2 == 0 ? new BufferedImage(12, 12, BufferedImage.TYPE_INT_RGB)
                        : new BufferedImage(10, 14, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < img.getHeight(); y++) {
                    for (int x = 0; x < img.getWidth(); x++) {
                        int v = Math.min(255, 60 * person + 20 * x / img.getWidth() + r.nextInt(40));
                        img.setRGB(x, y, v << 16 | v << 8 | v);
                    }
                }
                ImageIO.write(img, "png", p.resolve(n + ".png").toFile());
            }
        }
        return folder;
    }

    private static String identify(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            List<String> all = new ArrayList<>(List.of("identify"));
            all.addAll(List.of(args));
            assertEquals(0, org.bridge.cli.Main.run(all.toArray(String[]::new)), buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tinyProbesAreIdentifiedAndTheFaceBoxPolicyIsReported() throws Exception {
        RequiredResources.teacherWeights(); // auto's detector
        RunFolder run = TrainedStudentFixture.write(new RunStore(dir.resolve("runs")), "fixture", 16);
        Path faces = tinyFaces();
        Path json = dir.resolve("out.json");

        String out = identify("--model", run.dir().toString(), "--folder", faces.toString(), "--json", json.toString());
        // Not LFW frames: the detector looks for each face; where it finds none, the whole image.
        assertTrue(out.contains("  face box: auto ("), out);
        assertTrue(!out.contains("warning"), out);
        JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        JsonObject box = o.getAsJsonObject("face_box");
        assertEquals("auto", box.get("policy").getAsString());
        assertEquals(12, box.get("detector_images").getAsInt() + box.get("no_face_images").getAsInt(), box.toString());
        assertEquals(6, o.getAsJsonObject("softmax").get("probes").getAsInt(), o.toString());

        String lfw = identify("--model", run.dir().toString(), "--folder", faces.toString(), "--json", json.toString(),
                "--face-box", "lfw");
        assertTrue(lfw.contains("  face box: lfw (lfw on 12 images)"), lfw);
        assertTrue(lfw.contains("warning: the face box reaches outside 12 images (e.g. "
                + faces.resolve("p0").resolve("1.png") + ")"), lfw);
        box = JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonObject("face_box");
        assertEquals("lfw", box.get("policy").getAsString());
        assertEquals(12, box.get("box_outside_image").getAsInt());
        assertEquals(faces.resolve("p0").resolve("1.png").toString(), box.get("box_outside_example").getAsString());
    }

    @Test
    void intoRunRecordsTheReportInAFinishedRunFolder() throws Exception {
        RequiredResources.teacherWeights(); // auto's detector
        RunFolder run = TrainedStudentFixture.write(new RunStore(dir.resolve("runs")), "fixture", 16);
        Path faces = tinyFaces();
        String model = run.dir().toString();

        Printed unfinished = Printed.bridge("identify", "--model", model, "--folder", faces.toString(), "--into-run");
        assertTrue(unfinished.code() != 0 && unfinished.err().contains(model + " is not a finished run (no results.json)"),
                unfinished.toString());
        assertEquals(List.of(), run.identifiedFaceSets());

        run.writeJson(RunFolder.RESULTS, java.util.Map.of("accuracy", 0.5));
        Path json = dir.resolve("also.json");
        String out = identify("--model", model, "--folder", faces.toString(), "--into-run", "--json", json.toString());
        Path recorded = run.identificationFile("tiny");
        assertTrue(out.contains("  recorded in " + recorded), out);
        assertEquals(List.of("tiny"), run.identifiedFaceSets());
        assertEquals(Files.readString(json), Files.readString(recorded), "the same report in both places");
        JsonObject o = JsonParser.parseString(Files.readString(recorded)).getAsJsonObject();
        assertEquals(faces.toString(), o.get("folder").getAsString());
        assertEquals(o.getAsJsonObject("softmax").get("top1").getAsDouble(),
                org.bridge.experiment.RunRecord.read(run).identificationTop1("tiny").orElseThrow());
    }

    @Test
    void intoRunRecordsOnlyTheTablesProtocolAndSaysSoBeforeAnyWork() throws Exception {
        RunFolder run = TrainedStudentFixture.write(new RunStore(dir.resolve("runs")), "fixture", 16);
        run.writeJson(RunFolder.RESULTS, java.util.Map.of("accuracy", 0.5));
        Path faces = tinyFaces();
        String model = run.dir().toString();
        for (List<String> extra : List.of(List.of("--flip-average"), List.of("--face-box", "whole"),
                List.of("--resolution", "24"))) {
            List<String> args = new ArrayList<>(List.of("identify", "--model", model, "--folder", faces.toString(),
                    "--into-run"));
            args.addAll(extra);
            Printed p = Printed.bridge(args.toArray(String[]::new));
            assertTrue(p.code() != 0 && p.err().contains("--into-run records the tables' protocol only"), extra + ": " + p);
        }
        Printed teacher = Printed.bridge("identify", "--teacher", "E", "--folder", faces.toString(), "--into-run");
        assertTrue(teacher.code() != 0 && teacher.err().contains("use --model RUN"), teacher.toString());
        Printed pairs = Printed.bridge("identify", "--model", model, "--gallery", faces.toString(), "--probe",
                faces.toString(), "--into-run");
        assertTrue(pairs.code() != 0 && pairs.err().contains("use --folder DIR"), pairs.toString());
        assertEquals(List.of(), run.identifiedFaceSets());
    }

    @Test
    void flipAveragingIsAppliedToGalleryAndProbesAndRecorded() throws Exception {
        RunFolder run = TrainedStudentFixture.write(new RunStore(dir.resolve("runs")), "fixture", 16);
        Path faces = tinyFaces();
        Path json = dir.resolve("flip.json");

        String out = identify("--model", run.dir().toString(), "--folder", faces.toString(), "--face-box", "whole",
                "--flip-average", "--json", json.toString());
        assertTrue(out.startsWith("S-16-c-O+flip at 16x16: "), out);
        JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertTrue(o.get("flip_average").getAsBoolean(), o.toString());
        identify("--model", run.dir().toString(), "--folder", faces.toString(), "--face-box", "whole",
                "--json", json.toString());
        assertTrue(!JsonParser.parseString(Files.readString(json)).getAsJsonObject().get("flip_average").getAsBoolean());
    }

    @Test
    void flipAveragingIsRefusedForATeacher() {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(1, org.bridge.cli.Main.run("identify", "--teacher", "E", "--folder", dir.toString(),
                    "--flip-average"));
        } finally {
            System.setErr(oldErr);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--flip-average is for students"), err.toString());
    }

    private static IdentificationReport report(int unreadable) {
        IdentificationResult r = new IdentificationResult("softmax", 2, 4, 1, 1, new double[] {1, 1});
        List<SkippedImages.Entry> skipped = new ArrayList<>();
        for (int i = 1; i <= unreadable; i++) {
            Path f = Path.of("faces", "Bob", i + ".jpg");
            skipped.add(new SkippedImages.Entry(f, f + ": damaged image (truncated)"));
        }
        return new IdentificationReport(r, r, 4, 0, 2,
                List.of(new IdentificationReport.LeftOutSubject("Bob", "none of its 13 gallery images could be read")),
                skipped);
    }

    @Test
    void eachUnreadableImageIsNamedUpToTheCapAndTheSubjectItCostToo() {
        List<String> lines = IdentifyCommand.leftOutLines(report(25), Path.of("out.json"));
        assertEquals(1 + IdentifyCommand.LISTED_IMAGES + 1 + 1, lines.size(), lines.toString());
        assertEquals("  skipped 25 unreadable images:", lines.get(0));
        assertEquals("    " + Path.of("faces", "Bob", "1.jpg") + ": damaged image (truncated)", lines.get(1));
        assertEquals("    and 5 more (all in out.json)", lines.get(21));
        assertEquals("  left out: Bob: none of its 13 gallery images could be read", lines.get(22));
    }

    @Test
    void aFewAreAllListed() {
        List<String> lines = IdentifyCommand.leftOutLines(report(2), null);
        assertEquals(List.of("  skipped 2 unreadable images:",
                "    " + Path.of("faces", "Bob", "1.jpg") + ": damaged image (truncated)",
                "    " + Path.of("faces", "Bob", "2.jpg") + ": damaged image (truncated)",
                "  left out: Bob: none of its 13 gallery images could be read"), lines);
    }
}
