-- Alerts (io.hop.usage.alert), operator thresholds, billing snapshots.
-- The counters learn their plan (plan expiry finds its devices by it) and the billing reconciliation's adjustment:
-- the estimate of a period is bytes_up + bytes_down + adjust_bytes (usage_billing_snapshot).
ALTER TABLE usage_counter ADD COLUMN plan_id text;
ALTER TABLE usage_counter ADD COLUMN adjust_bytes bigint NOT NULL DEFAULT 0;
CREATE INDEX usage_counter_plan ON usage_counter (operator_id, plan_id, period_end) WHERE plan_id IS NOT NULL;

-- What was alerted per device and billing period; a row exists only for devices that crossed something.
CREATE TABLE usage_alert_state (
    operator_id              text        NOT NULL,
    device_id                text        NOT NULL,
    period_start             timestamptz NOT NULL,
    last_step                int         NOT NULL DEFAULT 0,
    exhausted_at             timestamptz,
    tethering_exhausted_at   timestamptz,
    roaming_started_at       timestamptz,
    updated_at               timestamptz NOT NULL,
    PRIMARY KEY (operator_id, device_id, period_start)
);
COMMENT ON TABLE usage_alert_state IS 'per device and billing period: highest 5 % step alerted (1 = 5 %), exhausted, tethering exhausted, roaming started';

CREATE TABLE usage_threshold (
    operator_id      text        NOT NULL,
    threshold_id     text        NOT NULL,
    plan_id          text,
    percent          int,
    bytes            bigint,
    snooze_seconds   bigint      NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (operator_id, threshold_id),
    CHECK ((percent IS NULL) <> (bytes IS NULL))
);
COMMENT ON TABLE usage_threshold IS 'operator-set alert thresholds (percent of the limit or bytes), optionally for one plan';

-- Per device and threshold: the billing period it last fired in and when (once per period; snooze).
CREATE TABLE usage_threshold_state (
    operator_id   text        NOT NULL,
    device_id     text        NOT NULL,
    threshold_id  text        NOT NULL,
    period_start  timestamptz NOT NULL,
    fired_at      timestamptz NOT NULL,
    PRIMARY KEY (operator_id, device_id, threshold_id)
);

-- Plan expired alerts raised, per device, plan and end of validity (a changed validUntil expires anew).
CREATE TABLE usage_plan_expiry_alert (
    operator_id   text        NOT NULL,
    device_id     text        NOT NULL,
    plan_id       text        NOT NULL,
    valid_until   timestamptz NOT NULL,
    raised_at     timestamptz NOT NULL,
    PRIMARY KEY (operator_id, plan_id, valid_until, device_id)
);

CREATE TABLE usage_billing_snapshot (
    operator_id      text        NOT NULL,
    device_id        text        NOT NULL,
    snapshot_id      text        NOT NULL,
    period_start     timestamptz NOT NULL,
    taken_at         timestamptz NOT NULL,
    bytes_used       bigint      NOT NULL,
    counted_before   bigint      NOT NULL,
    counted_after    bigint      NOT NULL,
    usage_after      bigint      NOT NULL,
    alerts_raised    text[]      NOT NULL,
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (operator_id, device_id, snapshot_id)
);
COMMENT ON TABLE usage_billing_snapshot IS 'operator billing figures applied to the estimate (counted_*: the estimate before and after)';
