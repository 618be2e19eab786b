package io.hop.testing.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The platform's topics as declared in {@code deploy/kafka-topics.conf}, and their creation on a broker.
 *
 * <p>Self-contained on purpose (JDK and kafka-clients only): {@code bin/infra} runs this file directly with
 * Java's single-file source launcher, and the test infrastructure calls {@link #createAll} for brokers it did not
 * start through {@code bin/infra} (Testcontainers, a broker given in the environment). One implementation.
 */
public final class KafkaTopicDeclarations {

    /** One declared topic. */
    public record Topic(String name, int partitions, String cleanupPolicy) {
        NewTopic toNewTopic() {
            return new NewTopic(name, partitions, (short) 1).configs(Map.of("cleanup.policy", cleanupPolicy));
        }
    }

    private KafkaTopicDeclarations() {
    }

    /** Reads the declaration: one topic a line as {@code name partitions cleanup.policy}; {@code #} starts a comment. */
    public static List<Topic> read(Path file) throws IOException {
        List<Topic> topics = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file)) {
            lineNumber++;
            String content = line.replaceFirst("#.*", "").trim();
            if (content.isEmpty()) {
                continue;
            }
            String[] fields = content.split("\\s+");
            if (fields.length != 3) {
                throw new IllegalArgumentException(file + ":" + lineNumber + ": expected 'name partitions cleanup.policy'");
            }
            topics.add(new Topic(fields[0], Integer.parseInt(fields[1]), fields[2]));
        }
        return topics;
    }

    /**
     * Creates every declared topic that does not exist yet. Existing topics are left as they are; one whose partition
     * count differs from its declaration is reported on standard error (Kafka cannot shrink it, and growing it would
     * move keys to other partitions: that is an operator's decision, not a start-up script's).
     */
    public static List<String> createAll(String bootstrapServers, List<Topic> topics)
            throws InterruptedException, ExecutionException {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(60).toMillis());
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get();
            warnAboutDifferingPartitions(admin, topics, existing);
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .map(Topic::toNewTopic)
                    .collect(Collectors.toList());
            if (missing.isEmpty()) {
                return List.of();
            }
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                // Another process may have created one of them meanwhile; that is the state we want.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            return missing.stream().map(NewTopic::name).collect(Collectors.toList());
        }
    }

    private static void warnAboutDifferingPartitions(Admin admin, List<Topic> topics, Set<String> existing)
            throws InterruptedException, ExecutionException {
        List<String> present = topics.stream().map(Topic::name).filter(existing::contains).collect(Collectors.toList());
        if (present.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(present).allTopicNames().get();
        for (Topic topic : topics) {
            TopicDescription description = descriptions.get(topic.name());
            if (description != null && description.partitions().size() != topic.partitions()) {
                System.err.printf("[infra] warning: topic %s has %d partitions, declared %d%n", topic.name(),
                        description.partitions().size(), topic.partitions());
            }
        }
    }

    /** {@code java -cp <kafka-clients> KafkaTopicDeclarations.java <bootstrap-servers> <declaration-file>} */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: KafkaTopicDeclarations <bootstrap-servers> <kafka-topics.conf>");
            System.exit(2);
        }
        List<Topic> topics = read(Path.of(args[1]));
        List<String> created = createAll(args[0], topics);
        System.err.printf("[infra] %d topics declared, %d created%s%n", topics.size(), created.size(),
                created.isEmpty() ? "" : ": " + String.join(", ", created));
    }
}
