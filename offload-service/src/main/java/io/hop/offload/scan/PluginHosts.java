package io.hop.offload.scan;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import io.hop.offload.config.OffloadConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.Guard;

/**
 * The plugin hosts offload-service is configured with ({@code hop.offload.plugin-hosts.<name>.url}), each behind its
 * own REST client and fault-tolerance guard: a timeout per call, a retry of a failed (not of a timed-out) call, and a
 * circuit breaker that skips a failing host for a while. A host that cannot answer is reported, never thrown: the scan
 * is answered with what the others said.
 *
 * <p>Also knows which plugins serve an operator: learnt from each identification's {@code plugins} and from the hosts'
 * {@code GET /v1/plugins}, remembered for {@code hop.offload.identification.plugins-cache-ttl}.
 */
@ApplicationScoped
public class PluginHosts {

    private static final Logger LOG = Logger.getLogger(PluginHosts.class);

    private record Host(String name, PluginHostApi api, Guard guard) {
    }

    /** Which plugins serve an operator, as learnt at {@code at}; {@code complete}: every host told. */
    private record KnownPlugins(Set<String> pluginIds, boolean complete, Instant at) {
    }

    private final List<Host> hosts = new ArrayList<>();
    private final Duration pluginsTtl;
    private final Map<String, KnownPlugins> plugins = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "plugin-host-call");
        t.setDaemon(true);
        return t;
    });

    PluginHosts(OffloadConfig config) {
        OffloadConfig.Identification id = config.identification();
        this.pluginsTtl = id.pluginsCacheTtl();
        long timeoutMs = id.timeout().toMillis();
        // sorted by name: a stable order of calls and of reports
        new TreeMap<>(config.pluginHosts()).forEach((name, host) -> {
            if (host.url().isEmpty()) {
                return;
            }
            PluginHostApi api = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(host.url().get()))
                    .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS).readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                    .build(PluginHostApi.class);
            Guard guard = Guard.create().withDescription("plugin host " + name)
                    .withTimeout().duration(timeoutMs, ChronoUnit.MILLIS).done()
                    // a refusal (4xx) is an answer, not a failing host: neither retried nor counted
                    .withRetry().maxRetries(id.retries()).delay(20, ChronoUnit.MILLIS)
                    .whenException(e -> hostFault(e) && !(e instanceof TimeoutException)
                            && !(e instanceof CircuitBreakerOpenException)).done()
                    .withCircuitBreaker().name("plugin-host-" + name).requestVolumeThreshold(id.circuitRequestVolume())
                    .failureRatio(id.circuitFailureRatio()).delay(id.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                    .when(PluginHosts::hostFault).done()
                    .build();
            hosts.add(new Host(name, api, guard));
        });
    }

    private static boolean hostFault(Throwable e) {
        return !(e instanceof WebApplicationException w && w.getResponse().getStatus() < 500);
    }

    /** Names of the configured hosts. */
    public List<String> names() {
        return hosts.stream().map(Host::name).toList();
    }

    /**
     * Asks every host at once, forwarding the caller's {@code Authorization}; returns one answer per host, in host
     * order, each within the host's timeout.
     */
    public List<HostAnswer> identify(String authorization, PluginHostDtos.IdentificationRequest request) {
        List<HostAnswer> answers;
        if (hosts.size() == 1) {
            answers = List.of(call(hosts.get(0), authorization, request));
        } else {
            List<CompletableFuture<HostAnswer>> calls = hosts.stream()
                    .map(h -> CompletableFuture.supplyAsync(() -> call(h, authorization, request), executor)).toList();
            answers = calls.stream().map(CompletableFuture::join).toList();
        }
        learn(request.operatorId(), answers);
        return answers;
    }

    private HostAnswer call(Host host, String authorization, PluginHostDtos.IdentificationRequest request) {
        try {
            return HostAnswer.answered(host.name(), host.guard().call(() -> host.api().identify(authorization, request),
                    PluginHostDtos.IdentificationResponse.class));
        } catch (TimeoutException e) {
            return HostAnswer.failed(host.name(), "TIMED_OUT", "no answer within the timeout");
        } catch (CircuitBreakerOpenException e) {
            return HostAnswer.failed(host.name(), "CIRCUIT_OPEN", "skipped while its circuit breaker is open");
        } catch (WebApplicationException e) {
            return HostAnswer.failed(host.name(), "FAILED", "HTTP " + e.getResponse().getStatus());
        } catch (Exception e) {
            LOG.debugf(e, "plugin host %s failed", host.name());
            return HostAnswer.failed(host.name(), "FAILED", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void learn(String operatorId, List<HostAnswer> answers) {
        Set<String> ids = new LinkedHashSet<>();
        boolean complete = true;
        for (HostAnswer a : answers) {
            if (a.ok()) {
                a.response().plugins().forEach(p -> ids.add(p.pluginId()));
            } else {
                complete = false;
            }
        }
        if (complete || !ids.isEmpty()) {
            plugins.put(operatorId, new KnownPlugins(Set.copyOf(ids), complete, Instant.now()));
        }
    }

    /**
     * The plugins serving {@code operatorId}, remembered for the cache's time; otherwise asked from every host's
     * {@code GET /v1/plugins} with the caller's {@code Authorization}. A host that cannot tell contributes nothing.
     */
    public Set<String> pluginsServing(String operatorId, String authorization) {
        KnownPlugins known = plugins.get(operatorId);
        if (known != null && known.complete() && known.at().plus(pluginsTtl).isAfter(Instant.now())) {
            return known.pluginIds();
        }
        Set<String> ids = new LinkedHashSet<>();
        boolean complete = true;
        for (Host host : hosts) {
            try {
                for (PluginHostDtos.PluginInfo p : host.guard().call(() -> host.api().plugins(authorization),
                        new jakarta.enterprise.util.TypeLiteral<List<PluginHostDtos.PluginInfo>>() {
                        })) {
                    if (p.operators().contains(operatorId)) {
                        ids.add(p.pluginId());
                    }
                }
            } catch (Exception e) {
                complete = false;
                LOG.debugf("plugin host %s did not list its plugins: %s", host.name(), e.toString());
            }
        }
        if (!complete && ids.isEmpty() && known != null) {
            return known.pluginIds(); // what we knew is better than nothing
        }
        plugins.put(operatorId, new KnownPlugins(Set.copyOf(ids), complete, Instant.now()));
        return Set.copyOf(ids);
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
