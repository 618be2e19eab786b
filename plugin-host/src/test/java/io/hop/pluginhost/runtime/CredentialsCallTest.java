package io.hop.pluginhost.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.hop.plugin.api.AuthMethod;
import io.hop.plugin.api.Connection;
import io.hop.plugin.api.CredentialsOutcome;
import io.hop.plugin.api.HotspotPlugin;
import io.hop.plugin.api.Identification;
import io.hop.plugin.api.Network;
import io.hop.plugin.api.ScanContext;
import io.hop.pluginhost.loading.PluginManifest;
import io.hop.pluginhost.runtime.CredentialsCall.Kind;
import io.hop.pluginhost.runtime.CredentialsCall.Result;

/**
 * Credential generation on the host side: an {@code InteractWithUser} is waited for at most the interaction timeout,
 * with a clear outcome, and the host never waits on a plugin's future without a bound.
 */
class CredentialsCallTest {

    static final Connection CONNECTION = new Connection("c-1", "acme", "dev-1", "Acme Hotspot", null, AuthMethod.WISPR, 1);

    PluginRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    PluginRuntime plugin(Duration interaction, Function<Connection, CompletionStage<CredentialsOutcome>> credentials) {
        PluginManifest manifest = PluginManifest.parse(Map.of("id", "creds", "version", "1", "operators", "acme",
                "rank", "1", "timeout", "PT1S", "timeout.interaction", interaction.toString(),
                "quarantine.after-failures", "2"));
        HotspotPlugin plugin = new HotspotPlugin() {
            @Override
            public List<Identification> identify(ScanContext scan, List<Network> networks) {
                return List.of();
            }

            @Override
            public CompletionStage<CredentialsOutcome> generateCredentials(Connection connection) {
                return credentials.apply(connection);
            }
        };
        ClassLoader loader = getClass().getClassLoader();
        runtime = new PluginRuntime(manifest, plugin, loader, PluginRuntime.executorFor(manifest, loader),
                Clock.systemUTC(), false);
        return runtime;
    }

    static Result await(CompletionStage<Result> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anInteractionNeverAnsweredEndsAsInteractionTimedOutAndTheHostCancelsTheAnswer() throws Exception {
        CompletableFuture<CredentialsOutcome> never = new CompletableFuture<>();
        PluginRuntime p = plugin(Duration.ofMillis(300), c -> CompletableFuture.completedFuture(
                new CredentialsOutcome.InteractWithUser("Accept the terms on your phone", never)));
        long started = System.nanoTime();
        CompletionStage<Result> stage = CredentialsCall.generate(p, CONNECTION);
        assertTrue(!stage.toCompletableFuture().isDone(), "the host does not block for the user's answer");
        Result result = await(stage);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertEquals(Kind.INTERACTION_TIMED_OUT, result.kind());
        assertEquals("Accept the terms on your phone", result.prompt());
        assertNull(result.outcome());
        assertTrue(result.detail().contains("300 ms"), result.detail());
        assertTrue(tookMs >= 250 && tookMs < 5_000, "bounded by the interaction timeout: " + tookMs + " ms");
        assertTrue(never.isCancelled(), "the plugin's pending answer is released");
        assertEquals(PluginHealth.State.ACTIVE, p.health().snapshot().state(), "a user who does not act is no fault");
        assertEquals(0, p.health().snapshot().failures());
    }

    @Test
    void anInteractionAnsweredInTimeGivesTheAnswersOutcomeWithThePrompt() throws Exception {
        CompletableFuture<CredentialsOutcome> answer = new CompletableFuture<>();
        PluginRuntime p = plugin(Duration.ofSeconds(5), c -> CompletableFuture.completedFuture(
                new CredentialsOutcome.InteractWithUser("Enter the code", answer)));
        CompletionStage<Result> stage = CredentialsCall.generate(p, CONNECTION);
        answer.complete(new CredentialsOutcome.ProvideCredentials("user", "secret"));
        Result result = await(stage);
        assertEquals(Kind.PROVIDE_CREDENTIALS, result.kind());
        assertEquals("Enter the code", result.prompt());
        assertEquals("user", assertInstanceOf(CredentialsOutcome.ProvideCredentials.class, result.outcome()).username());
    }

    @Test
    void theThreeFinalOutcomesPassThrough() throws Exception {
        for (CredentialsOutcome outcome : List.of(new CredentialsOutcome.ProvideCredentials("u", "p"),
                new CredentialsOutcome.CancelConnection("no"), new CredentialsOutcome.CancelAuthentication("sim"))) {
            Result result = await(CredentialsCall.generate(plugin(Duration.ofSeconds(1),
                    c -> CompletableFuture.completedFuture(outcome)), CONNECTION));
            assertEquals(outcome, result.outcome());
            Kind expected = outcome instanceof CredentialsOutcome.ProvideCredentials ? Kind.PROVIDE_CREDENTIALS
                    : outcome instanceof CredentialsOutcome.CancelConnection ? Kind.CANCEL_CONNECTION
                    : Kind.CANCEL_AUTHENTICATION;
            assertEquals(expected, result.kind());
            close();
        }
    }

    @Test
    void anInteractionAnsweringAnotherInteractionOrFailingIsThePluginsFault() throws Exception {
        CompletableFuture<CredentialsOutcome> nested = new CompletableFuture<>();
        PluginRuntime p = plugin(Duration.ofSeconds(5), c -> CompletableFuture.completedFuture(
                new CredentialsOutcome.InteractWithUser("first", CompletableFuture.completedFuture(
                        new CredentialsOutcome.InteractWithUser("second", nested)))));
        Result again = await(CredentialsCall.generate(p, CONNECTION));
        assertEquals(Kind.FAILED, again.kind());
        assertTrue(nested.isCancelled(), "the nested interaction's answer is released too");
        assertEquals(1, p.health().snapshot().failures());

        close();
        PluginRuntime failing = plugin(Duration.ofSeconds(5), c -> CompletableFuture.completedFuture(
                new CredentialsOutcome.InteractWithUser("x",
                        CompletableFuture.failedFuture(new IllegalStateException("portal down")))));
        Result failed = await(CredentialsCall.generate(failing, CONNECTION));
        assertEquals(Kind.FAILED, failed.kind());
        assertTrue(failed.detail().contains("portal down"), failed.detail());
    }

    @Test
    void aPluginThatNeverAnswersTimesOutAtItsCallTimeout() throws Exception {
        PluginRuntime p = plugin(Duration.ofMinutes(5), c -> new CompletableFuture<>());
        long started = System.nanoTime();
        Result result = await(CredentialsCall.generate(p, CONNECTION));
        assertEquals(Kind.TIMED_OUT, result.kind());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 5_000);
    }
}
