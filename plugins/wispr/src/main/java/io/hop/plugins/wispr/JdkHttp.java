package io.hop.plugins.wispr;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

import javax.net.ssl.SSLContext;

import io.hop.plugin.api.PluginHttpClient;

/**
 * {@link PluginHttpClient} over the JDK's client, for using {@link WisprClient} outside a plugin host (a device
 * simulator): no redirects followed, no host restriction (the caller decides what it reaches), the bearer ignored.
 */
public final class JdkHttp implements PluginHttpClient {

    private final HttpClient client;

    public JdkHttp(SSLContext sslContext, Duration timeout) {
        HttpClient.Builder b = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout);
        if (sslContext != null) {
            b.sslContext(sslContext);
        }
        this.client = b.build();
    }

    @Override
    public CompletionStage<Response> send(Request request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).method(request.method(),
                request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((k, vs) -> vs.forEach(v -> b.header(k, v)));
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> new Response(r.statusCode(), r.headers().map(), r.body()));
    }
}
