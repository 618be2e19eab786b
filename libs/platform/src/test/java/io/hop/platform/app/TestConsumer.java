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
import io.hop.platform.messaging.Inbox;
import io.hop.platform.messaging.IncomingEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** Consumes the test channel the way the services consume theirs (test code only). */
@ApplicationScoped
public class TestConsumer {

    public static final String NAME = "platform-test-consumer";

    // Read through methods: the test sees this bean through its client proxy, whose own fields are not the bean's.
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final Map<String, String> mdcEventIds = new ConcurrentHashMap<>();

    @Inject
    Inbox inbox;

    @Inject
    TestOperators operators;

    @Incoming(PlatformTestResource.CHANNEL)
    @Blocking
    public void onEvent(ConsumerRecord<String, String> record) {
        inbox.process(NAME, IncomingEvent.from(record), event -> {
            runs.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
            mdcEventIds.put(event.id(), String.valueOf(MDC.get("eventId")));
            if (event.is(ProvisioningEvents.OPERATOR_CHANGED)) {
                operators.apply(event.dataAs(ProvisioningEvents.OPERATOR_CHANGED));
            }
        });
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
