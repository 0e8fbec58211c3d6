package com.digitalspiral.launcher;

import com.digitalspiral.api.ApiConfig;
import com.digitalspiral.api.ApiServer;
import com.digitalspiral.api.auth.Caller;
import com.digitalspiral.api.translate.NlEvaluation;
import com.digitalspiral.store.Database;
import com.digitalspiral.store.DbConfig;
import com.digitalspiral.store.demo.DemoGenerator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "eval", description = "Evaluate the natural-language translator (nl) or search (search) on the repo's sets.")
final class EvalCommand implements Callable<Integer> {

    @Mixin
    DbOptions db;

    @Parameters(index = "0", defaultValue = "nl", description = "what to evaluate: nl or search")
    String what;

    @Option(names = "--questions", defaultValue = "eval/nl_questions.jsonl", description = "question set (default: ${DEFAULT-VALUE})")
    Path questions;

    @Option(names = "--database", defaultValue = "spiral_eval", description = "database with the demo data (default: ${DEFAULT-VALUE})")
    String database;

    @Option(names = "--tenant", defaultValue = "Acme", description = "the tenant asking (default: ${DEFAULT-VALUE})")
    String tenant;

    @Option(names = "--failures", description = "list every question answered wrong (search: every query missed)")
    boolean failures;

    @Option(names = "--queries", defaultValue = "eval/search_queries.jsonl", description = "search: query set (default: ${DEFAULT-VALUE})")
    Path queries;

    @Override
    public Integer call() throws Exception {
        if (!what.equals("nl") && !what.equals("search")) {
            System.err.println("'nl' or 'search' can be evaluated, not '" + what + "'");
            return 2;
        }
        DbConfig config = db.config().withDatabase(database);
        prepare(config);
        if (what.equals("search")) {
            return SearchEval.run(config, tenant, queries, failures);
        }
        List<NlEvaluation.Case> cases = NlEvaluation.read(questions, Clock.systemUTC());
        try (ApiServer server = new ApiServer(ApiConfig.fromEnv(System.getenv(), config).withPort(0).withManagementPort(0))) {
            server.cache().setEnabled(false);
            server.translator().ready();
            UUID tenantId;
            try (Connection c = config.connect()) {
                tenantId = KeyCommand.resolveTenant(c, tenant);
            }
            Caller caller = new Caller(UUID.randomUUID(), tenantId, "eval", 1_000_000);
            List<com.digitalspiral.api.translate.QuestionTranslator> translators = new java.util.ArrayList<>();
            translators.add(server.translator());
            if (server.questionTranslator() != server.translator()) {
                translators.add(server.questionTranslator());
            }
            NlEvaluation.run(cases.subList(0, Math.min(10, cases.size())), server.translator(), server.queries(), caller);
            System.out.printf("%ntranslator  questions  execution accuracy   must-refuse  refused   latency p50 / p95%n");
            NlEvaluation.Summary s = null;
            for (var translator : translators) {
                NlEvaluation.Summary run = NlEvaluation.run(cases, translator, server.queries(), caller);
                s = s == null ? run : s;
                if (failures) {
                    run.outcomes().stream().filter(o -> !o.right()).forEach(o ->
                            System.out.printf("✗ %s%n    %s%n", o.c().question(), o.detail()));
                }
                String name = translator == server.translator() ? "offline" : "llm";
                System.out.printf("%-10s  %9d  %6.1f%% (%d/%d)  %11d  %6.1f%%   %.1f ms / %.1f ms%n", name, cases.size(),
                        100 * run.accuracy(), run.answeredRight(), run.answerable(), run.mustRefuse(),
                        100 * run.refusalAccuracy(), run.p50Ms(), run.p95Ms());
                printBreakdown("  by shape:", run.by(NlEvaluation.Case::shape));
                printBreakdown("  by level:", run.by(NlEvaluation.Case::level));
                for (NlEvaluation.Outcome o : run.brokenExpectations()) {
                    System.out.printf("  ! the set's expected spec does not run: %s%n    %s%n", o.c().question(), o.detail());
                }
            }
            if (translators.size() == 1) {
                System.out.println("(no language model configured: set SPIRAL_LLM_PROVIDER to compare one)");
            }
            return s.accuracy() >= 0.95 && s.refusalAccuracy() == 1.0 ? 0 : 1;
        }
    }

    private static void printBreakdown(String title, java.util.Map<String, int[]> counts) {
        StringBuilder line = new StringBuilder(title);
        counts.forEach((k, v) -> line.append(String.format("  %s %.0f%% (%d/%d)", k, 100.0 * v[0] / v[1], v[0], v[1])));
        System.out.println(line);
    }

    static void prepare(DbConfig config) throws Exception {
        Database database = new Database(config);
        database.createIfMissing();
        database.migrate();
        try (Connection c = config.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM issues")) {
            rs.next();
            if (rs.getLong(1) != 5000 || !SearchEval.textIsCurrent(c)) {
                System.out.println("generating the demo data (seed 42, 3 tenants, 5,000 issues) in " + config.database() + " …");
                database.truncateAll();
                new DemoGenerator(config).generate(new DemoGenerator.Options(42, 3, 5000), n -> { });
                database.materializeReference();
            }
        }
    }
}
