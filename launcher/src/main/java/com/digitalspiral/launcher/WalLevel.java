package com.digitalspiral.launcher;

import com.digitalspiral.store.Database;
import com.digitalspiral.store.DbConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Checks that Postgres writes logical WAL (change data capture needs it) and can fix a local Debian cluster. */
final class WalLevel {

    private WalLevel() {}

    static final String HOW = """
            Postgres must run with wal_level = logical for change data capture. As a superuser:
              ALTER SYSTEM SET wal_level = 'logical';
            then restart Postgres (on Debian: pg_ctlcluster --skip-systemctl-redirect <version> main restart)
            and check with SHOW wal_level. On a local Debian cluster, run as root, `--fix-postgres` does this.""";

    /** Returns true when the level is logical, fixing it first if asked and possible. */
    static boolean ensure(DbConfig config, boolean fix, PrintStream out) throws SQLException, IOException, InterruptedException {
        Database db = new Database(config);
        String level = db.walLevel();
        if ("logical".equals(level)) {
            return true;
        }
        if (!fix) {
            out.println("wal_level is '" + level + "'.");
            out.println(HOW);
            return false;
        }
        List<String> versions = clusters();
        if (versions.isEmpty()) {
            out.println("--fix-postgres works on a local Debian cluster (/etc/postgresql); none found.");
            out.println(HOW);
            return false;
        }
        String version = versions.get(0);
        out.println("setting wal_level = logical and restarting Postgres " + version + " ...");
        run("su", "postgres", "-c", "psql -qc \"ALTER SYSTEM SET wal_level = 'logical'\"");
        run("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart");
        String now = db.walLevel();
        out.println("wal_level is now '" + now + "'");
        return "logical".equals(now);
    }

    private static List<String> clusters() throws IOException {
        Path etc = Path.of("/etc/postgresql");
        if (!Files.isDirectory(etc)) {
            return List.of();
        }
        try (var dirs = Files.list(etc)) {
            return dirs.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("`" + String.join(" ", command) + "` failed");
        }
    }
}
