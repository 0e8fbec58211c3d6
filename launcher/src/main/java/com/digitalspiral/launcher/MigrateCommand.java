package com.digitalspiral.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "migrate", description = "Create the database if missing and apply the migrations in sql/.")
final class MigrateCommand implements Callable<Integer> {

    @Mixin
    DbOptions db;

    @Override
    public Integer call() throws Exception {
        db.prepare(System.out);
        System.out.println("schema is up to date in " + db.config().database());
        return 0;
    }
}
