package io.hop.entitlement.provider;

/** How an operator's entitlement provider decides. */
public enum ProviderType {
    /** The operator backend's HTTPS endpoint decides (docs/entitlement-webhook.md). */
    WEBHOOK,
    /** FAILED while the device's tethering allowance of the current billing period is exhausted (usage alerts). */
    PLAN_ALLOWANCE,
    /** Always SUCCESS: carrier-unlocked devices. */
    ALLOW_ALL
}
