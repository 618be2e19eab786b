package io.hop.platform.outbox;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hop.contracts.EventType;
import io.hop.platform.config.HopTopics;
import io.hop.platform.tx.Transactor;

/**
 * The transactional outbox: records an event in the caller's transaction, so that the event exists if and only if
 * the state change it announces commits. After the commit the {@link OutboxRelay} publishes it to the channel's
 * Kafka topic as a CloudEvent (binary mode).
 *
 * <pre>{@code
 * @Transactional
 * public Operator create(NewOperator request) {
 *     Operator operator = ...; // persist
 *     outbox.publish(Channels.PROVISIONING_CHANGES, operator.id(), ProvisioningEvents.OPERATOR_CHANGED, changed);
 *     return operator;
 * }
 * }</pre>
 */
@ApplicationScoped
public class Outbox {

    private final DataSource dataSource;
    private final Transactor transactor;
    private final ObjectMapper mapper;
    private final Map<String, String> topics;
    private final String source;
    private final Clock clock;
    private final Runnable afterCommit;

    @Inject
    Outbox(DataSource dataSource, Transactor transactor, HopTopics topics,
            @ConfigProperty(name = "hop.events.source") String source, OutboxRelayService relay) {
        // the event mapper, not the REST one: quarkus.jackson.* must not change the events' bytes
        this(dataSource, transactor, io.hop.platform.json.PlatformJson.mapper(), topics.byChannel(), source,
                Clock.systemUTC(), relay::wake);
    }

    /**
     * For use without CDI.
     *
     * @param topics      channel name to Kafka topic
     * @param source      the CloudEvents {@code source} of every event ({@code /hop/<application>})
     * @param afterCommit run after each publishing transaction commits (wakes the relay)
     */
    public Outbox(DataSource dataSource, Transactor transactor, ObjectMapper mapper, Map<String, String> topics,
            String source, Clock clock, Runnable afterCommit) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.transactor = Objects.requireNonNull(transactor, "transactor");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.topics = Map.copyOf(topics);
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.afterCommit = Objects.requireNonNull(afterCommit, "afterCommit");
    }

    /**
     * Records the event in the caller's transaction; the relay publishes it after commit. The CloudEvent
     * {@code subject} is the key.
     *
     * @return the CloudEvent id
     * @throws IllegalArgumentException for a channel without a configured topic, or data that is not of the type's
     *                                  data class
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> UUID publish(String channel, String key, EventType<T> type, T data) {
        return publish(channel, key, key, type, data);
    }

    /**
     * Records the event in the caller's transaction; the relay publishes it after commit.
     *
     * @param key     the Kafka key: the entity whose events must stay in order
     * @param subject the CloudEvent {@code subject} (may be null)
     * @return the CloudEvent id
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> UUID publish(String channel, String key, String subject, EventType<T> type, T data) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        String topic = topicOf(channel);
        if (!type.dataClass().isInstance(data)) {
            throw new IllegalArgumentException(type.name() + " carries " + type.dataClass().getName() + ", not "
                    + data.getClass().getName());
        }
        transactor.requireActive("Outbox.publish");
        String payload;
        try {
            payload = mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + type.name() + " data: " + e.getMessage(), e);
        }
        return append(topic, key, subject, type.name(), payload);
    }

    /** One event of a {@link #publishAll} batch: its Kafka key (also the CloudEvent {@code subject}) and its data. */
    public record Keyed<T>(String key, T data) {
    }

    /**
     * Records many events of one type in the caller's transaction with two statements, whatever their number (for
     * batch paths that raise many events at once, e.g. usage alerts of a batch of usage records). Per key the events
     * keep the list's order and, as with {@link #publish}, the commit order of the transactions that publish them.
     *
     * @return the CloudEvent ids, in the list's order
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> List<UUID> publishAll(String channel, EventType<T> type, List<Keyed<T>> events) {
        Objects.requireNonNull(type, "type");
        String topic = topicOf(Objects.requireNonNull(channel, "channel"));
        if (events.isEmpty()) {
            return List.of();
        }
        transactor.requireActive("Outbox.publishAll");
        Instant time = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<OutboxMessage> messages = new ArrayList<>(events.size());
        for (Keyed<T> event : events) {
            Objects.requireNonNull(event.key(), "key");
            if (!type.dataClass().isInstance(event.data())) {
                throw new IllegalArgumentException(type.name() + " carries " + type.dataClass().getName() + ", not "
                        + (event.data() == null ? "null" : event.data().getClass().getName()));
            }
            try {
                messages.add(new OutboxMessage(UUID.randomUUID(), topic, event.key(), type.name(), source, event.key(),
                        time, mapper.writeValueAsString(event.data())));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("cannot serialize " + type.name() + " data: " + e.getMessage(), e);
            }
        }
        transactor.required(() -> {
            try (Connection connection = dataSource.getConnection()) {
                OutboxStore.appendAll(connection, messages);
            }
            return null;
        });
        transactor.afterCommit(afterCommit);
        return messages.stream().map(OutboxMessage::id).toList();
    }

    /**
     * Records, in the caller's transaction, the deletion of the entity {@code key} names on a compacted topic: the relay
     * publishes the key with a null value (a tombstone), after the events recorded before it for that key, with the
     * CloudEvent headers {@code ce_id} (consumers deduplicate it like any event) and {@code ce_type} {@code type}.
     *
     * @param type the deletion's CloudEvent type, e.g. {@code provisioning.entity-deleted.v1}
     * @return the CloudEvent id
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publishTombstone(String channel, String key, String subject, String type) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        String topic = topicOf(Objects.requireNonNull(channel, "channel"));
        transactor.requireActive("Outbox.publishTombstone");
        return append(topic, key, subject, type, null);
    }

    private String topicOf(String channel) {
        String topic = topics.get(channel);
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("no Kafka topic for channel '" + channel + "': set hop.topics.\""
                    + channel + "\" (configured: " + topics.keySet() + ")");
        }
        return topic;
    }

    private UUID append(String topic, String key, String subject, String type, String payload) {
        // PostgreSQL keeps microseconds: truncate so that ce_time is the same before and after the round trip.
        OutboxMessage message = new OutboxMessage(UUID.randomUUID(), topic, key, type, source, subject,
                clock.instant().truncatedTo(ChronoUnit.MICROS), payload);
        transactor.required(() -> {
            try (Connection connection = dataSource.getConnection()) {
                OutboxStore.append(connection, message);
            }
            return null;
        });
        transactor.afterCommit(afterCommit);
        return message.id();
    }
}
