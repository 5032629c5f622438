package org.bridge.distill.fast;

import java.nio.FloatBuffer;

/**
 * 2x2 max pooling with stride 2 and truncation (odd last rows/columns dropped), channels-last.
 * The forward pass records which of the four inputs won (the first of equal maxima, in row
 * order), and the backward pass sends each output gradient to that input alone.
 */
final class MaxPoolKernels {

    private MaxPoolKernels() {
    }

    static void forward(Parallel par, FloatBuffer x, FloatBuffer y, byte[] winner, int n, int h, int w, int channels) {
        int oh = h / 2;
        int ow = w / 2;
        par.forRange(n, (part, from, to) -> {
            for (int s = from; s < to; s++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        int out = ((s * oh + oy) * ow + ox) * channels;
                        int in00 = ((s * h + 2 * oy) * w + 2 * ox) * channels;
                        int in01 = in00 + channels;
                        int in10 = in00 + w * channels;
                        int in11 = in10 + channels;
                        for (int c = 0; c < channels; c++) {
                            float best = x.get(in00 + c);
                            byte at = 0;
                            float v = x.get(in01 + c);
                            if (v > best) {
                                best = v;
                                at = 1;
                            }
                            v = x.get(in10 + c);
                            if (v > best) {
                                best = v;
                                at = 2;
                            }
                            v = x.get(in11 + c);
                            if (v > best) {
                                best = v;
                                at = 3;
                            }
                            y.put(out + c, best);
                            winner[out + c] = at;
                        }
                    }
                }
            }
        });
    }

    static void backward(Parallel par, FloatBuffer dy, FloatBuffer dx, byte[] winner, int n, int h, int w,
                         int channels) {
        int oh = h / 2;
        int ow = w / 2;
        par.forRange(n, (part, from, to) -> {
            int sample = h * w * channels;
            for (int j = from * sample; j < to * sample; j++) {
                dx.put(j, 0f);
            }
            for (int s = from; s < to; s++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        int out = ((s * oh + oy) * ow + ox) * channels;
                        int in00 = ((s * h + 2 * oy) * w + 2 * ox) * channels;
                        for (int c = 0; c < channels; c++) {
                            int at = winner[out + c];
                            int in = in00 + (at >= 2 ? w * channels : 0) + ((at & 1) == 1 ? channels : 0) + c;
                            dx.put(in, dy.get(out + c));
                        }
                    }
                }
            }
        });
    }
}
