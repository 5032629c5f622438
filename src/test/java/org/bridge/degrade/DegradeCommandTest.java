package org.bridge.degrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.bridge.cli.Main;
import org.bridge.data.synthetic.SyntheticFaceSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code degrade} command, run in-process. */
class DegradeCommandTest {

    @Test
    void writesSixteenPngsAndParamsIdenticallyTwice(@TempDir Path dir) throws IOException {
        Path face = dir.resolve("Someone_0001.jpg");
        ImageIO.write(new SyntheticFaceSet(SyntheticFaceSet.Spec.bundled()).render(3, 2), "jpg", face.toFile());
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, Main.run("degrade", face.toString(), "--resolution", "16", "--out", a.toString(), "--seed", "5"));
        assertEquals(0, Main.run("degrade", face.toString(), "--resolution", "16", "--out", b.toString(), "--seed", "5"));
        List<String> names = list(a);
        assertEquals(17, names.size(), names.toString());
        assertTrue(names.contains("Someone_0001_p16_00.png") && names.contains("Someone_0001_p16_15.png"), names.toString());
        assertTrue(names.contains("params.json"));
        assertEquals(names, list(b));
        for (String n : names) {
            assertArrayEquals(Files.readAllBytes(a.resolve(n)), Files.readAllBytes(b.resolve(n)), n);
        }
        BufferedImage first = ImageIO.read(a.resolve("Someone_0001_p16_00.png").toFile());
        assertEquals(16, first.getWidth());
        assertEquals(16, first.getHeight());
        assertEquals(DegradationParams.defaults(), DegradationParams.read(a.resolve("params.json")));

        // Another seed changes the pictures.
        Path c = dir.resolve("c");
        assertEquals(0, Main.run("degrade", face.toString(), "--out", c.toString(), "--seed", "6"));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve("Someone_0001_p16_03.png")),
                Files.readAllBytes(c.resolve("Someone_0001_p16_03.png"))));
    }

    @Test
    void paramsCountAndUpsampleOptionsAreHonoured(@TempDir Path dir) throws IOException {
        Path face = dir.resolve("f.png");
        ImageIO.write(new SyntheticFaceSet(SyntheticFaceSet.Spec.bundled()).render(1, 1), "png", face.toFile());
        Path params = dir.resolve("clean.json");
        DegradationParams.clean().write(params);
        Path out = dir.resolve("out");
        assertEquals(0, Main.run("degrade", face.toString(), "--resolution", "24", "--out", out.toString(),
                "--params", params.toString(), "--count", "3", "--upsample", "96"));
        assertEquals(List.of("f_p24_00.png", "f_p24_00_bi96.png", "f_p24_01.png", "f_p24_01_bi96.png", "f_p24_02.png",
                "f_p24_02_bi96.png", "params.json"), list(out));
        assertEquals(96, ImageIO.read(out.resolve("f_p24_01_bi96.png").toFile()).getWidth());
        assertEquals(DegradationParams.clean().withCount(3), DegradationParams.read(out.resolve("params.json")));
        // A clean pipeline has nothing random: all three are the same picture.
        assertArrayEquals(Files.readAllBytes(out.resolve("f_p24_00.png")), Files.readAllBytes(out.resolve("f_p24_02.png")));
    }

    @Test
    void corruptImageGivesOneLineErrorNamingTheFile(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("broken.jpg");
        Files.write(bad, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00, 0x13, 0x37});
        String err = runCapturingErr("degrade", bad.toString(), "--out", dir.resolve("o").toString());
        assertTrue(err.startsWith("error: ") && err.contains(bad.toString()), err);
        assertEquals(1, err.strip().lines().count(), err);

        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not an image");
        String err2 = runCapturingErr("degrade", text.toString(), "--out", dir.resolve("o").toString());
        assertTrue(err2.startsWith("error: ") && err2.contains(text.toString()), err2);

        // A truncated JPEG: ImageIO would decode it with a grey lower part and only a warning.
        Path whole = dir.resolve("whole.jpg");
        ImageIO.write(new SyntheticFaceSet(SyntheticFaceSet.Spec.bundled()).render(2, 1), "jpg", whole.toFile());
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = dir.resolve("truncated.jpg");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        String err4 = runCapturingErr("degrade", truncated.toString(), "--out", dir.resolve("o").toString());
        assertTrue(err4.startsWith("error: ") && err4.contains(truncated.toString()), err4);

        Path badParams = dir.resolve("p.json");
        Files.writeString(badParams, "{\"blur\": 1}");
        Path face = dir.resolve("f.png");
        ImageIO.write(new SyntheticFaceSet(SyntheticFaceSet.Spec.bundled()).render(1, 1), "png", face.toFile());
        String err3 = runCapturingErr("degrade", face.toString(), "--out", dir.resolve("o").toString(),
                "--params", badParams.toString());
        assertTrue(err3.startsWith("error: " + badParams + ": unknown key 'blur'"), err3);
    }

    private static String runCapturingErr(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(1, Main.run(args));
        } finally {
            System.setErr(saved);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
