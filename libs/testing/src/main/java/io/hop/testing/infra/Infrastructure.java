package io.hop.testing.infra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.awaitility.Awaitility;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real PostgreSQL server and Kafka broker of this test JVM, found or started once.
 *
 * <p>Each is taken from the first source that has one:
 * <ol>
 * <li>the environment: {@code KAFKA_BOOTSTRAP_SERVERS}; {@code HOP_TEST_JDBC_URL}, {@code HOP_TEST_JDBC_USER},
 * {@code HOP_TEST_JDBC_PASSWORD} (any database of a server where that user may create databases);</li>
 * <li>a server already answering on 127.0.0.1 (5432, 9092), as {@code bin/infra up} leaves them;</li>
 * <li>Testcontainers, where a Docker engine is reachable;</li>
 * <li>{@code bin/infra up}, which starts them as local processes (machines without Docker, such as CI).</li>
 * </ol>
 * Servers started through {@code bin/infra} stay up after the JVM ends, for the next module's tests;
 * {@code bin/infra down} stops them.
 */
public final class Infrastructure {

    private static final Logger LOG = Logger.getLogger(Infrastructure.class.getName());
    private static final String LOCAL_HOST = "127.0.0.1";
    private static final int LOCAL_PG_PORT = 5432;
    private static final int LOCAL_KAFKA_PORT = 9092;
    private static final String LOCAL_USER = "hop";
    private static final String LOCAL_PASSWORD = "hop";

    private static Infrastructure instance;

    private final PostgresServer postgres;
    private final String kafkaBootstrapServers;

    /** A PostgreSQL server reachable with a user that may create databases. */
    public record PostgresServer(String host, int port, String adminDatabase, String user, String password) {

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    /** A database of its own for one test JVM; see {@link #createDatabase(String)}. */
    public record Database(String name, String jdbcUrl, String user, String password) {
    }

    private Infrastructure(PostgresServer postgres, String kafkaBootstrapServers) {
        this.postgres = postgres;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
    }

    /** Finds or starts PostgreSQL and Kafka, once per JVM. */
    public static synchronized Infrastructure get() {
        if (instance == null) {
            instance = discover();
        }
        return instance;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /**
     * Creates an empty database named after {@code purpose} plus a random suffix, so that test runs never see each
     * other's rows, whichever modules run at the same time.
     */
    public Database createDatabase(String purpose) {
        String name = ("t_" + purpose.replaceAll("[^A-Za-z0-9]", "_") + "_"
                + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36)).toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name);
        return new Database(name, postgres.jdbcUrl(name), postgres.user(), postgres.password());
    }

    /**
     * Drops a database made by {@link #createDatabase(String)}, closing any connection still open to it. An
     * autovacuum worker visiting the new database is a superuser process that the test role may not end (SQLState
     * 42501); it leaves within moments, so the drop is tried again for up to 10 s.
     */
    public void dropDatabase(Database database) {
        String sql = "DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)";
        Awaitility.await("drop of " + database.name()).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100)).until(() -> dropUnlessAutovacuumIsIn(sql));
    }

    private boolean dropUnlessAutovacuumIsIn(String sql) {
        try {
            execute(sql);
            return true;
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException cause && "42501".equals(cause.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(postgres.adminDatabase()),
                postgres.user(), postgres.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql, e);
        }
    }

    private static Infrastructure discover() {
        PostgresServer postgres = postgresFromEnvironment();
        String kafka = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        boolean kafkaFromInfra = false;

        if (postgres == null && isOpen(LOCAL_HOST, LOCAL_PG_PORT)) {
            postgres = localPostgres();
        }
        if (kafka == null && isOpen(LOCAL_HOST, LOCAL_KAFKA_PORT)) {
            kafka = LOCAL_HOST + ":" + LOCAL_KAFKA_PORT;
            kafkaFromInfra = true;
        }
        if ((postgres == null || kafka == null) && dockerAvailable()) {
            if (postgres == null) {
                postgres = startPostgresContainer();
            }
            if (kafka == null) {
                kafka = startKafkaContainer();
            }
        }
        if (postgres == null || kafka == null) {
            runInfraUp();
            postgres = postgres == null ? localPostgres() : postgres;
            if (kafka == null) {
                kafka = LOCAL_HOST + ":" + LOCAL_KAFKA_PORT;
                kafkaFromInfra = true;
            }
        }
        if (!kafkaFromInfra) {
            createDeclaredTopics(kafka);
        }
        LOG.info("test infrastructure: PostgreSQL " + postgres.host() + ":" + postgres.port() + ", Kafka " + kafka);
        return new Infrastructure(postgres, kafka);
    }

    private static PostgresServer postgresFromEnvironment() {
        String url = System.getenv("HOP_TEST_JDBC_URL");
        if (url == null || url.isBlank()) {
            return null;
        }
        // jdbc:postgresql://host[:port]/database[?params]
        java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        return new PostgresServer(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database,
                System.getenv().getOrDefault("HOP_TEST_JDBC_USER", "postgres"),
                System.getenv().getOrDefault("HOP_TEST_JDBC_PASSWORD", ""));
    }

    private static PostgresServer localPostgres() {
        return new PostgresServer(LOCAL_HOST, LOCAL_PG_PORT, "postgres", LOCAL_USER, LOCAL_PASSWORD);
    }

    private static boolean isOpen(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean dockerAvailable() {
        // Asking Testcontainers where no Docker endpoint can exist costs seconds and an ERROR log in every test JVM.
        String home = System.getProperty("user.home");
        boolean endpointConfigured = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(home, ".testcontainers.properties"));
        if (!endpointConfigured) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // lives as long as the JVM; Testcontainers' reaper removes it
    private static PostgresServer startPostgresContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
        container.start();
        return new PostgresServer(container.getHost(), container.getFirstMappedPort(), container.getDatabaseName(),
                container.getUsername(), container.getPassword());
    }

    @SuppressWarnings("resource")
    private static String startKafkaContainer() {
        KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1");
        container.start();
        return container.getBootstrapServers();
    }

    private static void createDeclaredTopics(String bootstrapServers) {
        try {
            KafkaTopicDeclarations.createAll(bootstrapServers, KafkaTopicDeclarations.read(
                    repositoryRoot().resolve("deploy/kafka-topics.conf")));
        } catch (Exception e) {
            throw new IllegalStateException("could not create the declared topics on " + bootstrapServers, e);
        }
    }

    private static void runInfraUp() {
        Path script = repositoryRoot().resolve("bin/infra");
        LOG.info("no PostgreSQL/Kafka found: running " + script + " up");
        try {
            Process process = new ProcessBuilder(script.toString(), "up").inheritIO().start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(script + " up failed (exit " + process.exitValue() + ")");
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }

    /** The checkout's root: {@code -Dhop.root} (set by the build) or the nearest parent holding {@code bin/infra}. */
    public static Path repositoryRoot() {
        String configured = System.getProperty("hop.root");
        if (configured != null && Files.isRegularFile(Path.of(configured, "bin", "infra"))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin/infra"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (bin/infra) from " + Path.of("").toAbsolutePath());
    }
}
