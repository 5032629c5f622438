package org.bridge.data.synthetic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Draws a {@link FaceIdentity} as it looks in one {@link FaceShot}, with Java2D, on a 250x250
 * canvas framed like deep-funneled LFW (eyes near (103, 113) and (147, 112)), so that the same
 * crops and alignment templates apply to the sample set and to LFW.
 */
public final class FaceRenderer {

    public static final int SIZE = 250;
    /** Where the midpoint between the eyes sits in an unposed face, as in deep-funneled LFW. */
    static final double EYE_CX = 125;
    static final double EYE_CY = 112.8;

    public BufferedImage render(FaceIdentity id, FaceShot shot, long noiseSeed) {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            drawBackground(g, shot);
            AffineTransform pose = new AffineTransform();
            pose.translate(EYE_CX + shot.dx(), EYE_CY + shot.dy());
            pose.rotate(shot.roll());
            pose.scale(shot.scale(), shot.scale());
            g.transform(pose);
            drawHead(g, id, shot);
        } finally {
            g.dispose();
        }
        applyLightAndNoise(img, shot, noiseSeed);
        return img;
    }

    private static void drawBackground(Graphics2D g, FaceShot shot) {
        float[] hsb = shot.background();
        Color top = Color.getHSBColor(hsb[0], hsb[1], hsb[2]);
        Color bottom = Color.getHSBColor(hsb[0], hsb[1], Math.max(0f, hsb[2] - 0.25f));
        g.setPaint(new GradientPaint(0, 0, top, 0, SIZE, bottom));
        g.fillRect(0, 0, SIZE, SIZE);
        // Shoulders, so the face is not floating; their colour is part of the scene, not the person.
        g.setColor(Color.getHSBColor((hsb[0] + 0.5f) % 1f, 0.3f, 0.35f));
        g.fill(new Ellipse2D.Double(SIZE / 2.0 - 110, SIZE - 45, 220, 140));
    }

    /** Everything of the head, in face coordinates: origin between the eyes, y down. */
    private static void drawHead(Graphics2D g, FaceIdentity id, FaceShot s) {
        double yaw = s.yaw();
        double turn = 1 - 0.18 * Math.abs(yaw);
        double fw = id.faceWidth() * turn;
        double fh = id.faceHeight();
        double faceCy = 0.22 * fh;                   // centre of the face below the eye line
        double shiftX = yaw * id.faceWidth() * 0.33; // features slide toward the turned side
        double shiftY = s.pitch() * 7;
        Color skin = id.skin();

        // Neck.
        g.setColor(darker(skin, 0.85));
        g.fill(new Path2D.Double(new java.awt.Rectangle.Double(-fw * 0.45, faceCy + fh * 0.6, fw * 0.9, fh * 0.9)));

        // Hair behind the head (long style).
        if (id.hairStyle() == 2) {
            g.setColor(id.hair());
            g.fill(new Ellipse2D.Double(-fw * 1.2, faceCy - fh * 1.15, fw * 2.4, fh * 2.2));
        }

        // Ears.
        g.setColor(darker(skin, 0.93));
        double earY = faceCy - fh * 0.12 + shiftY * 0.5;
        double e = id.earSize();
        g.fill(new Ellipse2D.Double(-fw - e * 0.6 + shiftX * 0.2, earY - e, e * 1.3, e * 2.2));
        g.fill(new Ellipse2D.Double(fw - e * 0.7 + shiftX * 0.2, earY - e, e * 1.3, e * 2.2));

        // Face outline: an ellipse whose lower half narrows toward the chin.
        GeneralPath face = new GeneralPath();
        int steps = 64;
        for (int i = 0; i <= steps; i++) {
            double t = 2 * Math.PI * i / steps;
            double x = Math.cos(t) * fw;
            double y = Math.sin(t) * fh;
            if (y > 0) {
                x *= 1 - id.jawNarrowing() * 0.35 * (y / fh) * (y / fh);
            }
            x += shiftX * 0.25 * (1 - Math.abs(Math.sin(t)));
            if (i == 0) {
                face.moveTo(x, faceCy + y);
            } else {
                face.lineTo(x, faceCy + y);
            }
        }
        face.closePath();
        g.setColor(skin);
        g.fill(face);

        // Beard: darker lower face.
        if (id.beard()) {
            java.awt.Shape old = g.getClip();
            g.clip(face);
            g.setColor(new Color(id.hair().getRed(), id.hair().getGreen(), id.hair().getBlue(), 200));
            g.fill(new Ellipse2D.Double(-fw * 1.1 + shiftX * 0.3, faceCy + fh * 0.25 + shiftY, fw * 2.2, fh * 1.2));
            g.setClip(old);
        }

        // Hair on top.
        g.setColor(id.hair());
        switch (id.hairStyle()) {
            case 1, 2 -> g.fill(new Arc2D.Double(-fw * 1.05, faceCy - fh * 1.08, fw * 2.1, fh * 1.25, 0, 180, Arc2D.CHORD));
            case 3 -> {
                g.fill(new Arc2D.Double(-fw * 1.05, faceCy - fh * 1.08, fw * 2.1, fh * 1.25, 0, 180, Arc2D.CHORD));
                g.fill(new Ellipse2D.Double(-fw * 0.9 + shiftX * 0.3, faceCy - fh * 0.78, fw * 1.5, fh * 0.42));
            }
            default -> {
                // Bald: a little shading at the crown instead.
                g.setColor(darker(skin, 0.9));
                g.fill(new Arc2D.Double(-fw * 0.7, faceCy - fh * 1.0, fw * 1.4, fh * 0.5, 0, 180, Arc2D.CHORD));
            }
        }

        // Eyes, brows.
        for (int side = -1; side <= 1; side += 2) {
            // The eye on the side the head turns away from looks narrower.
            double foreshorten = 1 - 0.35 * Math.max(0, side * yaw);
            double ex = side * id.eyeSpacing() * turn + shiftX;
            double ey = shiftY;
            double ew = id.eyeSize() * 1.6 * foreshorten;
            double eh = id.eyeSize() * s.eyeOpen();
            g.setColor(new Color(245, 245, 240));
            g.fill(new Ellipse2D.Double(ex - ew, ey - eh, 2 * ew, 2 * eh));
            double ir = Math.min(id.eyeSize() * 0.75, Math.max(eh, 1.0));
            g.setColor(id.iris());
            g.fill(new Ellipse2D.Double(ex - ir + yaw * 1.5, ey - ir, 2 * ir, 2 * ir));
            g.setColor(Color.BLACK);
            g.fill(new Ellipse2D.Double(ex - ir * 0.45 + yaw * 1.5, ey - ir * 0.45, ir * 0.9, ir * 0.9));
            g.setColor(darker(skin, 0.6));
            g.setStroke(new BasicStroke(1.2f));
            g.draw(new Arc2D.Double(ex - ew, ey - eh, 2 * ew, 2 * eh, 0, 180, Arc2D.OPEN));

            double by = ey - id.eyeSize() * 1.9 - 3 * s.browRaise();
            g.setColor(darker(id.hair(), 0.9));
            g.setStroke(new BasicStroke((float) id.browThickness(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            double inner = ex - side * ew * 0.9;
            double outer = ex + side * ew * 1.1;
            g.draw(new QuadCurve2D.Double(inner, by, ex, by - 3, outer, by + id.browTilt() * 10));

            if (id.glasses()) {
                g.setColor(new Color(30, 30, 30));
                g.setStroke(new BasicStroke(2f));
                g.draw(new Ellipse2D.Double(ex - ew * 1.5, ey - id.eyeSize() * 1.5, ew * 3, id.eyeSize() * 3));
            }
        }
        if (id.glasses()) {
            g.draw(new java.awt.geom.Line2D.Double(-id.eyeSpacing() * turn + id.eyeSize() * 1.6 + shiftX, shiftY,
                    id.eyeSpacing() * turn - id.eyeSize() * 1.6 + shiftX, shiftY));
        }

        // Nose: a ridge line and a shaded base.
        double nx = shiftX * 1.15;
        double noseTip = id.noseLength() + shiftY;
        g.setColor(darker(skin, 0.72));
        g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new QuadCurve2D.Double(nx - yaw * 2, shiftY + 4, nx + yaw * 6, noseTip * 0.7, nx, noseTip));
        g.fill(new Ellipse2D.Double(nx - id.noseWidth() * 0.5, noseTip - 2.5, id.noseWidth(), 5));

        // Mouth: a curve whose bend follows the expression; open mouths show a dark gap.
        double my = noseTip + 14 + s.pitch() * 2;
        double mw = id.mouthWidth() * (1 - 0.2 * Math.abs(yaw));
        double bend = 7 * s.smile();
        double open = s.mouthOpen() * 7;
        if (open > 0.5) {
            g.setColor(new Color(60, 20, 20));
            GeneralPath gap = new GeneralPath();
            gap.moveTo(nx - mw, my);
            gap.quadTo(nx, my + bend - 1, nx + mw, my);
            gap.quadTo(nx, my + bend + open, nx - mw, my);
            g.fill(gap);
        }
        g.setColor(id.lips());
        g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new QuadCurve2D.Double(nx - mw, my, nx, my + bend, nx + mw, my));
    }

    /** Directional light as a brightness ramp, global exposure, and sensor noise. */
    private static void applyLightAndNoise(BufferedImage img, FaceShot s, long seed) {
        Random r = new Random(seed);
        double lx = Math.cos(s.lightAngle());
        double ly = Math.sin(s.lightAngle());
        int[] px = img.getRGB(0, 0, SIZE, SIZE, null, 0, SIZE);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double along = ((x - SIZE / 2.0) * lx + (y - SIZE / 2.0) * ly) / (SIZE / 2.0);
                double gain = s.brightness() * (1 + s.lightStrength() * 0.5 * along);
                int p = px[y * SIZE + x];
                int rr = channel((p >> 16) & 255, gain, r, s.noise());
                int gg = channel((p >> 8) & 255, gain, r, s.noise());
                int bb = channel(p & 255, gain, r, s.noise());
                px[y * SIZE + x] = (rr << 16) | (gg << 8) | bb;
            }
        }
        img.setRGB(0, 0, SIZE, SIZE, px, 0, SIZE);
    }

    private static int channel(int v, double gain, Random r, double noise) {
        return FaceIdentity.clamp((int) Math.round(v * gain + r.nextGaussian() * noise));
    }

    private static Color darker(Color c, double f) {
        return new Color(FaceIdentity.clamp((int) (c.getRed() * f)), FaceIdentity.clamp((int) (c.getGreen() * f)),
                FaceIdentity.clamp((int) (c.getBlue() * f)));
    }
}
