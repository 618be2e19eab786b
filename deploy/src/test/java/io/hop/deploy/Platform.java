package io.hop.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hop.testing.infra.KafkaTopicDeclarations;
import io.hop.testing.infra.KafkaTopicDeclarations.Topic;

/** What shared/design/contract.md fixes and the checkout declares: services, ports, databases, topics. */
final class Platform {

    /** One of the five services: its HTTP port and database (contract.md, "Ports"). */
    record ServiceSpec(String name, int port, String database) {
    }

    static final List<ServiceSpec> SERVICES = List.of(
            new ServiceSpec("offload-service", 8080, "offload"),
            new ServiceSpec("provisioning-service", 8081, "provisioning"),
            new ServiceSpec("entitlement-service", 8082, "entitlement"),
            new ServiceSpec("plugin-host", 8083, "pluginhost"),
            new ServiceSpec("usage-service", 8084, "usage"));

    static final int KAFKA_PORT = 9092;
    static final int POSTGRES_PORT = 5432;

    /** The development token issuer and the classpath location of the development public key (libs/platform). */
    static final String DEV_ISSUER = "https://hop.local/dev";
    static final String DEV_PUBLIC_KEY = "hop/dev-jwt/public-key.pem";

    private Platform() {
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
