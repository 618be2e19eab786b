package io.hop.testing.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A test's main class running in a JVM of its own, on this test JVM's class path, so that a test can kill it with
 * SIGKILL at a chosen point: what a crash really is (no shutdown hook, no finally block, no rollback of its own).
 * Its stdout lines are collected as they come, for the test to wait on; its stderr is appended to
 * {@code target/<name>.log}.
 */
public final class ChildJvm implements AutoCloseable {

    /** The exit status of a process killed by SIGKILL (128 + 9). */
    public static final int KILLED_BY_SIGKILL = 137;

    private final Process process;
    private final Path argFile;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ChildJvm(Process process, Path argFile) {
        this.process = process;
        this.argFile = argFile;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("stdout closed: " + e);
            }
        }, name(process) + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code main} with {@code args} and {@code environment} added to this JVM's. Its stdin stays open until
     * it is killed or closed (a child may exit when it closes, so that a dead test JVM leaves none behind).
     */
    public static ChildJvm start(String name, Class<?> main, Map<String, String> environment, String... args)
            throws IOException {
        Path target = Files.createDirectories(Path.of("target"));
        // An argument file: the test class path can be longer than one command-line argument may be.
        Path argFile = Files.createTempFile(target, name, ".args");
        Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m", "@" + argFile));
        String logManager = System.getProperty("java.util.logging.manager");
        if (logManager != null) {
            command.add("-Djava.util.logging.manager=" + logManager);
        }
        command.add(main.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(target.resolve(name + ".log").toFile()));
        builder.environment().putAll(environment);
        return new ChildJvm(builder.start(), argFile);
    }

    /** What the child printed so far, line by line. */
    public List<String> lines() {
        return lines;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL ({@link Process#destroyForcibly()} on Linux); true when the child is gone within 30 s. */
    public boolean kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor(30, TimeUnit.SECONDS);
    }

    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(argFile);
    }

    private static String name(Process process) {
        return "child-jvm-" + process.pid();
    }
}
