package io.hop.entitlement.check;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hop.entitlement.config.EntitlementConfig;
import io.hop.entitlement.provider.EntitlementProvider;
import io.hop.entitlement.provider.ProviderType;
import io.hop.platform.crypto.SecretBox;
import io.hop.platform.json.PlatformJson;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Calls an operator's WEBHOOK provider (contract: docs/entitlement-webhook.md), asynchronously: no thread waits for
 * the backend. The transport is Vert.x' HTTP client on the service's event loops (pooled keep-alive connections, no
 * redirects, the JVM's trust store for HTTPS): the JDK's {@code HttpClient} completes {@code sendAsync} through
 * {@code CompletableFuture}'s default executor, which on a machine with two processors starts a new thread for every
 * answer. Each provider (operator backend) has its own circuit breaker and bulkhead (SmallRye Fault Tolerance),
 * so one slow or failing backend neither starves nor trips the others. Every failure - timeout, connection error,
 * non-200 status, malformed answer, open breaker, full bulkhead - is an UNAVAILABLE outcome with its reason, within
 * the provider's timeout.
 */
@ApplicationScoped
public class WebhookClient {

    private static final Logger LOG = Logger.getLogger(WebhookClient.class);
    private static final String TYPE = ProviderType.WEBHOOK.name();
    private static final Pattern REASON = Pattern.compile("[A-Z0-9_]{1,64}");
    private static final int MAX_ANSWER_BYTES = 16 * 1024;

    private final HttpClient http;
    private final ObjectMapper mapper = PlatformJson.mapper();
    private final Map<String, TypedGuard<CompletionStage<Outcome>>> guards = new ConcurrentHashMap<>();
    private final SecretBox secrets;
    private final EntitlementConfig.Webhook config;
    private final Clock clock = Clock.systemUTC();

    WebhookClient(SecretBox secrets, EntitlementConfig config, Vertx vertx) {
        this.secrets = secrets;
        this.config = config.webhook();
        // Connections per backend (host and port): enough for the bulkhead's concurrent calls to one provider.
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000).setKeepAlive(true)
                .setVerifyHost(true), new PoolOptions().setHttp1MaxSize(this.config.bulkhead().limit()));
    }

    /** The request sent to the backend. */
    public record Request(String requestId, String operatorId, String deviceId, String imsi, String trigger) {
    }

    /** A failure the breaker counts, with the reason the caller gets. */
    static final class WebhookFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String reason;

        WebhookFailure(String reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    public CompletionStage<Outcome> check(EntitlementProvider provider, Request request) {
        TypedGuard<CompletionStage<Outcome>> guard = guardOf(provider);
        CompletionStage<Outcome> guarded;
        try {
            guarded = guard.get(() -> call(provider, request));
        } catch (RuntimeException e) {
            guarded = CompletableFuture.failedFuture(e);
        }
        return guarded.handle((outcome, failure) -> outcome != null ? outcome : unavailable(provider, failure));
    }

    private Outcome unavailable(EntitlementProvider provider, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String reason;
        if (cause instanceof WebhookFailure webhookFailure) {
            reason = webhookFailure.reason;
        } else if (cause instanceof CircuitBreakerOpenException) {
            reason = Reasons.CIRCUIT_OPEN;
        } else if (cause instanceof BulkheadException) {
            reason = Reasons.BACKEND_BUSY;
        } else if (cause instanceof ConnectException || isConnectTimeout(cause)) {
            reason = Reasons.BACKEND_UNREACHABLE;
        } else if (cause instanceof TimeoutException) {
            reason = Reasons.BACKEND_TIMEOUT;
        } else if (cause instanceof java.io.IOException || cause instanceof io.vertx.core.http.HttpClosedException) {
            reason = Reasons.BACKEND_UNREACHABLE;
        } else {
            reason = Reasons.BACKEND_ERROR;
        }
        LOG.debugf("webhook %s/%s: UNAVAILABLE %s (%s)", provider.operatorId(), provider.name(), reason,
                cause == null ? "" : cause.getClass().getSimpleName());
        return Outcome.unavailable(reason, TYPE);
    }

    private CompletionStage<Outcome> call(EntitlementProvider provider, Request request) {
        String body;
        String secret;
        String bearer;
        try {
            ObjectNode json = mapper.createObjectNode().put("requestId", request.requestId())
                    .put("operatorId", request.operatorId()).put("deviceId", request.deviceId())
                    .put("imsi", request.imsi()).put("trigger", request.trigger());
            body = mapper.writeValueAsString(json);
            secret = secrets.open(provider.sealedSecret());
            bearer = provider.sealedBearer() == null ? null : secrets.open(provider.sealedBearer());
        } catch (Exception e) {
            return CompletableFuture.failedFuture(new WebhookFailure(Reasons.PROVIDER_SECRET_UNREADABLE,
                    "the provider's secret cannot be opened"));
        }
        Duration timeout = provider.timeout() == null ? config.defaultTimeout() : provider.timeout();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(provider.url())
                .setIdleTimeout(timeout.toMillis()).setFollowRedirects(false)
                .putHeader("Content-Type", "application/json").putHeader("Accept", "application/json")
                .putHeader("X-Hop-Request-Id", request.requestId())
                .putHeader(WebhookSigner.HEADER, WebhookSigner.header(secret, clock.instant().getEpochSecond(), body));
        if (bearer != null) {
            options.putHeader("Authorization", "Bearer " + bearer);
        }
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        http.request(options)
                .compose(call -> call.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(answer -> outcomeOf(response, answer)))
                .onComplete(done -> {
                    if (done.succeeded()) {
                        outcome.complete(done.result());
                    } else {
                        outcome.completeExceptionally(done.cause());
                    }
                });
        // The idle timeout bounds each wait for bytes; this bounds the whole exchange, a body that trickles in too.
        return outcome.orTimeout(timeout.toMillis() + 50, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private static boolean isConnectTimeout(Throwable cause) {
        return cause instanceof io.netty.channel.ConnectTimeoutException;
    }

    private Outcome outcomeOf(HttpClientResponse response, Buffer answerBytes) {
        int status = response.statusCode();
        if (status >= 500) {
            throw new WebhookFailure(Reasons.BACKEND_ERROR, "status " + status);
        }
        if (status != 200) {
            throw new WebhookFailure(Reasons.BACKEND_REFUSED_REQUEST, "status " + status);
        }
        if (answerBytes == null || answerBytes.length() > MAX_ANSWER_BYTES) {
            throw new WebhookFailure(Reasons.BACKEND_MALFORMED_ANSWER, "no or too long answer");
        }
        String body = answerBytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        JsonNode answer;
        try {
            answer = mapper.readTree(body);
        } catch (Exception e) {
            throw new WebhookFailure(Reasons.BACKEND_MALFORMED_ANSWER, "not JSON");
        }
        if (answer == null || !answer.isObject() || !answer.path("result").isTextual()) {
            throw new WebhookFailure(Reasons.BACKEND_MALFORMED_ANSWER, "no result");
        }
        JsonNode reasonNode = answer.path("reason");
        String reason = reasonNode.isTextual() && REASON.matcher(reasonNode.asText()).matches() ? reasonNode.asText() : null;
        if (!reasonNode.isMissingNode() && !reasonNode.isNull() && reason == null) {
            throw new WebhookFailure(Reasons.BACKEND_MALFORMED_ANSWER, "reason is not [A-Z0-9_]{1,64}");
        }
        return switch (answer.get("result").asText()) {
            case "SUCCESS" -> Outcome.success(reason, TYPE);
            case "FAILED" -> Outcome.failed(reason, TYPE);
            default -> throw new WebhookFailure(Reasons.BACKEND_MALFORMED_ANSWER, "result is not SUCCESS or FAILED");
        };
    }

    private TypedGuard<CompletionStage<Outcome>> guardOf(EntitlementProvider provider) {
        String prefix = provider.operatorId() + "/" + provider.name() + "@";
        String key = prefix + provider.version();
        TypedGuard<CompletionStage<Outcome>> guard = guards.get(key);
        if (guard != null) {
            return guard;
        }
        return guards.computeIfAbsent(key, k -> {
            // a changed provider (new URL, secret) starts with a closed breaker; its old guard goes
            guards.keySet().removeIf(other -> other.startsWith(prefix) && !other.equals(k));
            EntitlementConfig.CircuitBreaker breaker = config.circuitBreaker();
            return TypedGuard.create(new TypeLiteral<CompletionStage<Outcome>>() {
            }).withDescription("webhook " + k)
                    .withCircuitBreaker().requestVolumeThreshold(breaker.requestVolumeThreshold())
                    .failureRatio(breaker.failureRatio()).delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(breaker.successThreshold()).done()
                    .withBulkhead().limit(config.bulkhead().limit()).queueSize(config.bulkhead().queue()).done()
                    .withThreadOffload(false) // the HTTP client is asynchronous already
                    .build();
        });
    }
}
