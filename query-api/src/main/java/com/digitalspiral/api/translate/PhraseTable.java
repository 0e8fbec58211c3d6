package com.digitalspiral.api.translate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Phrases (normalized like {@link Question}) that stand for values; finds them longest first, on word
 * boundaries, and takes them from the question. Plural "s" is tolerated on the last word.
 */
final class PhraseTable<V> {

    /** A value found in the question, and where. */
    record Hit<V>(V value, String phrase, int position) {}

    private final Map<String, V> byPhrase = new LinkedHashMap<>();
    private volatile Pattern pattern;

    PhraseTable<V> add(String phrase, V value) {
        String p = Question.normalize(phrase);
        if (!p.isBlank()) {
            byPhrase.putIfAbsent(p, value);
            pattern = null;
        }
        return this;
    }

    /** Adds a phrase and, when its last word is a plain plural ("comments"), its singular ("comment") too. */
    PhraseTable<V> addWithSingular(String phrase, V value) {
        add(phrase, value);
        String p = Question.normalize(phrase);
        if (p.matches(".*[a-z]{3}[^su]s")) {
            add(p.substring(0, p.length() - 1), value);
        }
        return this;
    }

    /** Whether a phrase (normalized like a question) stands for a value, plurals as in {@link #take}. */
    boolean contains(String phrase) {
        String p = Question.normalize(phrase);
        return byPhrase.containsKey(p) || (p.endsWith("s") && byPhrase.containsKey(p.substring(0, p.length() - 1)));
    }

    boolean isEmpty() {
        return byPhrase.isEmpty();
    }

    List<Hit<V>> take(Question q) {
        if (byPhrase.isEmpty()) {
            return List.of();
        }
        List<Hit<V>> out = new ArrayList<>();
        for (Question.MatchResultCopy m : q.take(pattern())) {
            String found = m.group(1).replaceAll("\\s+", " ");
            V v = byPhrase.get(found);
            if (v == null && found.endsWith("es")) {
                v = byPhrase.get(found.substring(0, found.length() - 2));
            }
            if (v == null && found.endsWith("s")) {
                v = byPhrase.get(found.substring(0, found.length() - 1));
            }
            if (v != null) {
                out.add(new Hit<>(v, found, m.start()));
            }
        }
        return out;
    }

    private Pattern pattern() {
        if (pattern == null) {
            String alternatives = byPhrase.keySet().stream()
                    .sorted(Comparator.comparingInt(String::length).reversed())
                    // words the readers took before may stand between ("closed GAMMA sprints" holds "closed sprints")
                    .map(p -> Pattern.quote(p).replace(" ", "\\E\\s+\\Q") + "(?:e?s)?")
                    .collect(Collectors.joining("|"));
            pattern = Pattern.compile("(?<![a-z0-9])(" + alternatives + ")(?![a-z0-9])");
        }
        return pattern;
    }
}
