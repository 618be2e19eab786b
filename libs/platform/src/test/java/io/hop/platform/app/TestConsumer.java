package io.hop.platform.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.MDC;

import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.platform.messaging.Consumers;
import io.hop.platform.messaging.IncomingEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** Consumes the test channel the way the services consume theirs (test code only). */
@ApplicationScoped
public class TestConsumer {

    // Read through methods: the test sees this bean through its client proxy, whose own fields are not the bean's.
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final Map<String, String> mdcEventIds = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> secondChannelRuns = new ConcurrentHashMap<>();
    private final java.util.Set<String> tombstones = ConcurrentHashMap.newKeySet();

    @Inject
    Consumers consumers;

    @Inject
    TestOperators operators;

    @Incoming(PlatformTestResource.CHANNEL)
    @Blocking
    public void onEvent(ConsumerRecord<String, String> record) {
        consumers.consume(PlatformTestResource.CHANNEL, record, event -> {
            runs.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
            mdcEventIds.put(event.id(), String.valueOf(MDC.get("eventId")));
            if (event.tombstone()) {
                tombstones.add(event.key());
            } else if (event.is(ProvisioningEvents.OPERATOR_CHANGED)) {
                operators.apply(event.dataAs(ProvisioningEvents.OPERATOR_CHANGED));
            }
        });
    }

    /** The same topic on a second channel: counts the events it sees, applies nothing. */
    @Incoming(PlatformTestResource.SECOND_CHANNEL)
    @Blocking
    public void onEventOfSecondChannel(ConsumerRecord<String, String> record) {
        consumers.consume(PlatformTestResource.SECOND_CHANNEL, record,
                event -> secondChannelRuns.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet());
    }

    public int secondChannelRuns(String eventId) {
        AtomicInteger count = secondChannelRuns.get(eventId);
        return count == null ? 0 : count.get();
    }

    /** Whether the handler of the test channel saw {@code key} deleted (a tombstone). */
    public boolean sawTombstone(String key) {
        return tombstones.contains(key);
    }

    /** The eventId the logging MDC held while the handler of {@code eventId} ran. */
    public String mdcEventId(String eventId) {
        return mdcEventIds.get(eventId);
    }

    public int runs(String eventId) {
        AtomicInteger count = runs.get(eventId);
        return count == null ? 0 : count.get();
    }
}
