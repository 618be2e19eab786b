package io.hop.testing.infra;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of one test's own (initdb + pg_ctl in a temporary directory, on a free port), for tests that
 * must stop and start the database: the shared server of {@link Infrastructure} is never stopped. Runs as the
 * {@code postgres} OS user when the test runs as root (PostgreSQL refuses root). User {@code hop}, password
 * {@code hop}, database {@code hop}, trust authentication on 127.0.0.1.
 */
public final class PrivatePostgres implements AutoCloseable {

    private static final Path BIN = Path.of(System.getProperty("hop.postgres.bin", "/usr/lib/postgresql/15/bin"));

    private final Path dir;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;

    private PrivatePostgres(Path dir, int port, boolean asPostgresUser) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Creates the cluster and starts it (a few seconds). */
    public static PrivatePostgres start() {
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("hop-pg-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            PrivatePostgres pg = new PrivatePostgres(dir, freePort(), root);
            pg.run(BIN.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", "hop", "--auth=trust",
                    "-E", "UTF8", "--no-sync");
            Files.writeString(pg.data.resolve("postgresql.conf"), "\nlisten_addresses = '127.0.0.1'\nport = "
                    + pg.port + "\nunix_socket_directories = '" + dir + "'\nfsync = off\nmax_connections = 50\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            pg.startServer();
            pg.run(BIN.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(pg.port), "-U",
                    "hop", "hop");
            return pg;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a private PostgreSQL", e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/hop";
    }

    public String user() {
        return "hop";
    }

    public String password() {
        return "hop";
    }

    public int port() {
        return port;
    }

    /** Stops the server at once (fast shutdown: open connections are cut). */
    public void stopServer() {
        run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop");
    }

    /** Starts it again on the same port, with the same data. */
    public void startServer() {
        run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(), "-w",
                "-t", "30", "start");
    }

    @Override
    public void close() {
        try {
            run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } catch (RuntimeException e) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private void run(String... command) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
