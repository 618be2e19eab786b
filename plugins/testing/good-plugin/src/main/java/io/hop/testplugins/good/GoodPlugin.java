package io.hop.testplugins.good;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.hop.plugin.api.AuthMethod;
import io.hop.plugin.api.ConnectResult;
import io.hop.plugin.api.Connection;
import io.hop.plugin.api.HotspotPlugin;
import io.hop.plugin.api.Identification;
import io.hop.plugin.api.Network;
import io.hop.plugin.api.Notifier;
import io.hop.plugin.api.NotificationPolicy;
import io.hop.plugin.api.PluginContext;
import io.hop.plugin.api.PluginHttpClient;
import io.hop.plugin.api.PluginOperation;
import io.hop.plugin.api.PluginOperation.OperationResponse;
import io.hop.plugin.api.PluginOperationException;
import io.hop.plugin.api.ScanContext;

/**
 * Test plugin that behaves: identifies "Good*" and "Shared WiFi" networks, and serves operations that exercise each
 * capability (store, config, secret, files, HTTP, class visibility, refusal).
 */
public class GoodPlugin implements HotspotPlugin, NotificationPolicy {

    private volatile PluginContext context;

    @Override
    public void start(PluginContext context) {
        this.context = context;
    }

    @Override
    public List<Identification> identify(ScanContext scan, List<Network> networks) {
        List<Identification> out = new ArrayList<>();
        for (Network n : networks) {
            if (n.ssid().startsWith("Good") || n.ssid().equals("Shared WiFi")) {
                out.add(Identification.of(n.bssid(), n.ssid(), 5, AuthMethod.OPEN,
                        context.config().getOrDefault("display-prefix", "") + n.ssid()));
            }
        }
        return out;
    }

    @Override
    public CompletionStage<ConnectResult> postConnect(Connection connection) {
        if (connection.ssid().contains("Slow")) {
            return new CompletableFuture<>(); // never completes: the host's timeout answers
        }
        if (connection.ssid().contains("Fail")) {
            return CompletableFuture.completedFuture(ConnectResult.failure("portal said no"));
        }
        return CompletableFuture.completedFuture(ConnectResult.success());
    }

    @Override
    public List<UserMessage> messagesFor(PlatformEvent event) {
        if (event.type().equals(USAGE_ALERT) && "PERCENT_STEP".equals(event.attributes().get("kind"))) {
            return List.of(new UserMessage(Notifier.Channel.PUSH,
                    "You have used " + event.attributes().get("percent") + "% of your plan"));
        }
        if (event.type().equals(SHARING_SESSION_CHANGED) && "STOPPED".equals(event.attributes().get("change"))) {
            return List.of(new UserMessage(Notifier.Channel.SMS,
                    "Internet sharing stopped: " + event.attributes().get("reason")));
        }
        return List.of();
    }

    @Override
    public Map<String, PluginOperation> operations() {
        return Map.of(
                "echo", (operatorId, contentType, body) -> text("{\"operatorId\":\"" + operatorId + "\",\"greeting\":\""
                        + context.config().get("greeting") + "\",\"secret\":\""
                        + context.secret("api-key").map(s -> "present").orElse("absent") + "\",\"body\":"
                        + new String(body, StandardCharsets.UTF_8) + "}"),
                "counter", (operatorId, contentType, body) -> text(
                        Long.toString(context.store(operatorId).addAndGet("calls", 1))),
                "store-other-operator", (operatorId, contentType, body) -> {
                    context.store(new String(body, StandardCharsets.UTF_8)).put("x", new byte[] { 1 });
                    return text("stored");
                },
                "probe-class", (operatorId, contentType, body) -> {
                    String name = new String(body, StandardCharsets.UTF_8);
                    try {
                        Class.forName(name, false, GoodPlugin.class.getClassLoader());
                        return text("visible");
                    } catch (ClassNotFoundException e) {
                        return text("invisible");
                    }
                },
                "file", (operatorId, contentType, body) -> {
                    try {
                        return text(context.files().read(new String(body, StandardCharsets.UTF_8))
                                .map(b -> new String(b, StandardCharsets.UTF_8)).orElse("(none)"));
                    } catch (SecurityException e) {
                        return text("refused");
                    } catch (java.io.IOException e) {
                        return CompletableFuture.failedFuture(e);
                    }
                },
                // GET of the URL in the body through the host's HTTP capability: "status <n>", or "refused" when
                // the host does not allow the URL's host.
                "fetch", (operatorId, contentType, body) -> context.http()
                        .send(PluginHttpClient.Request.get(java.net.URI.create(new String(body, StandardCharsets.UTF_8)),
                                PluginHttpClient.Bearer.CELLULAR))
                        .handle((response, error) -> {
                            Throwable cause = error instanceof java.util.concurrent.CompletionException
                                    && error.getCause() != null ? error.getCause() : error;
                            return cause == null ? "status " + response.status()
                                    : cause instanceof SecurityException ? "refused" : "error " + cause;
                        }).thenCompose(GoodPlugin::text),
                "refuse", (operatorId, contentType, body) -> {
                    throw new PluginOperationException(400, "refused on purpose",
                            List.of(new PluginOperationException.Violation("imsi", "must be 15 digits")));
                });
    }

    private static CompletionStage<OperationResponse> text(String text) {
        return CompletableFuture.completedFuture(
                new OperationResponse(200, "application/json", text.getBytes(StandardCharsets.UTF_8)));
    }

}
