package com.digitalspiral.api;

/** The API in a process of its own, configured from the environment, for tests that kill it. */
public final class TestApiMain {

    private TestApiMain() {}

    public static void main(String[] args) throws Exception {
        ApiServer server = new ApiServer(ApiConfig.fromEnv()).start();
        System.out.println("api listening on " + server.port());
        Thread.currentThread().join();
    }
}
