package com.digitalspiral.api.translate;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question being read: lower-cased, punctuation reduced to spaces, number words made digits. Each reader
 * {@link #take}s the phrases it understands, which blanks them so that later readers do not read them twice;
 * what is left at the end is what nobody understood.
 */
final class Question {

    private static final Map<String, String> NUMBERS = Map.ofEntries(
            Map.entry("one", "1"), Map.entry("two", "2"), Map.entry("three", "3"), Map.entry("four", "4"),
            Map.entry("five", "5"), Map.entry("six", "6"), Map.entry("seven", "7"), Map.entry("eight", "8"),
            Map.entry("nine", "9"), Map.entry("ten", "10"), Map.entry("eleven", "11"), Map.entry("twelve", "12"),
            Map.entry("thirteen", "13"), Map.entry("fourteen", "14"), Map.entry("fifteen", "15"), Map.entry("sixteen", "16"),
            Map.entry("seventeen", "17"), Map.entry("eighteen", "18"), Map.entry("nineteen", "19"), Map.entry("twenty", "20"),
            Map.entry("thirty", "30"), Map.entry("forty", "40"), Map.entry("fifty", "50"), Map.entry("sixty", "60"),
            Map.entry("seventy", "70"), Map.entry("eighty", "80"), Map.entry("ninety", "90"), Map.entry("hundred", "100"),
            Map.entry("dozen", "12"));
    private static final Pattern WORD = Pattern.compile("[a-z]+");
    private static final Pattern MEMO_LABEL = Pattern.compile("^\\s*(?i:todo|to-do|action(?: item)?|follow[- ]?up|fyi|note|q|"
            + "question|risk|review|ask|metric(?: for [a-z]+)?|agenda|item)\\s*(?::|-+>?|–|—|>)\\s*");
    /** Abbreviations of everyday writing, each a whole word. */
    private static final Map<String, String> SHORTHAND = Map.ofEntries(
            Map.entry("hrs", "hours"), Map.entry("hr", "hours"), Map.entry("h", "hours"), Map.entry("qtr", "quarter"),
            Map.entry("qtrs", "quarters"), Map.entry("wk", "week"), Map.entry("wks", "weeks"), Map.entry("yr", "year"),
            Map.entry("yrs", "years"), Map.entry("mos", "months"), Map.entry("mth", "month"), Map.entry("mths", "months"), Map.entry("mnth", "month"), Map.entry("mnths", "months"),
            Map.entry("tix", "tickets"), Map.entry("tkts", "tickets"), Map.entry("ppl", "people"), Map.entry("devs", "developers"), Map.entry("dev", "developer"),
            Map.entry("num", "number of"), Map.entry("no of", "number of"), Map.entry("nr of", "number of"),
            Map.entry("pct", "percent"), Map.entry("thru", "through"), Map.entry("thruput", "throughput"),
            Map.entry("approx", "about"), Map.entry("cnt", "count"), Map.entry("a fortnight", "2 weeks"),
            Map.entry("fortnight", "2 weeks"), Map.entry("fortnights", "2 weeks"));

    final String original;
    /** The question as written, normalized: what the guards read ("pull requests" stays what it is). */
    final String written;
    /** The whole question in the catalog's words, before any reader took from it. */
    final String read;
    private final StringBuilder text;

    Question(String original) {
        this.original = original;
        this.written = normalize(original);
        this.read = Paraphrases.apply(written);
        this.text = new StringBuilder(" " + read + " ");
    }

    static String normalize(String s) {
        // a meeting note's label is not part of the question: a to-do or action label, "Q: …"
        s = MEMO_LABEL.matcher(s).replaceFirst("");
        String t = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replace('’', '\'').replace('‘', '\'').replace('“', '"').replace('”', '"');
        t = t.replaceAll("(\\d),(\\d{3})", "$1$2");
        // shorthand people type: "w/", "w/o", "&", operators run into words ("spillover>25%"), "top5"
        t = t.replaceAll("\\bw/o\\b", " without ").replaceAll("\\bw/(?=\\s|$)", " with ").replace("&", " and ")
                .replaceAll("\\s*(>=|<=|>|<|=)\\s*", " $1 ")
                .replaceAll("\\b(top|bottom|best|worst|first|last|past)(\\d+)\\b", "$1 $2");
        t = t.replace('_', ' ');
        t = t.replaceAll("[^a-z0-9%.'\\-<>= ]", " ");
        t = t.replaceAll("(?<![0-9])\\.|\\.(?![0-9])", " ");
        t = t.replaceAll("'s\\b", "").replace("'", "");
        Matcher m = WORD.matcher(t);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, NUMBERS.getOrDefault(m.group(), m.group()));
        }
        m.appendTail(out);
        String r = " " + out.toString().replaceAll("\\s+", " ").trim() + " ";
        // a quantity of points is said many ways; one word for it keeps "story" from reading as the issue type
        r = r.replaceAll(" (?:story points?|storypoints?|story pts|sp|pts|pt|points?) ", " points ").replace(" prio ", " priority ");
        for (Map.Entry<String, String> a : SHORTHAND.entrySet()) {
            r = r.replace(" " + a.getKey() + " ", " " + a.getValue() + " ");
        }
        // "completed vs planned points" → "completed points vs planned points"
        r = r.replaceAll("\\b(?:total |average )?(completed|planned|removed|added|done|committed|delivered) (vs|versus|and|or) (?:total |average |the )?(completed|planned|removed|added|done|committed|delivered) (story points|points|sp)\\b",
                "$1 $4 $2 $3 $4");
        // "sprints that are active" → "active sprints"
        r = r.replaceAll("\\bsprints? (?:(?:that|which|thats) )?(?:are |were |is |was )?(?:currently |still |now )?"
                + "(active|closed|future|running|open|finished|completed|upcoming)(?: now| right now| currently)?\\b", "$1 sprints");
        // "closed sprints than in active ones": the noun said once
        if (r.contains("sprint")) {
            r = r.replaceAll("\\b(active|closed|future|running|finished|completed|upcoming) ones\\b", "$1 sprints");
        }
        // "points completed", "points committed": said the catalog's way round
        r = r.replaceAll("(?<!(?:completed|committed|planned|added|removed|done|delivered|resolved|dropped|finished|open) )"
                + "\\bpoints (completed|committed|planned|added|removed|done|delivered|resolved|dropped|finished)\\b", "$1 points");
        // "sprint 3 of ALPHA", "ALPHA's sprint 3": the sprint's name is "ALPHA Sprint 3"
        r = r.replaceAll("\\b(?:sprint|iteration) (\\d{1,4}) (?:of|for|in|from) (?:the )?([a-z][a-z0-9]{1,19})\\b(?: (?:project|team))?", "$2 sprint $1");
        // "planned vs completed per sprint": both are points even when the word is left out
        r = r.replaceAll("\\b(completed|planned|removed|added|done|committed) (vs|versus) (completed|planned|removed|added|done|committed)\\b(?! points)",
                "$1 points $2 $3 points");
        return r.trim();
    }

    /** The text still unread, with single spaces. */
    String rest() {
        return text.toString().replaceAll("\\s+", " ").trim();
    }

    /** Whether a pattern occurs in the unread text (without taking it). */
    boolean has(Pattern p) {
        return p.matcher(text).find();
    }

    /** Whether a pattern occurs anywhere in the question, read or not. */
    boolean readHas(Pattern p) {
        return p.matcher(" " + read + " ").find();
    }

    /** Rewrites the unread text (before the readers start): e.g. "high vs low priority" → both phrases whole. */
    void rewrite(Pattern p, java.util.function.Function<java.util.regex.MatchResult, String> replacement) {
        String replaced = p.matcher(text).replaceAll(r -> Matcher.quoteReplacement(replacement.apply(r)));
        text.setLength(0);
        text.append(replaced);
    }

    /** Takes every match of the pattern and returns them, earliest first. */
    List<MatchResultCopy> take(Pattern p) {
        List<MatchResultCopy> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            String[] groups = new String[m.groupCount() + 1];
            for (int i = 0; i <= m.groupCount(); i++) {
                groups[i] = m.group(i);
            }
            out.add(new MatchResultCopy(m.start(), groups));
        }
        for (MatchResultCopy r : out) {
            for (int i = r.start(); i < r.start() + r.group(0).length(); i++) {
                text.setCharAt(i, ' ');
            }
        }
        return out;
    }

    /** Takes the first match only. */
    MatchResultCopy takeFirst(Pattern p) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            return null;
        }
        String[] groups = new String[m.groupCount() + 1];
        for (int i = 0; i <= m.groupCount(); i++) {
            groups[i] = m.group(i);
        }
        for (int i = m.start(); i < m.end(); i++) {
            text.setCharAt(i, ' ');
        }
        return new MatchResultCopy(m.start(), groups);
    }

    /** Replaces a whole word of the unread text (a corrected typo). */
    void replaceWord(String from, String to) {
        String replaced = Pattern.compile("(?<![a-z0-9])" + Pattern.quote(from) + "(?![a-z0-9])").matcher(text)
                .replaceAll(Matcher.quoteReplacement(to));
        text.setLength(0);
        text.append(replaced);
    }

    /** A match that outlives its matcher. */
    record MatchResultCopy(int start, String[] groups) {
        String group(int i) {
            return groups[i];
        }
    }
}
