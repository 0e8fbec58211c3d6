package com.digitalspiral.launcher;

import com.digitalspiral.store.Database;
import com.digitalspiral.store.DbConfig;
import java.io.PrintStream;
import java.sql.SQLException;
import picocli.CommandLine.Option;

/** The database options every subcommand shares; flags win over SPIRAL_* variables. */
final class DbOptions {

    @Option(names = "--jdbc-url", description = "default: $SPIRAL_JDBC_URL or " + DbConfig.DEFAULT_URL)
    String jdbcUrl;

    @Option(names = "--db-user", description = "default: $SPIRAL_DB_USER or postgres")
    String user;

    @Option(names = "--db-password", description = "default: $SPIRAL_DB_PASSWORD or empty")
    String password;

    DbConfig config() {
        DbConfig env = DbConfig.fromEnv();
        return new DbConfig(jdbcUrl != null ? jdbcUrl : env.jdbcUrl(), user != null ? user : env.user(),
                password != null ? password : env.password());
    }

    /** Creates the database if missing and applies pending migrations. */
    DbConfig prepare(PrintStream out) throws SQLException {
        DbConfig c = config();
        Database db = new Database(c);
        if (db.createIfMissing()) {
            out.println("created database " + c.database());
        }
        int applied = db.migrate();
        if (applied > 0) {
            out.println("applied " + applied + " migration(s)");
        }
        return c;
    }
}
