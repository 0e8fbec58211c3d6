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

@Command(name = "key", description = "Manage API keys.", subcommands = {KeyCommand.Create.class,
        KeyCommand.ListKeys.class, KeyCommand.Revoke.class})
final class KeyCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("usage: spiral key create --tenant <name or id> [--user <id>] [--rate <per minute>] [--admin]\n"
                + "       spiral key list [--tenant <name>]\n"
                + "       spiral key revoke <id or the first 12 characters of the key>");
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

        @Option(names = "--admin", description = "the key sees and cancels every job of its tenant, not only its user's")
        boolean admin;

        @Override
        public Integer call() throws Exception {
            DbConfig config = db.prepare(System.err);
            try (Connection c = config.connect()) {
                UUID id = resolveTenant(c, tenant);
                if (id == null) {
                    System.err.println("no tenant '" + tenant + "'; tenants: " + String.join(", ", tenantNames(c)));
                    return 2;
                }
                ApiKeys.Created key = ApiKeys.create(c, id, user, name, rate, admin);
                System.err.printf("%skey %s for tenant %s, user %s, %d requests/minute (shown once):%n", admin ? "admin " : "",
                        key.id(), id, user, rate);
                System.out.println(key.key());
                return 0;
            }
        }
    }

    @Command(name = "list", description = "Show the keys (id, first characters, tenant, user, admin, created, revoked); never the keys.")
    static final class ListKeys implements Callable<Integer> {

        @Mixin
        DbOptions db;

        @Option(names = "--tenant", description = "only this tenant's keys (by name)")
        String tenant;

        @Override
        public Integer call() throws Exception {
            DbConfig config = db.prepare(System.err);
            try (Connection c = config.connect()) {
                List<ApiKeys.Listed> keys = ApiKeys.list(c, tenant);
                System.out.printf("%-36s  %-12s  %-16s  %-16s  %-5s  %-20s  %s%n", "id", "key", "tenant", "user", "admin",
                        "created", "revoked");
                for (ApiKeys.Listed k : keys) {
                    System.out.printf("%-36s  %-12s  %-16s  %-16s  %-5s  %-20s  %s%n", k.id(), k.prefix(), k.tenant(), k.user(),
                            k.admin() ? "yes" : "", k.created().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                            k.revoked() == null ? "" : k.revoked().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
                }
                System.err.println(keys.size() + " keys");
                return 0;
            }
        }
    }

    @Command(name = "revoke", description = "Revoke a key: every running API refuses it as soon as this commits.")
    static final class Revoke implements Callable<Integer> {

        @Mixin
        DbOptions db;

        @picocli.CommandLine.Parameters(index = "0", paramLabel = "<key>", description = "the key's id, or the first 12 characters 'key list' shows")
        String key;

        @Override
        public Integer call() throws Exception {
            DbConfig config = db.prepare(System.err);
            try (Connection c = config.connect()) {
                int revoked;
                try {
                    revoked = ApiKeys.revoke(c, key);
                } catch (IllegalArgumentException e) {
                    System.err.println(e.getMessage());
                    return 2;
                }
                if (revoked == 0) {
                    System.err.println("no live key matches '" + key + "' (see ./spiral key list)");
                    return 1;
                }
                System.out.println("revoked " + revoked + (revoked == 1 ? " key" : " keys"));
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
