package io.hop.entitlement.check;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.hop.contracts.entitlement.EntitlementDecided;
import io.hop.entitlement.config.EntitlementConfig;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Group commit of API decisions: the decisions of concurrent checks wait in a queue; a writer thread takes everything
 * that is waiting the moment it is free (up to {@code hop.entitlement.group-commit.max-batch}, never waiting for a
 * batch to fill), stores and publishes it in one transaction with multi-row statements ({@link DecisionStore}), then
 * completes each check's future. {@code hop.entitlement.group-commit.writers} writers do this in parallel, so that
 * while one waits for its commit the next batch is already being written. A check answers only after its decision
 * committed; a batch that fails fails each of its checks (500): nothing is answered that was not stored.
 *
 * <p>Metrics: {@code hop.entitlement.group-commit.batch} (decisions per transaction) and
 * {@code hop.entitlement.group-commit.write} (time from taking a batch to its commit).
 */
@ApplicationScoped
public class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    private record Pending(EntitlementDecided decision, CompletableFuture<Void> committed) {
    }

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final DecisionStore store;
    private final int maxBatch;
    private final int writerCount;
    private final DistributionSummary batchSizes;
    private final Timer writeTimes;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;

    GroupCommit(DecisionStore store, EntitlementConfig config, MeterRegistry registry) {
        this.store = store;
        this.maxBatch = config.groupCommit().maxBatch();
        this.writerCount = config.groupCommit().writers();
        if (maxBatch < 1 || writerCount < 1) {
            throw new IllegalArgumentException("hop.entitlement.group-commit.max-batch and .writers must be positive");
        }
        this.batchSizes = DistributionSummary.builder("hop.entitlement.group-commit.batch")
                .description("Decisions stored per group-commit transaction").register(registry);
        this.writeTimes = Timer.builder("hop.entitlement.group-commit.write")
                .description("Time to store, publish and commit one group-commit batch").register(registry);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        for (int i = 0; i < writerCount; i++) {
            Thread writer = new Thread(this::run, "entitlement-group-commit-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        for (Thread writer : writers) {
            writer.join(10_000); // each drains what is queued before it stops
        }
    }

    /** Completes once the decision is stored and its event recorded in the outbox (committed). */
    public CompletionStage<Void> submit(EntitlementDecided decision) {
        CompletableFuture<Void> committed = new CompletableFuture<>();
        if (!running) {
            committed.completeExceptionally(new IllegalStateException("the service is stopping"));
            return committed;
        }
        queue.add(new Pending(decision, committed));
        return committed;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1); // what is waiting now: no waiting for more
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        long started = System.nanoTime();
        try {
            List<EntitlementDecided> decisions = new ArrayList<>(batch.size());
            for (Pending pending : batch) {
                decisions.add(pending.decision());
            }
            QuarkusTransaction.requiringNew().run(() -> store.record(decisions));
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not store %d entitlement decisions", batch.size());
            batch.forEach(pending -> pending.committed().completeExceptionally(e));
            return;
        }
        writeTimes.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        batchSizes.record(batch.size());
        batch.forEach(pending -> pending.committed().complete(null));
    }
}
