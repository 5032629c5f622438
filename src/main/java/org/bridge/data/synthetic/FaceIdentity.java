package org.bridge.data.synthetic;

import java.awt.Color;
import java.util.Random;

/**
 * The fixed traits of one synthetic person: everything that stays the same across that
 * person's photos. Drawn once from the identity's own seed, so a person never changes when
 * the set is regenerated or when other people are added.
 */
public record FaceIdentity(
        String name,
        double faceWidth,      // half-width of the face ellipse, px at 250x250
        double faceHeight,     // half-height
        double jawNarrowing,   // 0 round .. 1 pointed chin
        Color skin,
        double eyeSpacing,     // half the distance between eye centres
        double eyeSize,
        Color iris,
        double browThickness,
        double browTilt,       // radians, positive = outer ends lower
        double noseLength,
        double noseWidth,
        double mouthWidth,
        Color lips,
        Color hair,
        int hairStyle,         // 0 bald, 1 short, 2 long, 3 fringe
        boolean beard,
        boolean glasses,
        double earSize) {

    private static final Color[] SKINS = {
        new Color(255, 224, 196), new Color(241, 194, 160), new Color(224, 172, 135),
        new Color(198, 134, 98), new Color(161, 102, 70), new Color(120, 78, 52),
        new Color(92, 58, 40), new Color(232, 190, 150)
    };
    private static final Color[] HAIRS = {
        new Color(20, 16, 14), new Color(60, 40, 25), new Color(110, 75, 40),
        new Color(180, 140, 80), new Color(200, 190, 170), new Color(130, 50, 30),
        new Color(90, 90, 90)
    };
    private static final Color[] IRISES = {
        new Color(70, 45, 25), new Color(40, 90, 140), new Color(70, 110, 60),
        new Color(30, 25, 20), new Color(110, 90, 60)
    };

    /** Draws a person's traits from {@code seed}; the same seed always gives the same person. */
    public static FaceIdentity random(String name, long seed) {
        Random r = new Random(seed);
        Color skin = jitter(SKINS[r.nextInt(SKINS.length)], r, 12);
        return new FaceIdentity(
                name,
                48 + r.nextDouble() * 16,
                62 + r.nextDouble() * 16,
                r.nextDouble(),
                skin,
                19 + r.nextDouble() * 5,
                5.0 + r.nextDouble() * 2.5,
                IRISES[r.nextInt(IRISES.length)],
                1.8 + r.nextDouble() * 3.2,
                (r.nextDouble() - 0.5) * 0.5,
                18 + r.nextDouble() * 12,
                7 + r.nextDouble() * 6,
                14 + r.nextDouble() * 10,
                jitter(new Color(175, 85, 85), r, 30),
                jitter(HAIRS[r.nextInt(HAIRS.length)], r, 10),
                r.nextInt(4),
                r.nextDouble() < 0.25,
                r.nextDouble() < 0.2,
                8 + r.nextDouble() * 5);
    }

    private static Color jitter(Color c, Random r, int amount) {
        return new Color(clamp(c.getRed() + r.nextInt(2 * amount + 1) - amount),
                clamp(c.getGreen() + r.nextInt(2 * amount + 1) - amount),
                clamp(c.getBlue() + r.nextInt(2 * amount + 1) - amount));
    }

    static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
