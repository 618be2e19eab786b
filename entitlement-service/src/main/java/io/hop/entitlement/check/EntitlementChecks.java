package io.hop.entitlement.check;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.hop.contracts.entitlement.EntitlementDecided;
import io.hop.contracts.provisioning.SharingPolicySettings;
import io.hop.entitlement.device.Devices.ResolvedDevice;

/**
 * Runs entitlement checks and keeps every decision: through the group commit for API checks (answered after their
 * batch commits), or in the caller's transaction for checks that change a sharing session with them.
 */
@ApplicationScoped
public class EntitlementChecks {

    /** Why a check ran (EntitlementDecided.trigger). */
    public static final String API = "API";
    public static final String SHARING_START = "SHARING_START";
    public static final String PERIODIC = "PERIODIC";
    public static final String USAGE_ALERT = "USAGE_ALERT";

    private final EntitlementDecider decider;
    private final GroupCommit groupCommit;
    private final DecisionStore store;
    private final Clock clock = Clock.systemUTC();

    EntitlementChecks(EntitlementDecider decider, GroupCommit groupCommit, DecisionStore store) {
        this.decider = decider;
        this.groupCommit = groupCommit;
        this.store = store;
    }

    /** A decision with the help to show. */
    public record Decision(EntitlementDecided event, Help help) {
    }

    /** An API check: decided (a webhook asynchronously), stored and published by the group commit, then completed. */
    public CompletionStage<Decision> checkAndCommit(ResolvedDevice device) {
        SharingPolicySettings settings = device.policy() == null ? null : device.policy().settings();
        return decide(device, settings, API).thenCompose(decision -> groupCommit.submit(decision.event())
                .thenApply(committed -> decision));
    }

    /**
     * Decides with {@code settings} (a session's pinned policy, or the device's current one). Stores nothing: pass the
     * result to {@link #record}.
     */
    public CompletionStage<Decision> decide(ResolvedDevice device, SharingPolicySettings settings, String trigger) {
        String decisionId = UUID.randomUUID().toString();
        EntitlementDecider.Subject subject = new EntitlementDecider.Subject(device.operatorId(), device.deviceId(),
                device.device().imsi(), settings, device.plan(), device.configurationRevision());
        return decider.decide(subject, decisionId, trigger).thenApply(outcome -> new Decision(
                new EntitlementDecided(decisionId, device.operatorId(), device.deviceId(), outcome.result().name(),
                        outcome.reason(), outcome.providerType(), trigger,
                        clock.instant().truncatedTo(ChronoUnit.MICROS)),
                Help.of(settings)));
    }

    /** Stores and publishes the decision in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Decision decision) {
        store.record(List.of(decision.event()));
    }
}
