package io.hop.testing.infra;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} application at the real PostgreSQL and Kafka of {@link Infrastructure}, with a
 * database of its own (migrated by the service's Flyway scripts at start, dropped when the tests end).
 *
 * Its Kafka consumers get a consumer group of their own too.
 *
 * <p>Init arg {@code database}: a short name for the database (default {@code app}).
 */
public class HopInfraResource implements QuarkusTestResourceLifecycleManager {

    private Infrastructure.Database database;
    private String purpose = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        purpose = initArgs.getOrDefault("database", purpose);
    }

    @Override
    public Map<String, String> start() {
        Infrastructure infra = Infrastructure.get();
        database = infra.createDatabase(purpose);
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.user(),
                "quarkus.datasource.password", database.password(),
                "kafka.bootstrap.servers", infra.kafkaBootstrapServers(),
                // A consumer group of its own (the database name is unique): a platform running on the same broker
                // (bin/platform up) must not take the records these tests send.
                "hop.consumer-group", database.name());
    }

    @Override
    public void stop() {
        if (database != null) {
            Infrastructure.get().dropDatabase(database);
        }
    }
}
