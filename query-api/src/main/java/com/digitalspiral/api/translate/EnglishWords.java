package com.digitalspiral.api.translate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * 40,000 common English words (SCOWL, see resources/words/NOTICE), so that typo correction only ever touches
 * words that are not English. Loaded once, on first use.
 */
final class EnglishWords {

    private static final Set<String> WORDS = load();

    private EnglishWords() {}

    static boolean contains(String word) {
        return WORDS.contains(word);
    }

    private static Set<String> load() {
        try (InputStream in = EnglishWords.class.getResourceAsStream("/words/english.txt.gz")) {
            if (in == null) {
                throw new IllegalStateException("resource /words/english.txt.gz is missing from the build");
            }
            Set<String> out = new HashSet<>(60_000);
            try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    out.add(line);
                }
            }
            return Set.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
