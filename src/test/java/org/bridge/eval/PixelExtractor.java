package org.bridge.eval;

import org.bridge.data.RgbImage;

/**
 * A baseline extractor for tests: the grey image averaged over {@code cell x cell} blocks.
 * Crude, but real: on ORL such "eigenface-free" pixels already identify most people.
 */
final class PixelExtractor implements FeatureExtractor {

    private final int cell;

    PixelExtractor(int cell) {
        this.cell = cell;
    }

    @Override
    public String name() {
        return "pixels/" + cell;
    }

    @Override
    public float[] extract(RgbImage face) {
        int w = face.width() / cell;
        int h = face.height() / cell;
        float[] f = new float[w * h];
        for (int y = 0; y < h * cell; y++) {
            for (int x = 0; x < w * cell; x++) {
                float grey = (face.get(x, y, 0) + face.get(x, y, 1) + face.get(x, y, 2)) / 3;
                f[(y / cell) * w + x / cell] += grey / (cell * cell);
            }
        }
        return f;
    }
}
