package org.bridge.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.bridge.config.BridgeLocations;
import org.bridge.config.OutputPaths;
import org.bridge.data.synthetic.SyntheticFaceSet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sample-data", mixinStandardHelpOptions = true,
        description = "Generate the bundled synthetic face set (folder per identity + LFW-format pairs.txt).")
final class SampleDataCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: the project's sample-data/).")
    Path out;

    @Option(names = "--identities", description = "Number of people (default: ${DEFAULT-VALUE}).")
    int identities = SyntheticFaceSet.Spec.bundled().identities();

    @Option(names = "--images", description = "Images per person (default: ${DEFAULT-VALUE}).")
    int images = SyntheticFaceSet.Spec.bundled().imagesPerIdentity();

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = SyntheticFaceSet.Spec.bundled().seed();

    @Override
    public Integer call() throws IOException {
        SyntheticFaceSet.Spec b = SyntheticFaceSet.Spec.bundled();
        SyntheticFaceSet set = new SyntheticFaceSet(new SyntheticFaceSet.Spec(identities, images, b.folds(),
                b.pairsPerFold(), seed, b.jpegQuality()));
        Path dir = out != null ? out : BridgeLocations.fromSystem().sampleData();
        OutputPaths.requireWritableDirectory("--out", dir);
        set.writeTo(dir);
        System.out.printf("wrote %d people x %d images and pairs.txt (%d folds x %d+%d pairs) to %s%n",
                identities, images, b.folds(), b.pairsPerFold(), b.pairsPerFold(), dir);
        return 0;
    }
}
