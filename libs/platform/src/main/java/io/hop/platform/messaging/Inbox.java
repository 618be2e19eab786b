package io.hop.platform.messaging;

import java.sql.Connection;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.MDC;

import io.hop.platform.tx.Transactor;

/**
 * The idempotent consumer: processes each event at most once per consumer, however often Kafka delivers it.
 *
 * <pre>{@code
 * @Incoming(Channels.PROVISIONING_CHANGES) @Blocking
 * public void onChange(ConsumerRecord<String, String> record) {
 *     inbox.process("entitlement-service", IncomingEvent.from(record), readModel::apply);
 * }
 * }</pre>
 */
@ApplicationScoped
public class Inbox {

    /** MDC key holding the id of the event being handled. */
    public static final String MDC_EVENT_ID = "eventId";

    private final DataSource dataSource;
    private final Transactor transactor;

    @Inject
    public Inbox(DataSource dataSource, Transactor transactor) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    /**
     * Runs the handler at most once per (consumer, event id), in one transaction with the processed-id record (the
     * caller's transaction if there is one, else a new one). Returns false, and does nothing, when the event was
     * already processed. A handler that throws rolls everything back, so the event counts as unprocessed and a
     * redelivery processes it; the exception propagates (so the messaging layer does not acknowledge the record).
     * The event id is in the logging MDC (key {@value #MDC_EVENT_ID}) while the handler runs.
     */
    public boolean process(String consumer, IncomingEvent event, Consumer<IncomingEvent> handler) {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(handler, "handler");
        Object previous = MDC.get(MDC_EVENT_ID);
        MDC.put(MDC_EVENT_ID, event.id());
        try {
            return transactor.required(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    if (!InboxStore.record(connection, consumer, event)) {
                        return false;
                    }
                }
                handler.accept(event);
                return true;
            });
        } finally {
            if (previous == null) {
                MDC.remove(MDC_EVENT_ID);
            } else {
                MDC.put(MDC_EVENT_ID, previous);
            }
        }
    }

    /** Forgets processed ids older than {@code processedBefore}; returns how many. */
    public int purgeProcessedBefore(Instant processedBefore) {
        return transactor.requiresNew(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return InboxStore.purge(connection, processedBefore);
            }
        });
    }
}
