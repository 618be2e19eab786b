package io.hop.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hop.testing.infra.KafkaTopicDeclarations;
import io.hop.testing.infra.KafkaTopicDeclarations.Topic;

/**
 * What shared/design/contract.md fixes and the checkout declares: services, ports, databases, topics; plus the
 * second plugin host the deployment adds.
 */
final class Platform {

    /**
     * One deployed service: its name (compose service, Kubernetes Deployment and Service), HTTP port, database and the
     * Maven module whose image it runs.
     */
    record ServiceSpec(String name, int port, String database, String module) {

        ServiceSpec(String name, int port, String database) {
            this(name, port, database, name);
        }
    }

    /** The five services of the contract (contract.md, "Ports"), each its own module and image. */
    static final List<ServiceSpec> CONTRACT_SERVICES = List.of(
            new ServiceSpec("offload-service", 8080, "offload"),
            new ServiceSpec("provisioning-service", 8081, "provisioning"),
            new ServiceSpec("entitlement-service", 8082, "entitlement"),
            new ServiceSpec("plugin-host", 8083, "pluginhost"),
            new ServiceSpec("usage-service", 8084, "usage"));

    /**
     * The second plugin host (issue 8: one host per plugin is a supported deployment): plugin-host's image with
     * another plugins directory, its own database and a port outside the contract's.
     */
    static final ServiceSpec PLUGIN_HOST_PARTNER = new ServiceSpec("plugin-host-partner", 8085, "pluginhost_partner",
            "plugin-host");

    /** Everything deployed: the five services and plugin-host-partner. Every deployment check applies to each. */
    static final List<ServiceSpec> SERVICES = java.util.stream.Stream
            .concat(CONTRACT_SERVICES.stream(), java.util.stream.Stream.of(PLUGIN_HOST_PARTNER)).toList();

    static final int KAFKA_PORT = 9092;
    static final int POSTGRES_PORT = 5432;

    /** The development token issuer and the classpath location of the development public key (libs/platform). */
    static final String DEV_ISSUER = "https://hop.local/dev";
    static final String DEV_PUBLIC_KEY = "hop/dev-jwt/public-key.pem";

    private Platform() {
    }

    /** The contract service whose module (and image) {@code spec} runs. */
    static ServiceSpec moduleService(ServiceSpec spec) {
        return CONTRACT_SERVICES.stream().filter(s -> s.name().equals(spec.module())).findFirst()
                .orElseThrow(() -> new IllegalStateException(spec.name() + " runs no service's module"));
    }

    static List<String> databases() {
        return SERVICES.stream().map(ServiceSpec::database).toList();
    }

    /** deploy/kafka-topics.conf, read by the same code bin/infra runs. */
    static List<Topic> declaredTopics() throws IOException {
        Path file = RepoRoot.resolve("deploy/kafka-topics.conf");
        List<Topic> topics = KafkaTopicDeclarations.read(file);
        if (topics.isEmpty()) {
            throw new IllegalStateException(file + " declares no topic");
        }
        return topics;
    }

    /** The kafka.version property of the root pom: the Kafka the services' clients are built against. */
    static String kafkaVersion() throws IOException {
        String pom = Files.readString(RepoRoot.resolve("pom.xml"));
        Matcher matcher = Pattern.compile("<kafka\\.version>([^<]+)</kafka\\.version>").matcher(pom);
        if (!matcher.find()) {
            throw new IllegalStateException("no <kafka.version> in the root pom.xml");
        }
        return matcher.group(1).trim();
    }
}
