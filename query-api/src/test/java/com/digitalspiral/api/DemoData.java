package com.digitalspiral.api;

import com.digitalspiral.api.auth.ApiKeys;
import com.digitalspiral.store.DbConfig;
import com.digitalspiral.store.ScratchDatabase;
import com.digitalspiral.store.demo.DemoGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A scratch database with the deterministic demo data and its figures (from the batch reference). */
final class DemoData implements AutoCloseable {

    final ScratchDatabase scratch;
    final DbConfig config;

    DemoData(String name, int issues) throws Exception {
        scratch = new ScratchDatabase(name);
        config = scratch.config();
        new DemoGenerator(config).generate(new DemoGenerator.Options(42, 3, issues), done -> { });
        scratch.database().materializeReference();
    }

    ApiConfig apiConfig() {
        return ApiConfig.fromEnv(Map.of(), config).withPort(0).withManagementPort(0).withStatementTimeout(Duration.ofSeconds(20)).withPoolSize(4);
    }

    List<UUID> tenants() throws Exception {
        List<UUID> out = new ArrayList<>();
        try (Connection c = config.connect(); PreparedStatement ps = c.prepareStatement("SELECT id FROM tenants ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getObject(1, UUID.class));
            }
        }
        return out;
    }

    String key(UUID tenant, int ratePerMinute) throws Exception {
        try (Connection c = config.connect()) {
            return ApiKeys.create(c, tenant, "tester", "test", ratePerMinute).key();
        }
    }

    @Override
    public void close() throws Exception {
        scratch.close();
        forgetSearchIndex(config);
    }

    /** The API keeps a search index per database under .spiral/search: a scratch database's goes with it. */
    static void forgetSearchIndex(DbConfig config) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of(".spiral", "search", config.database());
        if (java.nio.file.Files.exists(dir)) {
            try (var walk = java.nio.file.Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
