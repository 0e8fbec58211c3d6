package com.digitalspiral.api.search;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The part of an issue's text that shows why it was found: the sentence of the description that holds the
 * most of the query's words (as the index reads them, so "timeouts" finds "timed out"'s stem), cut to a
 * line. Written by hand: Lucene's highlighters need offsets or term vectors stored for every document, which
 * costs index size for a one-line preview.
 */
final class Snippets {

    private static final int MAX = 200;

    private Snippets() {}

    static String best(String description, String summary, List<String> queryTerms, TenantIndex index) {
        String text = description == null || description.isBlank() ? summary : description;
        if (text == null) {
            return "";
        }
        String[] sentences = text.split("(?<=[.!?])\\s+|\\n+");
        Set<String> wanted = new HashSet<>(queryTerms);
        String best = sentences.length == 0 ? text : sentences[0];
        int bestHits = -1;
        for (String s : sentences) {
            if (s.isBlank()) {
                continue;
            }
            int hits = 0;
            try {
                for (String t : index.terms(s)) {
                    if (wanted.contains(t)) {
                        hits++;
                    }
                }
            } catch (IOException e) {
                hits = 0;
            }
            if (hits > bestHits) {
                bestHits = hits;
                best = s;
            }
        }
        best = best.strip();
        return best.length() <= MAX ? best : best.substring(0, MAX - 1) + "…";
    }
}
