package io.hop.pluginhost.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import io.hop.plugin.api.HotspotPlugin;
import io.hop.plugin.api.PluginOperationException;
import io.hop.pluginhost.loading.PluginManifest;

/**
 * One loaded plugin: its instance, class loader, bounded executor and health. Every call to the plugin goes through
 * {@link #submit}: it runs on the plugin's own threads (whose context class loader is the plugin's), waits at most the
 * manifest's timeout for that kind of call, and counts throws, timeouts and a full executor against the plugin's
 * {@link PluginHealth}. A plugin's refusal of a request ({@link PluginOperationException}) is an answer, not a fault.
 * A hung call's thread is interrupted; one that ignores interrupts keeps its thread, which the bound on the executor
 * and the quarantine keep from spreading.
 */
public final class PluginRuntime implements Closeable {

    private static final Logger LOG = Logger.getLogger(PluginRuntime.class);

    private final PluginManifest manifest;
    private final HotspotPlugin plugin;
    private final ClassLoader classLoader;
    private final ThreadPoolExecutor executor;
    private final PluginHealth health;
    private final boolean builtIn;

    public PluginRuntime(PluginManifest manifest, HotspotPlugin plugin, ClassLoader classLoader,
            ThreadPoolExecutor executor, Clock clock, boolean builtIn) {
        this.manifest = manifest;
        this.plugin = plugin;
        this.classLoader = classLoader;
        this.executor = executor;
        this.health = new PluginHealth(manifest.quarantineAfterFailures(), manifest.quarantinePause(), clock);
        this.builtIn = builtIn;
    }

    /** The bounded executor of a plugin: its threads run with the plugin's class loader as context loader. */
    public static ThreadPoolExecutor executorFor(PluginManifest manifest, ClassLoader classLoader) {
        AtomicInteger n = new AtomicInteger();
        BlockingQueue<Runnable> queue = manifest.executorQueue() == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(manifest.executorQueue());
        ThreadPoolExecutor executor = new ThreadPoolExecutor(manifest.executorThreads(), manifest.executorThreads(),
                30, TimeUnit.SECONDS, queue, r -> {
                    Thread t = new Thread(r, "plugin-" + manifest.id() + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    t.setContextClassLoader(classLoader);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    public PluginManifest manifest() {
        return manifest;
    }

    public String id() {
        return manifest.id();
    }

    public HotspotPlugin plugin() {
        return plugin;
    }

    public PluginHealth health() {
        return health;
    }

    public boolean builtIn() {
        return builtIn;
    }

    public ClassLoader classLoader() {
        return classLoader;
    }

    /** Calls the plugin and waits for the answer: {@link #submit} then {@link Pending#await}. */
    public <T> CallOutcome<T> call(String call, Callable<? extends CompletionStage<T>> work) {
        return submit(call, work).await();
    }

    /** Same, for a call that answers synchronously. */
    public <T> CallOutcome<T> callSync(String call, Callable<T> work) {
        return call(call, () -> CompletableFuture.completedFuture(work.call()));
    }

    /**
     * Starts a call on the plugin's executor, unless the plugin is quarantined. Several calls (to several plugins) can
     * be started before the first is awaited.
     */
    public <T> Pending<T> submit(String call, Callable<? extends CompletionStage<T>> work) {
        Duration timeout = manifest.timeoutOf(call);
        if (!health.tryAcquire()) {
            return new Pending<>(this, call, timeout, null, null, CallOutcome.skipped());
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Future<?> task;
        try {
            task = executor.submit(() -> {
                try {
                    CompletionStage<T> stage = work.call();
                    if (stage == null) {
                        result.completeExceptionally(new NullPointerException(call + " returned null"));
                    } else {
                        stage.whenComplete((v, e) -> {
                            if (e != null) {
                                result.completeExceptionally(e);
                            } else {
                                result.complete(v);
                            }
                        });
                    }
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            String error = call + ": executor full (" + manifest.executorThreads() + " threads, queue "
                    + manifest.executorQueue() + ")";
            health.failure(error);
            return new Pending<>(this, call, timeout, null, null, CallOutcome.failed(error, e));
        }
        return new Pending<>(this, call, timeout, task, result, null);
    }

    /** A call under way. */
    public static final class Pending<T> {

        private final PluginRuntime runtime;
        private final String call;
        private final Duration timeout;
        private final Future<?> task;
        private final CompletableFuture<T> result;
        private final long startedNanos = System.nanoTime();
        private CallOutcome<T> outcome;

        Pending(PluginRuntime runtime, String call, Duration timeout, Future<?> task, CompletableFuture<T> result,
                CallOutcome<T> outcome) {
            this.runtime = runtime;
            this.call = call;
            this.timeout = timeout;
            this.task = task;
            this.result = result;
            this.outcome = outcome;
        }

        public PluginRuntime runtime() {
            return runtime;
        }

        /** Waits for the answer until the call's timeout (counted from submission). */
        public synchronized CallOutcome<T> await() {
            if (outcome != null) {
                return outcome;
            }
            long left = timeout.toNanos() - (System.nanoTime() - startedNanos);
            try {
                T value = result.get(Math.max(0, left), TimeUnit.NANOSECONDS);
                runtime.health.success();
                outcome = CallOutcome.answered(value);
            } catch (TimeoutException e) {
                task.cancel(true);
                result.cancel(false);
                String error = call + " timed out after " + timeout.toMillis() + " ms";
                runtime.health.failure(error);
                LOG.warnf("plugin %s: %s", runtime.id(), error);
                outcome = CallOutcome.timedOut(error);
            } catch (ExecutionException | CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                while (cause instanceof CompletionException && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                String error = call + " failed: " + cause.getClass().getName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
                if (cause instanceof PluginOperationException) {
                    runtime.health.success(); // a refusal is an answer
                } else {
                    runtime.health.failure(error);
                    LOG.warnf("plugin %s: %s", runtime.id(), error);
                }
                outcome = CallOutcome.failed(error, cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                task.cancel(true);
                outcome = CallOutcome.failed(call + " interrupted", e); // the host's thread, not the plugin's fault
            } catch (java.util.concurrent.CancellationException e) {
                outcome = CallOutcome.failed(call + " cancelled", e);
            }
            return outcome;
        }
    }

    /** Stops the plugin (bounded by its {@code stop} timeout), its threads and its class loader. */
    @Override
    public void close() {
        try {
            callSync("stop", () -> {
                plugin.stop();
                return null;
            });
        } finally {
            executor.shutdownNow();
            if (classLoader instanceof Closeable c) {
                try {
                    c.close();
                } catch (IOException e) {
                    LOG.debugf(e, "closing the class loader of plugin %s", id());
                }
            }
        }
    }
}
