package com.digitalspiral.store.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.digitalspiral.store.Database;
import com.digitalspiral.store.DbConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoGeneratorIT {

    private static final Instant ANCHOR = Instant.parse("2026-11-16T00:00:00Z");
    private static final List<String> TABLES = List.of(
            "tenants", "jira_instances", "projects", "sprints", "issues", "sprint_issues", "comments", "changelogs");

    private Database a;
    private Database b;
    private DbConfig configA;
    private DbConfig configB;

    @BeforeEach
    void setUp() throws Exception {
        String unique = Long.toString(System.nanoTime(), 36);
        configA = DbConfig.fromEnv().withDatabase("spiral_it_gen_a_" + unique);
        configB = DbConfig.fromEnv().withDatabase("spiral_it_gen_b_" + unique);
        a = new Database(configA);
        b = new Database(configB);
        for (Database d : List.of(a, b)) {
            d.createIfMissing();
            d.migrate();
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        a.drop();
        b.drop();
    }

    @Test
    void theSameSeedGivesIdenticalTables() throws Exception {
        new DemoGenerator(configA).generate(new DemoGenerator.Options(3, 2, 1500, ANCHOR), n -> {});
        new DemoGenerator(configB).generate(new DemoGenerator.Options(3, 2, 1500, ANCHOR), n -> {});
        Map<String, String> first = digests(configA);
        assertThat(first.get("issues")).isNotEqualTo(digest(configA, "projects"));
        assertThat(digests(configB)).isEqualTo(first);
    }

    @Test
    void anotherSeedGivesOtherTables() throws Exception {
        new DemoGenerator(configA).generate(new DemoGenerator.Options(3, 2, 300, ANCHOR), n -> {});
        new DemoGenerator(configB).generate(new DemoGenerator.Options(4, 2, 300, ANCHOR), n -> {});
        assertThat(digests(configB).get("issues")).isNotEqualTo(digests(configA).get("issues"));
    }

    @Test
    void theDataHasTheShapeOfAJiraSite() throws Exception {
        new DemoGenerator(configA).generate(new DemoGenerator.Options(8, 2, 2000, ANCHOR), n -> {});
        try (Connection c = configA.connect(); Statement st = c.createStatement()) {
            double bugs = one(st, "SELECT avg((issue_type = 'Bug')::int) FROM issues");
            assertThat(bugs).isBetween(0.15, 0.25);
            assertThat(one(st, "SELECT count(*) FROM sprints WHERE state = 'active'"))
                    .isEqualTo(one(st, "SELECT count(DISTINCT project_id) FROM sprints"));
            assertThat(one(st, "SELECT count(*) FROM sprint_issues si JOIN sprints s ON s.id = si.sprint_id WHERE si.added_at > s.start_date")).isPositive();
            assertThat(one(st, "SELECT count(*) FROM sprint_issues WHERE removed_at IS NOT NULL")).isPositive();
            assertThat(one(st, "SELECT count(*) FROM issues WHERE story_points IS NOT NULL AND story_points NOT IN (1, 2, 3, 5, 8, 13)")).isZero();
            for (String to : List.of("In Progress", "In Review", "Blocked", "Reopened", "Done")) {
                assertThat(one(st, "SELECT count(*) FROM changelogs WHERE items @> '[{\"field\": \"status\", \"toString\": \"" + to + "\"}]'"))
                        .as(to).isPositive();
            }
            assertThat(one(st, "SELECT count(*) FROM changelogs WHERE items @> '[{\"field\": \"Flagged\"}]'")).isPositive();
        }
    }

    @Test
    void generatingIntoADatabaseWithDataIsRefused() throws Exception {
        new DemoGenerator(configA).generate(new DemoGenerator.Options(3, 1, 10, ANCHOR), n -> {});
        assertThatThrownBy(() -> new DemoGenerator(configA).generate(new DemoGenerator.Options(3, 1, 10, ANCHOR), n -> {}))
                .hasMessageContaining("already holds Jira data");
    }

    @Test
    void truncatingEmptiesADatabaseWhoseTenantsHaveKeysAndJobs() throws Exception {
        new DemoGenerator(configA).generate(new DemoGenerator.Options(3, 1, 10, ANCHOR), n -> {});
        try (Connection c = configA.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO api_keys (tenant_id, user_id, key_prefix, key_hash) SELECT id, 'u', 'dsk_x', '\\x01' FROM tenants LIMIT 1");
            st.execute("INSERT INTO analytics_jobs (tenant_id, user_id, spec, spec_hash, status) "
                    + "SELECT id, 'u', '{}', 'x', 'queued' FROM tenants LIMIT 1");
        }
        new com.digitalspiral.store.Database(configA).truncateAll();
        new DemoGenerator(configA).generate(new DemoGenerator.Options(3, 1, 10, ANCHOR), n -> {});
        try (Connection c = configA.connect(); Statement st = c.createStatement()) {
            assertThat(one(st, "SELECT count(*) FROM analytics_jobs")).isZero();
            assertThat(one(st, "SELECT count(*) FROM issues")).isEqualTo(10);
        }
    }

    private static double one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    private static Map<String, String> digests(DbConfig config) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String t : TABLES) {
            out.put(t, digest(config, t));
        }
        return out;
    }

    private static String digest(DbConfig config, String table) throws Exception {
        try (Connection c = config.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t.id::text), '')) FROM " + table + " t")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
