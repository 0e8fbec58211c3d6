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

    // compiled once: every question, catalog phrase and tenant name goes through normalize
    private static final Pattern THOUSANDS = Pattern.compile("(\\d),(\\d{3})");
    private static final Pattern WITHOUT = Pattern.compile("\\bw/o\\b");
    private static final Pattern WITH = Pattern.compile("\\bw/(?=\\s|$)");
    /** "points / sprint", "bugs/week": a slash before a unit of grouping is "per" (other slashes are left alone). */
    private static final Pattern PER_SLASH = Pattern.compile("(?<=[a-z0-9%),:])\\s*/\\s*(?=(?:sprints?|iterations?|projects?|teams?|"
            + "squads?|assignees?|persons?|people|devs?|developers?|engineers?|heads?|weeks?|wks?|months?|mos?|days?|quarters?|qtrs?|"
            + "years?|types?|issue types?|priorit(?:y|ies)|prios?|status(?:es)?|status categor(?:y|ies)|states?|sprint states?|boards?|"
            + "sites?|instances?)\\b)");
    private static final Pattern OPERATOR = Pattern.compile("\\s*(>=|<=|>|<|=)\\s*");
    private static final Pattern RUN_TOGETHER_COUNT = Pattern.compile("\\b(top|bottom|best|worst|first|last|past)(\\d+)\\b");
    private static final Pattern OTHER_CHARS = Pattern.compile("[^a-z0-9%.'\\-<>= ]");
    private static final Pattern LONE_DOT = Pattern.compile("(?<![0-9])\\.|\\.(?![0-9])");
    private static final Pattern POSSESSIVE = Pattern.compile("'s\\b");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern POINTS = Pattern.compile(" (?:story points?|storypoints?|story pts|sp|pts|pt|points?) ");
    private static final Pattern PAIRED_POINTS = Pattern.compile("\\b(?:total |average )?(completed|planned|removed|added|done|committed|delivered) "
            + "(vs|versus|and|or) (?:total |average |the )?(completed|planned|removed|added|done|committed|delivered) (story points|points|sp)\\b");
    private static final Pattern POINTS_VERB = Pattern.compile("(?<!(?:completed|committed|planned|added|removed|done|delivered|resolved|dropped|finished|open) )"
            + "\\bpoints (completed|committed|planned|added|removed|done|delivered|resolved|dropped|finished)\\b");

    /**
     * Lower case, punctuation as spaces, number words as digits, shorthand spelled out, one word for points. Applied
     * alike to questions and to the catalog's phrases, so that both meet in the same words; rewrites of whole
     * sentences, which apply to questions only, are {@link Paraphrases}.
     */
    static String normalize(String s) {
        // a meeting note's label is not part of the question: a to-do or action label, "Q: …"
        s = MEMO_LABEL.matcher(s).replaceFirst("");
        String t = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replace('’', '\'').replace('‘', '\'').replace('“', '"').replace('”', '"');
        t = THOUSANDS.matcher(t).replaceAll("$1$2");
        // shorthand people type: "w/", "w/o", "&", operators run into words ("spillover>25%"), "top5"
        t = WITHOUT.matcher(t).replaceAll(" without ");
        t = WITH.matcher(t).replaceAll(" with ").replace("&", " and ");
        t = PER_SLASH.matcher(t).replaceAll(" per ");
        t = OPERATOR.matcher(t).replaceAll(" $1 ");
        t = RUN_TOGETHER_COUNT.matcher(t).replaceAll("$1 $2");
        t = t.replace('_', ' ');
        t = OTHER_CHARS.matcher(t).replaceAll(" ");
        t = LONE_DOT.matcher(t).replaceAll(" ");
        t = POSSESSIVE.matcher(t).replaceAll("").replace("'", "");
        Matcher m = WORD.matcher(t);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, NUMBERS.getOrDefault(m.group(), m.group()));
        }
        m.appendTail(out);
        String r = " " + SPACES.matcher(out.toString()).replaceAll(" ").trim() + " ";
        // a quantity of points is said many ways; one word for it keeps "story" from reading as the issue type
        r = POINTS.matcher(r).replaceAll(" points ").replace(" prio ", " priority ");
        for (Map.Entry<String, String> a : SHORTHAND.entrySet()) {
            r = r.replace(" " + a.getKey() + " ", " " + a.getValue() + " ");
        }
        // "completed vs planned points" → "completed points vs planned points"
        r = PAIRED_POINTS.matcher(r).replaceAll("$1 $4 $2 $3 $4");
        // "points completed", "points committed": said the catalog's way round (its phrases get the same)
        r = POINTS_VERB.matcher(r).replaceAll("$1 points");
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
