package io.hop.pluginhost.runtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.hop.plugin.api.Connection;
import io.hop.plugin.api.CredentialsOutcome;

/**
 * A plugin's credential generation as the host runs it, with every wait bounded. The plugin's
 * {@code generateCredentials} is a call like any other (its executor, its {@code timeout.generate-credentials},
 * counted by its health). When it answers {@link CredentialsOutcome.InteractWithUser}, the host waits for the user's
 * answer at most the manifest's {@link io.hop.pluginhost.loading.PluginManifest#interactionTimeout()} and holds no
 * thread meanwhile (the wait is a timer on a future of the host's own, never the plugin's future, which may never
 * complete); once that time is up the interaction ends as {@link Kind#INTERACTION_TIMED_OUT} and the plugin's answer
 * future is cancelled, so that neither side keeps the other's callbacks. A user who does not act is not a fault of
 * the plugin; an answer that fails, or that asks for another interaction (the API says: then one of the three other
 * outcomes), is.
 */
public final class CredentialsCall {

    private static final Logger LOG = Logger.getLogger(CredentialsCall.class);

    /** How credential generation ended, as the host reports it. */
    public enum Kind {
        PROVIDE_CREDENTIALS, CANCEL_CONNECTION, CANCEL_AUTHENTICATION,
        /** The plugin asked the user to act, and no answer came within the interaction timeout. */
        INTERACTION_TIMED_OUT,
        /** The plugin did not answer within its call timeout. */
        TIMED_OUT,
        /** The plugin failed, or broke the API's rules. */
        FAILED,
        /** The plugin is quarantined and was not asked. */
        QUARANTINED
    }

    /**
     * @param kind    how it ended
     * @param outcome the final outcome ({@code ProvideCredentials}, {@code CancelConnection},
     *                {@code CancelAuthentication}), or null for the host's own ends
     * @param prompt  the prompt shown to the user when the plugin asked for an interaction, else null
     * @param detail  why, for the host's ends (never a secret), else null
     */
    public record Result(Kind kind, CredentialsOutcome outcome, String prompt, String detail) {
    }

    private CredentialsCall() {
    }

    /**
     * Asks {@code plugin} for credentials for {@code connection}. The returned stage always completes: at the latest
     * after the call timeout plus, when the plugin asks for an interaction, the interaction timeout.
     */
    public static CompletionStage<Result> generate(PluginRuntime plugin, Connection connection) {
        CallOutcome<CredentialsOutcome> first = plugin.call("generate-credentials",
                () -> plugin.plugin().generateCredentials(connection));
        return switch (first.kind()) {
            case TIMED_OUT -> done(new Result(Kind.TIMED_OUT, null, null, first.error()));
            case FAILED -> done(new Result(Kind.FAILED, null, null, first.error()));
            case SKIPPED_QUARANTINED -> done(new Result(Kind.QUARANTINED, null, null,
                    "plugin " + plugin.id() + " is quarantined after repeated failures"));
            case ANSWERED -> first.value() instanceof CredentialsOutcome.InteractWithUser interact
                    ? awaitUser(plugin, interact)
                    : done(finalResult(plugin, first.value(), null));
        };
    }

    private static CompletionStage<Result> awaitUser(PluginRuntime plugin, CredentialsOutcome.InteractWithUser interact) {
        String prompt = interact.prompt();
        if (interact.answer() == null) {
            return done(fault(plugin, prompt, "generate-credentials: InteractWithUser without an answer"));
        }
        Duration timeout = plugin.manifest().interactionTimeout();
        CompletableFuture<CredentialsOutcome> bounded = new CompletableFuture<>();
        interact.answer().whenComplete((answer, error) -> {
            if (error != null) {
                bounded.completeExceptionally(error);
            } else {
                bounded.complete(answer);
            }
        });
        return bounded.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).handle((answer, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                    : error;
            if (cause instanceof TimeoutException) {
                release(plugin, interact.answer());
                LOG.infof("plugin %s: no answer to the user interaction within %d ms", plugin.id(),
                        timeout.toMillis());
                return new Result(Kind.INTERACTION_TIMED_OUT, null, prompt,
                        "the user did not answer within " + timeout.toMillis() + " ms");
            }
            if (cause != null) {
                return fault(plugin, prompt, "the interaction failed: " + cause.getClass().getName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            }
            return finalResult(plugin, answer, prompt);
        });
    }

    private static Result finalResult(PluginRuntime plugin, CredentialsOutcome outcome, String prompt) {
        if (outcome == null) {
            return fault(plugin, prompt, "generate-credentials answered no outcome");
        }
        if (outcome instanceof CredentialsOutcome.ProvideCredentials) {
            return new Result(Kind.PROVIDE_CREDENTIALS, outcome, prompt, null);
        }
        if (outcome instanceof CredentialsOutcome.CancelConnection) {
            return new Result(Kind.CANCEL_CONNECTION, outcome, prompt, null);
        }
        if (outcome instanceof CredentialsOutcome.CancelAuthentication) {
            return new Result(Kind.CANCEL_AUTHENTICATION, outcome, prompt, null);
        }
        release(plugin, ((CredentialsOutcome.InteractWithUser) outcome).answer());
        return fault(plugin, prompt, "an interaction answered with another interaction");
    }

    private static Result fault(PluginRuntime plugin, String prompt, String error) {
        plugin.health().failure(error);
        LOG.warnf("plugin %s: %s", plugin.id(), error);
        return new Result(Kind.FAILED, null, prompt, error);
    }

    /** Cancels the plugin's pending answer, so that its callbacks (and ours) are released. */
    private static void release(PluginRuntime plugin, CompletionStage<CredentialsOutcome> answer) {
        if (answer == null) {
            return;
        }
        try {
            answer.toCompletableFuture().cancel(false);
        } catch (RuntimeException e) {
            // a CompletionStage that is no CompletableFuture: nothing to cancel
            LOG.debugf(e, "plugin %s: the interaction's answer cannot be cancelled", plugin.id());
        }
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
