package com.digitalspiral.launcher;

import com.digitalspiral.api.auth.ApiKeys;
import com.digitalspiral.store.DbConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "key", description = "Manage API keys.", subcommands = {KeyCommand.Create.class})
final class KeyCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("usage: spiral key create --tenant <name or id> [--user <id>] [--rate <per minute>]");
    }

    @Command(name = "create", description = "Make an API key bound to one tenant and user; prints it once.")
    static final class Create implements Callable<Integer> {

        @Mixin
        DbOptions db;

        @Option(names = "--tenant", required = true, description = "the tenant's name or id")
        String tenant;

        @Option(names = "--user", defaultValue = "cli", description = "the user the key acts for (default: ${DEFAULT-VALUE})")
        String user;

        @Option(names = "--name", description = "a label for the key")
        String name;

        @Option(names = "--rate", defaultValue = "600", description = "requests per minute (default: ${DEFAULT-VALUE})")
        int rate;

        @Override
        public Integer call() throws Exception {
            DbConfig config = db.prepare(System.err);
            try (Connection c = config.connect()) {
                UUID id = resolveTenant(c, tenant);
                if (id == null) {
                    System.err.println("no tenant '" + tenant + "'; tenants: " + String.join(", ", tenantNames(c)));
                    return 2;
                }
                ApiKeys.Created key = ApiKeys.create(c, id, user, name, rate);
                System.err.printf("key %s for tenant %s, user %s, %d requests/minute (shown once):%n", key.id(), id, user, rate);
                System.out.println(key.key());
                return 0;
            }
        }
    }

    static UUID resolveTenant(Connection c, String nameOrId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM tenants WHERE id::text = ? OR name = ? ORDER BY created_at LIMIT 1")) {
            ps.setString(1, nameOrId);
            ps.setString(2, nameOrId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    static List<String> tenantNames(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM tenants ORDER BY name LIMIT 50");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
