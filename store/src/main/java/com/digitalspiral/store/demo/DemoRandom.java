package com.digitalspiral.store.demo;

import java.util.List;
import java.util.Random;
import java.util.UUID;

/** A seeded source of everything random in demo data, so a seed always gives the same rows. */
final class DemoRandom {

    static final double[] FIBONACCI = {1, 2, 3, 5, 8, 13};
    private static final String[] WORDS = {
        "login", "checkout", "search", "report", "export", "sync", "payment", "profile", "cache", "import",
        "dashboard", "billing", "invoice", "webhook", "token", "session", "upload", "filter", "audit", "email",
        "onboarding", "permissions", "pagination", "timezone", "retry", "latency", "mobile", "settings"};
    private static final String[] VERBS = {"Fix", "Add", "Improve", "Refactor", "Investigate", "Remove", "Support", "Document"};
    static final String[] LABELS = {"backend", "frontend", "tech-debt", "customer", "security", "performance", "ux"};
    static final String[] PRIORITIES = {"Highest", "High", "Medium", "Medium", "Medium", "Low", "Lowest"};

    private final Random rnd;

    DemoRandom(long seed) {
        this.rnd = new Random(seed);
    }

    UUID uuid() {
        long msb = (rnd.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    int nextInt(int bound) {
        return rnd.nextInt(bound);
    }

    int between(int lo, int hiInclusive) {
        return lo + rnd.nextInt(hiInclusive - lo + 1);
    }

    double nextDouble() {
        return rnd.nextDouble();
    }

    boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    <T> T pick(List<T> items) {
        return items.get(rnd.nextInt(items.size()));
    }

    String pick(String[] items) {
        return items[rnd.nextInt(items.length)];
    }

    Double storyPoints() {
        return chance(0.12) ? null : FIBONACCI[rnd.nextInt(FIBONACCI.length)];
    }

    String summary() {
        return pick(VERBS) + " " + pick(WORDS) + " " + pick(WORDS) + (chance(0.1) ? " \"edge case\", again" : "");
    }

    /**
     * Makes the draws {@link #summary()} and a description used to make, for text now written by {@link DemoText}
     * from its own random source: every later draw, and so every row and figure of a seed, stays as it was.
     */
    void skipSummaryAndDescription() {
        summary();
        if (!chance(0.3)) {
            sentence(between(5, 40));
        }
    }

    /** Makes the draws {@link #summary()} used to make (see {@link #skipSummaryAndDescription()}). */
    void skipSummary() {
        summary();
    }

    /** Makes the draws a comment body used to make (see {@link #skipSummaryAndDescription()}). */
    void skipComment() {
        sentence(between(3, 25));
    }

    String sentence(int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(i == 0 ? "" : " ").append(pick(WORDS));
        }
        return sb.append('.').toString();
    }

    String labels() {
        int n = rnd.nextInt(3);
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(pick(LABELS));
        }
        return sb.append('}').toString();
    }

    String issueType() {
        double p = rnd.nextDouble();
        if (p < 0.20) {
            return "Bug";
        } else if (p < 0.68) {
            return "Story";
        } else if (p < 0.90) {
            return "Task";
        } else if (p < 0.97) {
            return "Sub-task";
        }
        return "Epic";
    }
}
