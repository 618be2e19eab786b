package io.hop.provisioning;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.hop.testing.infra.Infrastructure;

/**
 * The packaged service (prod profile) with the platform's default verification settings, which trust the development
 * key: it refuses to start, with reachable PostgreSQL and Kafka, so that nothing but the key can be the reason.
 */
class DevelopmentKeyRefusalIT {

    @Test
    void theProductionProfileRefusesToStartWhileItWouldTrustTheDevelopmentKey() throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is packaged before integration tests");
        Infrastructure infra = Infrastructure.get();
        Infrastructure.Database database = infra.createDatabase("dev-key-refusal");
        Path log = Files.createTempFile("provisioning-dev-key", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().remove("HOP_SECURITY_ALLOW_DEVELOPMENT_KEY");
            builder.environment().put("QUARKUS_HTTP_PORT", "0");
            builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
            builder.environment().put("QUARKUS_DATASOURCE_USERNAME", database.user());
            builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", database.password());
            builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
            Process process = builder.start();

            boolean exited = process.waitFor(90, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log);

            assertTrue(exited, "the service started and kept running with the development key:\n" + output);
            assertNotEquals(0, process.exitValue(), output);
            assertTrue(output.contains("DEVELOPMENT key") && output.contains("hop.security.allow-development-key=true"),
                    "the refusal says why and what to set:\n" + output);
        } finally {
            Files.deleteIfExists(log);
            infra.dropDatabase(database);
        }
    }
}
