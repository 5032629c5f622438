package org.bridge.data.synthetic;

import java.util.Random;

/**
 * What changes from one photo of a person to the next: pose, expression, lighting, framing and
 * background. Drawn from the photo's own seed.
 */
public record FaceShot(
        double yaw,          // -1 .. 1, turning the head left/right
        double roll,         // radians, in-plane tilt
        double pitch,        // -1 .. 1, nodding: shifts features vertically
        double scale,
        double dx,
        double dy,
        double smile,        // -1 frown .. 1 smile
        double mouthOpen,    // 0 .. 1
        double browRaise,    // -1 .. 1
        double eyeOpen,      // 0.3 .. 1
        double lightAngle,   // radians, direction the light comes from
        double lightStrength,// 0 .. 1
        double brightness,   // multiplier
        float[] background,  // HSB of the background
        double noise) {

    public static FaceShot random(long seed) {
        Random r = new Random(seed);
        return new FaceShot(
                (r.nextDouble() * 2 - 1) * 0.45,
                Math.toRadians((r.nextDouble() * 2 - 1) * 9),
                (r.nextDouble() * 2 - 1) * 0.4,
                0.93 + r.nextDouble() * 0.14,
                (r.nextDouble() * 2 - 1) * 4,
                (r.nextDouble() * 2 - 1) * 4,
                r.nextDouble() * 2 - 1,
                r.nextDouble() < 0.3 ? r.nextDouble() : 0,
                r.nextDouble() * 2 - 1,
                0.35 + r.nextDouble() * 0.65,
                r.nextDouble() * 2 * Math.PI,
                0.15 + r.nextDouble() * 0.5,
                0.75 + r.nextDouble() * 0.45,
                new float[] {r.nextFloat(), 0.1f + r.nextFloat() * 0.35f, 0.35f + r.nextFloat() * 0.55f},
                1.5 + r.nextDouble() * 3);
    }
}
