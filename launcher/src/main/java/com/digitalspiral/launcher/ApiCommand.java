package com.digitalspiral.launcher;

import com.digitalspiral.api.ApiConfig;
import com.digitalspiral.api.ApiServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "api", description = "Serve the query API (catalog, /analytics/run, docs at /docs).")
final class ApiCommand implements Callable<Integer> {

    @Mixin
    DbOptions db;

    @Option(names = "--port", description = "HTTP port (default: $SPIRAL_API_PORT or 7070)")
    Integer port;

    @Override
    public Integer call() throws Exception {
        ApiServer server = start(db, port);
        System.out.printf("query API on http://localhost:%d  (OpenAPI page: /docs; make a key: ./spiral key create --tenant <name>)%n",
                server.port());
        if (server.managementPort() > 0) {
            System.out.printf("metrics for Prometheus on http://localhost:%d/metrics (SPIRAL_MANAGEMENT_PORT)%n", server.managementPort());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // shutting down
            }
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    static ApiServer start(DbOptions db, Integer port) throws Exception {
        ApiConfig config = ApiConfig.fromEnv(System.getenv(), db.prepare(System.out));
        if (port != null) {
            config = config.withPort(port);
        }
        return new ApiServer(config).start();
    }
}
