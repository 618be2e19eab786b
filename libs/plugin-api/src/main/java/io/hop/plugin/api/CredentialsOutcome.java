package io.hop.plugin.api;

import java.util.concurrent.CompletionStage;

/** The four ends of credential generation. */
public sealed interface CredentialsOutcome {

    /** Credentials to log in with. */
    record ProvideCredentials(String username, String password) implements CredentialsOutcome {

        @Override
        public String toString() {
            return "ProvideCredentials[username=" + username + ", password=***]";
        }
    }

    /** Do not connect to this network. */
    record CancelConnection(String reason) implements CredentialsOutcome {
    }

    /** Connect, but do not log in: the device was authenticated another way. */
    record CancelAuthentication(String reason) implements CredentialsOutcome {
    }

    /**
     * The user must act (accept terms, enter a code); {@code answer} completes with one of the three other outcomes
     * once they have.
     */
    record InteractWithUser(String prompt, CompletionStage<CredentialsOutcome> answer) implements CredentialsOutcome {
    }
}
