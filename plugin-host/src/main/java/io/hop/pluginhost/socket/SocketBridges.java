package io.hop.pluginhost.socket;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Opens the configured socket bridges at startup and closes them at shutdown. */
@ApplicationScoped
public class SocketBridges {

    private final SocketBridgeConfig config;
    private final Instance<OperationDispatcher> dispatcher;
    private final List<UnixDatagramBridge> open = new ArrayList<>();

    SocketBridges(SocketBridgeConfig config, Instance<OperationDispatcher> dispatcher) {
        this.config = config;
        this.dispatcher = dispatcher;
    }

    void start(@Observes StartupEvent event) {
        if (config.bridges().isEmpty()) {
            return;
        }
        if (!dispatcher.isResolvable()) {
            throw new IllegalStateException("socket bridges are configured but the host offers no OperationDispatcher");
        }
        for (Map.Entry<String, SocketBridgeConfig.Bridge> e : config.bridges().entrySet()) {
            SocketBridgeConfig.Bridge b = e.getValue();
            try {
                open.add(UnixDatagramBridge.open(new UnixDatagramBridge.Binding(e.getKey(), Path.of(b.path()),
                        b.plugin(), b.operation(), b.operator()), dispatcher.get()));
            } catch (IOException ex) {
                throw new UncheckedIOException("socket bridge " + e.getKey() + " cannot bind " + b.path(), ex);
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        open.forEach(UnixDatagramBridge::close);
        open.clear();
    }
}
