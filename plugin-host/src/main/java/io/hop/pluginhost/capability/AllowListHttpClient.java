package io.hop.pluginhost.capability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

import javax.net.ssl.SSLContext;

import io.hop.plugin.api.PluginHttpClient;

/**
 * The HTTP capability: the JDK's client, reaching only the hosts of the plugin's manifest ({@code host} for any port,
 * {@code host:port} for one), http and https only, redirects never followed. A request to any other host fails before
 * a connection is made. The bearer of each request is counted ({@link #bearerCounts()}): a server-side host has one
 * network path, so the bearer is a hint it records rather than a route it picks.
 */
public final class AllowListHttpClient implements PluginHttpClient {

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final String pluginId;
    private final List<String> allowedHosts;
    private final Duration timeout;
    private final HttpClient client;
    private final Map<Bearer, LongAdder> bearers = new EnumMap<>(Bearer.class);

    public AllowListHttpClient(String pluginId, List<String> allowedHosts, Duration timeout, SSLContext sslContext) {
        this.pluginId = pluginId;
        this.allowedHosts = List.copyOf(allowedHosts);
        this.timeout = timeout;
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout).proxy(HttpClient.Builder.NO_PROXY);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.client = builder.build();
        for (Bearer b : Bearer.values()) {
            bearers.put(b, new LongAdder());
        }
    }

    @Override
    public CompletionStage<Response> send(Request request) {
        try {
            URI uri = checked(request.uri());
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> builder.header(name, v));
                }
            });
            bearers.get(request.bearer()).increment();
            return client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray())
                    .thenApply(r -> new Response(r.statusCode(), r.headers().map(), r.body()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Whether the manifest allows {@code uri}; throws {@link SecurityException} otherwise. */
    URI checked(URI uri) {
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null) {
            throw new SecurityException("plugin " + pluginId + ": not an absolute http(s) URI: " + uri);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new SecurityException("plugin " + pluginId + ": scheme " + scheme + " is not allowed");
        }
        if (uri.getUserInfo() != null) {
            throw new SecurityException("plugin " + pluginId + ": user info in URIs is not allowed");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        for (String allowed : allowedHosts) {
            int colon = allowed.lastIndexOf(':');
            if (colon < 0 ? allowed.equals(host)
                    : allowed.substring(0, colon).equals(host)
                            && allowed.substring(colon + 1).equals(Integer.toString(port))) {
                return uri;
            }
        }
        throw new SecurityException("plugin " + pluginId + ": host " + host + ":" + port
                + " is not in the manifest's allowed-hosts");
    }

    /** How many requests asked for each bearer. */
    public Map<Bearer, Long> bearerCounts() {
        Map<Bearer, Long> counts = new EnumMap<>(Bearer.class);
        bearers.forEach((b, n) -> counts.put(b, n.sum()));
        return counts;
    }
}
