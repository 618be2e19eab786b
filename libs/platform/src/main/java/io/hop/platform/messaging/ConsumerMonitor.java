package io.hop.platform.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Metrics and health of the consumers, per channel: {@code hop_consumer_dead_lettered_total{channel,kind}},
 * {@code hop_consumer_retries_total{channel}}, {@code hop_consumer_retrying{channel}} (1 while the channel waits for
 * a transient failure to pass), for folding consumers {@code hop_consumer_window_write_seconds{channel}} (each
 * window's transaction) and {@code hop_consumer_window_size{channel}} (its fold's size), and which channels are
 * retrying right now (the readiness check reports them).
 */
public final class ConsumerMonitor {

    private final MeterRegistry registry;
    private final Map<String, String> retrying = new ConcurrentHashMap<>();
    private final Map<String, Integer> retryingFlags = new ConcurrentHashMap<>();
    private final java.util.Set<String> gauges = ConcurrentHashMap.newKeySet();

    public ConsumerMonitor(MeterRegistry registry) {
        this.registry = registry;
    }

    void deadLettered(String channel, Failures.Kind kind) {
        Counter.builder("hop.consumer.dead.lettered").description("Records sent to the dead-letter topic")
                .tag("channel", channel).tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry).increment();
    }

    void retried(String channel, Throwable failure) {
        Counter.builder("hop.consumer.retries").description("Attempts that failed and are retried")
                .tag("channel", channel).register(registry).increment();
        if (retrying.put(channel, String.valueOf(failure)) == null) {
            gauge(channel);
            retryingFlags.put(channel, 1);
        }
    }

    void recovered(String channel) {
        if (retrying.remove(channel) != null) {
            retryingFlags.put(channel, 0);
        }
    }

    void windowWritten(String channel, int size, long nanos) {
        Timer.builder("hop.consumer.window.write").description("A folding consumer's window, written with its offsets")
                .tag("channel", channel).register(registry).record(nanos, TimeUnit.NANOSECONDS);
        DistributionSummary.builder("hop.consumer.window.size").description("Size of a written window's fold")
                .tag("channel", channel).register(registry).record(size);
    }

    private void gauge(String channel) {
        if (gauges.add(channel)) {
            registry.gauge("hop.consumer.retrying", io.micrometer.core.instrument.Tags.of("channel", channel),
                    retryingFlags, flags -> flags.getOrDefault(channel, 0));
        }
    }

    /** Channel to the failure it is retrying, for the channels retrying a transient failure now. */
    public Map<String, String> retrying() {
        return Map.copyOf(retrying);
    }

    public double deadLetteredCount(String channel) {
        return registry.find("hop.consumer.dead.lettered").tag("channel", channel).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    public double retryCount(String channel) {
        Counter counter = registry.find("hop.consumer.retries").tag("channel", channel).counter();
        return counter == null ? 0 : counter.count();
    }
}
