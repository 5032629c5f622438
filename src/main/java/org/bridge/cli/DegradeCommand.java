package org.bridge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import javax.imageio.ImageIO;

import org.bridge.config.OutputPaths;
import org.bridge.config.UserFacingException;
import org.bridge.data.ImageDecoder;
import org.bridge.data.RgbImage;
import org.bridge.degrade.Degradation;
import org.bridge.degrade.DegradationParams;
import org.bridge.degrade.DegradationRandom;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Shows what the degradation pipeline D(I) makes of one face: writes its perturbed
 * low-resolution versions as PNG, plus the parameters used as {@code params.json} (which
 * {@code --params} reads back). Same image, seed and parameters give byte-identical files.
 */
@Command(name = "degrade", mixinStandardHelpOptions = true,
        description = "Write the perturbed, degraded low-resolution versions of one face image (D(I) of the paper) "
                + "as IMAGE-stem_pP_NN.png, plus params.json.")
final class DegradeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IMAGE",
            description = "Face image (JPEG, PNG, BMP or PGM), framed like deep-funneled LFW unless --params sets baseBox.")
    Path image;

    @Option(names = "--resolution", paramLabel = "P", description = "Output side p in pixels (default: ${DEFAULT-VALUE}).")
    int resolution = 16;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--seed", description = "Experiment seed; the image is image 0 of it (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--count", description = "Number of perturbations (default: the parameters' count, 16).")
    Integer count;

    @Option(names = "--params", paramLabel = "FILE",
            description = "Degradation parameters as JSON; missing keys take their defaults.")
    Path paramsFile;

    @Option(names = "--upsample", paramLabel = "N",
            description = "Also write each output bilinearly up-sampled to N x N (the paper's BI baseline) "
                    + "as ..._biN.png.")
    Integer upsample;

    @Override
    public Integer call() throws IOException {
        OptionChecks.studentResolution("--resolution", resolution);
        if (upsample != null) {
            OptionChecks.inRange("--upsample", upsample, 1, OptionChecks.MAX_UPSAMPLED);
        }
        OutputPaths.requireWritableDirectory("--out", out);
        DegradationParams params = paramsFile != null ? DegradationParams.read(paramsFile) : DegradationParams.defaults();
        if (count != null) {
            if (count < 1) {
                throw new UserFacingException("--count must be >= 1, got " + count);
            }
            params = params.withCount(count);
        }
        // ImageDecoder turns unreadable, corrupt and truncated files (ImageIO only warns about
        // those) into a one-line error naming the file.
        RgbImage hr = new ImageDecoder().decode(image);
        Degradation degradation = new Degradation(params);
        List<RgbImage> lrs = degradation.perturbations(hr, resolution, DegradationRandom.imageSeed(seed, 0));

        Files.createDirectories(out);
        String stem = stem(image);
        for (int i = 0; i < lrs.size(); i++) {
            String name = String.format(Locale.ROOT, "%s_p%d_%02d", stem, resolution, i);
            writePng(lrs.get(i), out.resolve(name + ".png"));
            if (upsample != null) {
                writePng(Degradation.bilinearUpsample(lrs.get(i), upsample), out.resolve(name + "_bi" + upsample + ".png"));
            }
        }
        params.write(out.resolve("params.json"));
        System.out.printf(Locale.ROOT, "wrote %d degraded %dx%d versions of %s (seed %d) and params.json to %s%n",
                lrs.size(), resolution, resolution, image, seed, out);
        return 0;
    }

    private static void writePng(RgbImage img, Path file) throws IOException {
        if (!ImageIO.write(img.toBufferedImage(), "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
