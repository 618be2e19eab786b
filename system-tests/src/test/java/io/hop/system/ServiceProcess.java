package io.hop.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/** One packaged service ({@code target/quarkus-app/quarkus-run.jar}) running as its own JVM process. */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> systemProperties;
    private final Path log;
    private Process process;

    ServiceProcess(String name, Path jar, int port, Map<String, String> environment, List<String> systemProperties,
            Path log) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.environment = environment;
        this.systemProperties = systemProperties;
        this.log = log;
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the JVM; {@link #awaitReady()} waits until it reports ready. */
    ServiceProcess start() {
        return start(List.of());
    }

    /**
     * Starts the JVM with system properties on top of its usual ones (e.g. {@code -Dhop.outbox.relay-enabled=false}),
     * for this run only: the next {@link #start()} runs it as usual again.
     */
    ServiceProcess start(List<String> extraSystemProperties) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + name + " first (./mvnw verify builds it)");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1"));
        command.addAll(systemProperties);
        command.addAll(extraSystemProperties);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("HOP_SECURITY_ALLOW_DEVELOPMENT_KEY", "true"); // prod profile, development key
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
        return this;
    }

    void awaitReady() {
        Awaitility.await(name + " ready (log: " + log + ")").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                    }
                    return status("/q/health/ready") == 200;
                });
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The exit status of the last run, once it has ended (137 = 128 + SIGKILL). */
    int exitValue() {
        return process.exitValue();
    }

    /**
     * Stops the process without letting it finish anything (a crash, as {@code kill -9}): {@link Process#destroyForcibly()}
     * sends SIGKILL on Linux, so no shutdown hook, no graceful close of the Kafka consumer or of a transaction runs.
     */
    void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** Graceful shutdown (SIGTERM), waiting for the exit. */
    void stop() {
        requestStop();
        awaitExit();
    }

    /** Sends SIGTERM without waiting, so that several services stop at once (see {@link #awaitExit()}). */
    void requestStop() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    /** Waits for the process to end (at most 30 s, then SIGKILL). */
    void awaitExit() {
        if (process != null) {
            waitForExit();
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
