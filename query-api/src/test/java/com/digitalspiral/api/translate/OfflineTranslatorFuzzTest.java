package com.digitalspiral.api.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.digitalspiral.catalog.Catalog;
import com.digitalspiral.catalog.spec.SpecValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken questions never escape the reader as anything but an answer whose spec validates or a
 * refusal that says why: thousands of mutations of the question set (invisible and invalid characters, NUL, lone
 * surrogates, huge and impossible numbers and dates, SQL and markup, repetition, truncation), no database.
 */
class OfflineTranslatorFuzzTest {

    private static final Catalog CATALOG = Catalog.load();
    private static final SpecValidator VALIDATOR = new SpecValidator(CATALOG, 10_000);
    private static final UUID TENANT = UUID.randomUUID();
    private static OfflineTranslator translator;
    private static List<String> questions;

    /** The demo tenant's names, without a database: enough for the readers that link names to run. */
    private static final class FixedLinker implements OfflineTranslator.Linker {
        private final PhraseTable<String> projects = new PhraseTable<>();
        private final PhraseTable<String> sprints = new PhraseTable<>();
        private final PhraseTable<String> people = new PhraseTable<>();

        FixedLinker() {
            for (String p : List.of("ALPHA", "BETA", "GAMMA")) {
                projects.add(p, p);
                for (int i = 1; i <= 9; i++) {
                    sprints.add(p + " Sprint " + i, p + " Sprint " + i);
                }
            }
            for (String a : List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy")) {
                people.add(a, a);
            }
        }

        @Override
        public OfflineTranslator.Linked link(Question q, UUID tenant) {
            List<String> s = sprints.take(q).stream().map(PhraseTable.Hit::value).toList();
            List<String> p = projects.take(q).stream().map(PhraseTable.Hit::value).toList();
            List<String> a = people.take(q).stream().map(PhraseTable.Hit::value).toList();
            return new OfflineTranslator.Linked(p, s, a, List.of());
        }
    }

    @BeforeAll
    static void setUp() throws IOException {
        Clock clock = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
        translator = new OfflineTranslator(CATALOG, VALIDATOR, clock, new FixedLinker());
        questions = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("../eval/nl_questions.jsonl"))) {
            int start = line.indexOf("\"question\": \"") + 13;
            questions.add(line.substring(start, line.indexOf('"', start)));
        }
    }

    private static final String[] NOISE = {"\u0000", "\u00a0", "\u200b", "\ufeff", "\ud800", "\udfff", "\u202e", "\t", "\n",
        "🙂", "ｖｅｌｏｃｉｔｙ", "'; DROP TABLE issues; --", "<script>x</script>", "%zz", "${jndi:x}", "\\", "\"", "1e308",
        "NaN", "Infinity", "-0", "99999999999999999999", "2026-02-30", "2026-13-01", "0000-00-00", "9999-12-31", "q5",
        "last 99999999999 sprints", "top 0", "between 5 and", "more than", "> >", "%", "per per per", "vs vs"};

    private static String mutate(String q, Random r) {
        StringBuilder s = new StringBuilder(q);
        int edits = 1 + r.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = s.length() == 0 ? 0 : r.nextInt(s.length() + 1);
            switch (r.nextInt(6)) {
                case 0, 1 -> s.insert(at, " " + NOISE[r.nextInt(NOISE.length)] + " ");
                case 2 -> s.insert(at, NOISE[r.nextInt(NOISE.length)]);
                case 3 -> s.setLength(Math.min(s.length(), at));
                case 4 -> s.append(' ').append(questions.get(r.nextInt(questions.size())));
                default -> s.replace(at, Math.min(s.length(), at + 3), String.valueOf((char) r.nextInt(0x3000)));
            }
        }
        return s.toString();
    }

    @Test
    void thousandsOfMutatedQuestionsAreAnsweredWithValidSpecsOrRefusedWithAReason() throws Exception {
        Random r = new Random(20261129);
        int answered = 0;
        int refused = 0;
        for (int i = 0; i < 5_000; i++) {
            String q = mutate(questions.get(r.nextInt(questions.size())), r);
            Throwable t = catchThrowable(() -> {
                Translation tr = translator.translate(q, TENANT);
                VALIDATOR.validate(tr.spec());
                assertThat(tr.explanation()).isNotBlank();
            });
            if (t == null) {
                answered++;
            } else {
                assertThat(t).as("question %s", q.replace("\u0000", "\\0")).isInstanceOf(Translation.CannotAnswer.class);
                assertThat(t.getMessage()).as("the reason for %s", q).isNotBlank();
                refused++;
            }
        }
        assertThat(answered).as("most mutations still read as a question").isGreaterThan(1_000);
        assertThat(refused).isPositive();
    }

    @Test
    void questionsOfOnlyInvisibleOrInvalidCharactersAreRefusedAsEmpty() {
        for (String q : List.of("\u00a0", "\u200b\u200b", "\ufeff", "\u0000", "\ud800", " \t\n ")) {
            assertThat(catchThrowable(() -> translator.translate(q, TENANT))).isInstanceOf(Translation.CannotAnswer.class);
        }
    }

    @Test
    void impossibleDatesAndAbsurdCountsAreNamedNotGuessed() throws Exception {
        assertThat(catchThrowable(() -> translator.translate("lead time since 2026-02-30", TENANT)))
                .isInstanceOf(Translation.CannotAnswer.class).hasMessageContaining("'2026-02-30' is not a date");
        assertThat(catchThrowable(() -> translator.translate("throughput between 2026-13-01 and 2026-14-01", TENANT)))
                .isInstanceOf(Translation.CannotAnswer.class).hasMessageContaining("2026-13-01");
        assertThat(catchThrowable(() -> translator.translate("spillover of ALPHA in the last 99999999999 sprints", TENANT)))
                .isInstanceOf(Translation.CannotAnswer.class).hasMessageContaining("'99999999999'").hasMessageContaining("at most");
        // a count past what a window takes reads as the whole window, and the explanation says so
        Translation many = translator.translate("velocity over the last 80 sprints", TENANT);
        assertThat(many.spec().get("params").get("sprints").asInt()).isEqualTo(50);
        assertThat(many.explanation()).contains("the last 50 sprints (the most it takes)");
    }
}
