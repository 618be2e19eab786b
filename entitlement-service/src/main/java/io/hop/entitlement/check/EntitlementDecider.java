package io.hop.entitlement.check;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import io.hop.contracts.provisioning.BillingPeriods;
import io.hop.contracts.provisioning.PlanChanged;
import io.hop.contracts.provisioning.SharingPolicySettings;
import io.hop.entitlement.alert.TetheringAllowances;
import io.hop.entitlement.provider.EntitlementProvider;
import io.hop.entitlement.provider.OperatorProviders;
import io.hop.entitlement.provider.ProviderType;

/**
 * Decides an entitlement check for a resolved device, without storing anything. The rules, in order:
 * <ol>
 * <li>no sharing policy assigned: FAILED {@code NO_SHARING_POLICY};</li>
 * <li>the policy does not require entitlement ({@code EntitlementRequired=false}): SUCCESS
 * {@code ENTITLEMENT_NOT_REQUIRED} (provider type ALLOW_ALL);</li>
 * <li>the policy names no provider, or one the operator has not defined: FAILED
 * {@code ENTITLEMENT_PROVIDER_MISSING};</li>
 * <li>else the provider decides: ALLOW_ALL, PLAN_ALLOWANCE (exhausted in the current billing period: FAILED), or
 * WEBHOOK (the operator backend, asynchronously).</li>
 * </ol>
 * The operator's providers come from memory while its configuration revision is the one read with the device
 * ({@link OperatorProviders}); PLAN_ALLOWANCE reads the device's allowance. May read the database: call it on a worker
 * thread. Only a WEBHOOK's answer arrives later.
 */
@ApplicationScoped
public class EntitlementDecider {

    private final OperatorProviders providers;
    private final TetheringAllowances allowances;
    private final WebhookClient webhooks;
    private final Clock clock = Clock.systemUTC();

    EntitlementDecider(OperatorProviders providers, TetheringAllowances allowances, WebhookClient webhooks) {
        this.providers = providers;
        this.allowances = allowances;
        this.webhooks = webhooks;
    }

    /**
     * What is checked: the device, its policy settings (null when it has none) and plan (null when none), and its
     * operator's configuration revision as read with the device.
     */
    public record Subject(String operatorId, String deviceId, String imsi, SharingPolicySettings settings,
            PlanChanged plan, long configurationRevision) {
    }

    public CompletionStage<Outcome> decide(Subject subject, String requestId, String trigger) {
        SharingPolicySettings settings = subject.settings();
        if (settings == null) {
            return done(Outcome.failed(Reasons.NO_SHARING_POLICY, null));
        }
        if (!settings.entitlementRequired()) {
            return done(Outcome.success(Reasons.ENTITLEMENT_NOT_REQUIRED, ProviderType.ALLOW_ALL.name()));
        }
        String name = settings.entitlementProvider();
        Optional<EntitlementProvider> provider = name == null || name.isBlank() ? Optional.empty()
                : providers.find(subject.operatorId(), name.trim(), subject.configurationRevision());
        if (provider.isEmpty()) {
            return done(Outcome.failed(Reasons.ENTITLEMENT_PROVIDER_MISSING, null));
        }
        EntitlementProvider chosen = provider.get();
        return switch (chosen.type()) {
            case ALLOW_ALL -> done(Outcome.success(Reasons.ALLOW_ALL, ProviderType.ALLOW_ALL.name()));
            case PLAN_ALLOWANCE -> done(allowance(subject));
            case WEBHOOK -> webhooks.check(chosen, new WebhookClient.Request(requestId, subject.operatorId(),
                    subject.deviceId(), subject.imsi(), trigger));
        };
    }

    private Outcome allowance(Subject subject) {
        PlanChanged plan = subject.plan();
        Instant current = BillingPeriods.periodOf(plan == null ? null : plan.validity(), clock.instant()).start();
        boolean exhausted = allowances.exhaustedPeriodStart(subject.operatorId(), subject.deviceId())
                .filter(period -> !period.isBefore(current)).isPresent();
        return exhausted ? Outcome.failed(Reasons.ALLOWANCE_EXHAUSTED, ProviderType.PLAN_ALLOWANCE.name())
                : Outcome.success(Reasons.ALLOWANCE_AVAILABLE, ProviderType.PLAN_ALLOWANCE.name());
    }

    private static CompletionStage<Outcome> done(Outcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }
}
