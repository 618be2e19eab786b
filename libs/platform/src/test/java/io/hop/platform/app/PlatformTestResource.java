package io.hop.platform.app;

import java.util.HashMap;
import java.util.Map;

import io.hop.platform.testsupport.TestKafka;
import io.hop.testing.infra.HopInfraResource;

/**
 * The test application's real PostgreSQL database and Kafka (from {@link HopInfraResource}), plus a topic of its own
 * for the test channel, so that runs never see each other's events.
 */
public class PlatformTestResource extends HopInfraResource {

    /** The channel the test application publishes on (through the outbox) and consumes (through the inbox). */
    public static final String CHANNEL = "platform-test";

    /** A second channel of the same application on the same topic: it must see every event too (its own group). */
    public static final String SECOND_CHANNEL = "platform-test-second";

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of("database", "platform"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        String topic = TestKafka.createTopic("platform-test", 3);
        config.put("hop.topics.\"" + CHANNEL + "\"", topic);
        TestKafka.createTopicNamed(topic + ".dlq", 1);
        config.put("mp.messaging.incoming." + CHANNEL + ".topic", topic);
        config.put("mp.messaging.incoming." + SECOND_CHANNEL + ".topic", topic);
        config.put("hop.test.topic", topic);
        return config;
    }
}
