package io.hop.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.hop.testing.infra.Infrastructure;

/**
 * The whole platform for end-to-end tests: the five packaged services, each on a free port with a fresh database of
 * its own and its own consumer groups (so that a locally running platform on the same broker is not disturbed).
 * Started once per test JVM and stopped when it exits.
 */
final class Platform {

    enum Service {
        PROVISIONING("provisioning-service"),
        ENTITLEMENT("entitlement-service"),
        PLUGIN_HOST("plugin-host"),
        OFFLOAD("offload-service"),
        USAGE("usage-service");

        final String module;

        Service(String module) {
            this.module = module;
        }
    }

    private static Platform instance;

    private final Map<Service, ServiceProcess> processes = new LinkedHashMap<>();
    private final Map<Service, Infrastructure.Database> databases = new LinkedHashMap<>();

    static synchronized Platform get() {
        if (instance == null) {
            Platform platform = new Platform();
            // Registered before anything starts: a service that fails to boot must not leave the others running.
            Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "platform-stop"));
            try {
                platform.start();
            } catch (RuntimeException e) {
                platform.stop();
                throw e;
            }
            instance = platform;
        }
        return instance;
    }

    ServiceProcess service(Service service) {
        return processes.get(service);
    }

    Infrastructure.Database database(Service service) {
        return databases.get(service);
    }

    private void start() {
        Infrastructure infra = Infrastructure.get();
        Path root = Infrastructure.repositoryRoot();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (Service service : Service.values()) {
            Infrastructure.Database database = infra.createDatabase(service.module.replace("-", ""));
            databases.put(service, database);
            Map<String, String> env = Map.of(
                    "QUARKUS_HTTP_PORT", Integer.toString(freePort()),
                    "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                    "QUARKUS_DATASOURCE_USERNAME", database.user(),
                    "QUARKUS_DATASOURCE_PASSWORD", database.password(),
                    "KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
            List<String> groups = List.of("-Dhop.consumer-group=" + service.module + "-it-" + run);
            processes.put(service, new ServiceProcess(service.module,
                    root.resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar"),
                    Integer.parseInt(env.get("QUARKUS_HTTP_PORT")), env, groups,
                    root.resolve("system-tests/target/service-logs").resolve(service.module + ".log")));
        }
        // Start all, then wait: the JVMs boot in parallel.
        processes.values().forEach(ServiceProcess::start);
        processes.values().forEach(ServiceProcess::awaitReady);
    }

    private synchronized void stop() {
        // All at once: each graceful stop takes up to ~10 s (consumers leaving their groups, a last window written),
        // and one after the other they outlasted the 30 s Surefire gives a fork's shutdown hooks before killing it,
        // which would leave the services running.
        processes.values().forEach(ServiceProcess::requestStop);
        processes.values().forEach(ServiceProcess::awaitExit);
        processes.clear();
        databases.values().forEach(Infrastructure.get()::dropDatabase);
        databases.clear();
    }

    static List<Service> consumersOfProvisioningChanges() {
        return Stream.of(Service.ENTITLEMENT, Service.PLUGIN_HOST, Service.OFFLOAD, Service.USAGE).toList();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
