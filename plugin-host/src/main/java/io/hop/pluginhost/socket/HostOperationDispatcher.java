package io.hop.pluginhost.socket;

import io.hop.plugin.api.PluginOperation;
import io.hop.plugin.api.PluginOperation.OperationResponse;
import io.hop.pluginhost.registry.PluginRegistry;
import io.hop.pluginhost.runtime.CallOutcome;
import io.hop.pluginhost.runtime.PluginRuntime;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Socket bridges' calls go through the host's plugin runtime exactly as {@code POST /v1/plugins/{id}/{operation}}
 * does: the plugin's executor, its {@code operation} timeout, quarantine. A plugin that does not serve the bridge's
 * operator, or has no such operation, fails the call (the bridge then answers nothing).
 */
@ApplicationScoped
public class HostOperationDispatcher implements OperationDispatcher {

    /** Waits for plugin calls so that the bridges' receiving threads never block. */
    private final ExecutorService waiters = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "socket-bridge-call");
        t.setDaemon(true);
        return t;
    });
    private final PluginRegistry registry;

    HostOperationDispatcher(PluginRegistry registry) {
        this.registry = registry;
    }

    @Override
    public CompletionStage<OperationResponse> dispatch(String pluginId, String operation, String operatorId,
            String contentType, byte[] body) {
        PluginRuntime plugin = registry.find(pluginId).filter(p -> p.manifest().serves(operatorId)).orElse(null);
        if (plugin == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no plugin " + pluginId
                    + " serving operator " + operatorId));
        }
        return CompletableFuture.supplyAsync(() -> {
            CallOutcome<OperationResponse> outcome = plugin.call("operation", () -> {
                Map<String, PluginOperation> operations = plugin.plugin().operations();
                PluginOperation op = operations == null ? null : operations.get(operation);
                if (op == null) {
                    throw new IllegalStateException("plugin " + pluginId + " has no operation " + operation);
                }
                return op.handle(operatorId, contentType, body);
            });
            if (!outcome.answered()) {
                throw new IllegalStateException("plugin " + pluginId + " operation " + operation + ": "
                        + outcome.kind() + (outcome.error() == null ? "" : " " + outcome.error()));
            }
            return outcome.value();
        }, waiters);
    }

    @PreDestroy
    void stop() {
        waiters.shutdownNow();
    }
}
