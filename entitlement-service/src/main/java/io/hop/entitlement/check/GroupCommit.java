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
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Group commit of API decisions: the decisions of concurrent checks wait in a queue, one writer thread takes all that
 * are waiting (up to {@code hop.entitlement.group-commit.max-batch}) and stores and publishes them in one
 * transaction, then completes each check's future. A check answers only after its decision committed; under load one
 * commit serves many checks instead of one each. A batch that fails fails each of its checks (500): nothing is
 * answered that was not stored.
 */
@ApplicationScoped
public class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    private record Pending(EntitlementDecided decision, CompletableFuture<Void> committed) {
    }

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final DecisionStore store;
    private final int maxBatch;
    private volatile boolean running;
    private Thread writer;

    GroupCommit(DecisionStore store, EntitlementConfig config) {
        this.store = store;
        this.maxBatch = config.groupCommit().maxBatch();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        writer = new Thread(this::run, "entitlement-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (writer != null) {
            writer.join(10_000); // it drains what is queued before it stops
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
                queue.drainTo(batch, maxBatch - 1);
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
        try {
            List<EntitlementDecided> decisions = batch.stream().map(Pending::decision).toList();
            QuarkusTransaction.requiringNew().run(() -> store.record(decisions));
            batch.forEach(pending -> pending.committed().complete(null));
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not store %d entitlement decisions", batch.size());
            batch.forEach(pending -> pending.committed().completeExceptionally(e));
        }
    }
}
