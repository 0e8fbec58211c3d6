package com.digitalspiral.catalog;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean": the nearest name by edit distance (Damerau–Levenshtein, adjacent swaps count once). */
public final class Suggest {

    private Suggest() {}

    /** The closest candidate within a distance that still looks like a typo of {@code input}, if any. */
    public static Optional<String> nearest(String input, Collection<String> candidates) {
        if (input == null || input.isEmpty() || input.length() > 200) {
            return Optional.empty();
        }
        String needle = input.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(needle, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, needle.length() / 3);
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Damerau–Levenshtein distance (optimal string alignment). */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
