package io.hop.platform.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.hop.platform.config.InboxConfig;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes processed-event ids past {@code hop.inbox.retention}, in batches of {@code hop.inbox.purge-batch-size}, one
 * replica at a time.
 */
@ApplicationScoped
public class InboxHousekeeping {

    private static final Logger LOG = Logger.getLogger(InboxHousekeeping.class);

    @Inject
    Inbox inbox;

    @Inject
    InboxConfig config;

    @Scheduled(identity = "hop-inbox-purge", every = "${hop.inbox.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        int purged = inbox.purgeProcessedBefore(Instant.now().minus(config.retention()), config.purgeBatchSize());
        if (purged > 0) {
            LOG.debugf("Purged %d processed-event ids", purged);
        }
    }
}
