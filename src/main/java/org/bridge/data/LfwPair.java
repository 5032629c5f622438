package org.bridge.data;

/**
 * One line of an LFW pairs file: two images named by person and 1-based image number, the fold
 * the line belongs to (1-based) and the line number in the file (for error messages).
 * Matched lines ({@code name i j}) have {@code personA == personB}.
 */
public record LfwPair(int fold, int line, String personA, int imageA, String personB, int imageB) {

    public boolean matched() {
        return personA.equals(personB);
    }
}
