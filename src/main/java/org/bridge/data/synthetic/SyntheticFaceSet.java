package org.bridge.data.synthetic;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Generates the bundled sample face set: synthetic people, each a stable parametric face,
 * photographed under varied pose, expression and lighting, in LFW's layout
 * ({@code Name/Name_0001.jpg}) with an LFW-format {@code pairs.txt} whose folds are
 * identity-disjoint. Real face sets cannot be redistributed in the repository; this one can,
 * and it exercises every code path that LFW does.
 */
public final class SyntheticFaceSet {

    /** What to generate. */
    public record Spec(int identities, int imagesPerIdentity, int folds, int pairsPerFold, long seed,
                       float jpegQuality) {

        /** The set committed under {@code sample-data/}. */
        public static Spec bundled() {
            return new Spec(40, 12, 10, 30, 20201011L, 0.85f);
        }

        public Spec {
            if (identities % folds != 0 || identities / folds < 2) {
                throw new IllegalArgumentException("identities must split into folds of at least 2 people");
            }
            if (imagesPerIdentity < 2) {
                throw new IllegalArgumentException("each identity needs at least 2 images for matched pairs");
            }
        }
    }

    /** One matched ({@code nameA == nameB}) or mismatched pair, image numbers 1-based. */
    public record Pair(String nameA, int imageA, String nameB, int imageB) {
        public boolean matched() {
            return nameA.equals(nameB);
        }
    }

    private final Spec spec;
    private final FaceRenderer renderer = new FaceRenderer();

    public SyntheticFaceSet(Spec spec) {
        this.spec = spec;
    }

    public Spec spec() {
        return spec;
    }

    public static String personName(int index) {
        return String.format("Synthetic_%02d", index + 1);
    }

    public static String imageFileName(String person, int number) {
        return String.format("%s_%04d.jpg", person, number);
    }

    public FaceIdentity identity(int index) {
        return FaceIdentity.random(personName(index), spec.seed() * 1_000_003L + index);
    }

    public FaceShot shot(int identity, int image) {
        return FaceShot.random(spec.seed() ^ (identity * 7919L + image * 104_729L + 17L));
    }

    /** Renders image {@code number} (1-based) of person {@code identity} (0-based). */
    public BufferedImage render(int identity, int number) {
        return renderer.render(identity(identity), shot(identity, number),
                spec.seed() + identity * 31L + number * 131L);
    }

    /** Pairs in file order: per fold, the matched pairs then the mismatched ones. */
    public List<Pair> pairs() {
        Random r = new Random(spec.seed() + 99);
        int perFold = spec.identities() / spec.folds();
        List<Pair> out = new ArrayList<>();
        for (int fold = 0; fold < spec.folds(); fold++) {
            int first = fold * perFold;
            Set<Pair> matched = new LinkedHashSet<>();
            while (matched.size() < spec.pairsPerFold()) {
                String name = personName(first + r.nextInt(perFold));
                int a = 1 + r.nextInt(spec.imagesPerIdentity());
                int b = 1 + r.nextInt(spec.imagesPerIdentity());
                if (a != b) {
                    matched.add(new Pair(name, Math.min(a, b), name, Math.max(a, b)));
                }
            }
            Set<Pair> mismatched = new LinkedHashSet<>();
            while (mismatched.size() < spec.pairsPerFold()) {
                int p = first + r.nextInt(perFold);
                int q = first + r.nextInt(perFold);
                if (p != q) {
                    int lo = Math.min(p, q);
                    int hi = Math.max(p, q);
                    mismatched.add(new Pair(personName(lo), 1 + r.nextInt(spec.imagesPerIdentity()),
                            personName(hi), 1 + r.nextInt(spec.imagesPerIdentity())));
                }
            }
            out.addAll(matched);
            out.addAll(mismatched);
        }
        return out;
    }

    /** Writes images, {@code pairs.txt} and a README into {@code dir} (created if needed). */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int p = 0; p < spec.identities(); p++) {
            String name = personName(p);
            Path personDir = dir.resolve(name);
            Files.createDirectories(personDir);
            for (int n = 1; n <= spec.imagesPerIdentity(); n++) {
                writeJpeg(render(p, n), personDir.resolve(imageFileName(name, n)), spec.jpegQuality());
            }
        }
        Files.writeString(dir.resolve("pairs.txt"), pairsText(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(org.bridge.data.DatasetSummary.DESCRIPTOR), descriptorText(), StandardCharsets.UTF_8);
    }

    /** Declares the set as synthetic so front ends can say so plainly. */
    public String descriptorText() {
        return "# Written by `java -jar target/bridge.jar sample-data`; see README.md in this folder.\n"
                + "name=Bridge synthetic sample faces\n"
                + "synthetic=true\n"
                + "identities=" + spec.identities() + "\n"
                + "imagesPerIdentity=" + spec.imagesPerIdentity() + "\n"
                + "seed=" + spec.seed() + "\n";
    }

    /** The pairs in LFW's {@code pairs.txt} format (tab-separated, header "folds pairsPerFold"). */
    public String pairsText() {
        StringBuilder sb = new StringBuilder();
        sb.append(spec.folds()).append('\t').append(spec.pairsPerFold()).append('\n');
        for (Pair pair : pairs()) {
            if (pair.matched()) {
                sb.append(pair.nameA()).append('\t').append(pair.imageA()).append('\t').append(pair.imageB());
            } else {
                sb.append(pair.nameA()).append('\t').append(pair.imageA()).append('\t')
                        .append(pair.nameB()).append('\t').append(pair.imageB());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static void writeJpeg(BufferedImage img, Path file, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        } finally {
            writer.dispose();
        }
    }
}
