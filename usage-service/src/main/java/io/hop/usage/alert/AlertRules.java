package io.hop.usage.alert;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.hop.contracts.usage.UsageAlertRaised;
import io.hop.contracts.usage.UsageAlertRaised.Kind;

/**
 * Which usage alerts a device's counter raises, as plain Java. The rules are level-triggered against what was
 * already alerted ({@link AlertState}): whatever the usage has reached and was not alerted yet in this billing period
 * is alerted now, once. So one record that jumps from 3 % to 27 % raises the 5, 10, 15, 20 and 25 % steps, a
 * redelivered batch raises nothing, and a billing snapshot that lowers the estimate does not raise any step again.
 * <ul>
 * <li>{@code PERCENT_STEP}: every 5 % of the data limit, 5 .. 100 (plans with a positive limit);</li>
 * <li>{@code PLAN_EXHAUSTED}: usage reached the limit;</li>
 * <li>{@code TETHERING_ALLOWANCE_EXHAUSTED}: tethered clients' bytes reached the plan's tethering allowance;</li>
 * <li>{@code ROAMING_STARTED}: the first roaming bytes of the period;</li>
 * <li>{@code THRESHOLD}: an operator's {@link Threshold}, at most once per period and not within its snooze of the
 * threshold's previous alert for the device; a threshold held back by its snooze is returned as {@link Snoozed} so the
 * caller can look again when the snooze ends.</li>
 * </ul>
 */
public final class AlertRules {

    /** Number of 5 % steps up to 100 %. */
    public static final int STEPS = 20;

    private AlertRules() {
    }

    /**
     * The device and its plan as they count for the alerts.
     *
     * @param limitBytes              the plan's data limit, or null when unlimited (or no plan)
     * @param tetheringAllowanceBytes the plan's tethering allowance, or null
     */
    public record Device(String operatorId, String deviceId, String planId, Long limitBytes,
            Long tetheringAllowanceBytes, Instant periodStart) {
    }

    /** Bytes of a counter that alerts look at. */
    public record Usage(long total, long tethered, long roaming) {
    }

    /** A threshold that was reached but is held back by its snooze until {@code until}. */
    public record Snoozed(String thresholdId, Instant until) {
    }

    /** What an evaluation raised; the state passed in is updated accordingly. */
    public record Result(List<UsageAlertRaised> alerts, List<Snoozed> snoozed) {
    }

    /**
     * Whether a change from {@code before} to {@code after} may raise anything: it crossed a 5 % step, the limit, the
     * tethering allowance, a threshold, or started roaming. Counters only grow within a period, so a change that
     * crosses nothing cannot raise what the state does not already hold; the batch path loads the state only for the
     * devices this is true of.
     */
    public static boolean mayRaise(Device device, Usage before, Usage after, List<Threshold> thresholds) {
        Long limit = device.limitBytes();
        if (limit != null && limit > 0 && (step(after.total(), limit) > step(before.total(), limit)
                || crossed(before.total(), after.total(), limit))) {
            return true;
        }
        Long allowance = device.tetheringAllowanceBytes();
        if (allowance != null && crossed(before.tethered(), after.tethered(), allowance)) {
            return true;
        }
        if (before.roaming() == 0 && after.roaming() > 0) {
            return true;
        }
        for (Threshold threshold : thresholds) {
            if (threshold.appliesTo(device.planId())) {
                long at = threshold.bytesFor(limit);
                if (at >= 0 && crossed(before.total(), after.total(), at)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The alerts {@code usage} raises given what {@code state} says was alerted; updates {@code state}. */
    public static Result evaluate(Device device, Usage usage, AlertState state, List<Threshold> thresholds,
            Instant now) {
        List<UsageAlertRaised> alerts = new ArrayList<>();
        List<Snoozed> snoozed = new ArrayList<>();
        Long limit = device.limitBytes();
        if (limit != null && limit > 0) {
            int step = step(usage.total(), limit);
            for (int s = state.lastStep + 1; s <= step; s++) {
                alerts.add(alert(device, Kind.PERCENT_STEP, String.valueOf(s * 5), s * 5, null, usage.total(), limit,
                        now));
            }
            if (step > state.lastStep) {
                state.lastStep = step;
                state.periodChanged = true;
            }
        }
        if (limit != null && state.exhaustedAt == null && usage.total() >= limit && (limit > 0 || usage.total() > 0)) {
            alerts.add(alert(device, Kind.PLAN_EXHAUSTED, "", null, null, usage.total(), limit, now));
            state.exhaustedAt = now;
            state.periodChanged = true;
        }
        Long allowance = device.tetheringAllowanceBytes();
        if (allowance != null && state.tetheringExhaustedAt == null && usage.tethered() >= allowance
                && (allowance > 0 || usage.tethered() > 0)) {
            alerts.add(alert(device, Kind.TETHERING_ALLOWANCE_EXHAUSTED, "", null, null, usage.tethered(), allowance,
                    now));
            state.tetheringExhaustedAt = now;
            state.periodChanged = true;
        }
        if (state.roamingStartedAt == null && usage.roaming() > 0) {
            alerts.add(alert(device, Kind.ROAMING_STARTED, "", null, null, usage.total(), limit, now));
            state.roamingStartedAt = now;
            state.periodChanged = true;
        }
        for (Threshold threshold : thresholds) {
            if (!threshold.appliesTo(device.planId())) {
                continue;
            }
            long at = threshold.bytesFor(limit);
            if (at < 0 || usage.total() < at) {
                continue;
            }
            AlertState.Fired fired = state.thresholds.get(threshold.thresholdId());
            if (fired != null && fired.periodStart().equals(device.periodStart())) {
                continue; // once per billing period
            }
            if (fired != null && threshold.snooze() != null
                    && now.isBefore(fired.firedAt().plus(threshold.snooze()))) {
                snoozed.add(new Snoozed(threshold.thresholdId(), fired.firedAt().plus(threshold.snooze())));
                continue;
            }
            alerts.add(alert(device, Kind.THRESHOLD, threshold.thresholdId(), threshold.percent(),
                    threshold.thresholdId(), usage.total(), limit, now));
            AlertState.Fired firedNow = new AlertState.Fired(device.periodStart(), now);
            state.thresholds.put(threshold.thresholdId(), firedNow);
            state.thresholdsChanged.put(threshold.thresholdId(), firedNow);
        }
        return new Result(alerts, snoozed);
    }

    /** The 5 % steps {@code used} has reached of {@code limit} (0 .. {@link #STEPS}). */
    static int step(long used, long limit) {
        if (used >= limit) {
            return STEPS;
        }
        if (used <= Long.MAX_VALUE / STEPS) {
            return (int) (used * STEPS / limit);
        }
        return java.math.BigInteger.valueOf(used).multiply(java.math.BigInteger.valueOf(STEPS))
                .divide(java.math.BigInteger.valueOf(limit)).intValue();
    }

    private static boolean crossed(long before, long after, long at) {
        return before < at && after >= at && after > 0;
    }

    /**
     * An alert whose id depends only on the device, the period, the kind and {@code qualifier} (the step, the
     * threshold, the plan's end): raised again for the same reason it would carry the same id.
     */
    static UsageAlertRaised alert(Device device, Kind kind, String qualifier, Integer percent, String thresholdId,
            long used, Long limit, Instant now) {
        return new UsageAlertRaised(alertId(device.operatorId(), device.deviceId(), device.periodStart(), kind,
                qualifier), device.operatorId(), device.deviceId(), kind.name(), device.planId(), percent, thresholdId,
                used, limit, device.periodStart(), now);
    }

    /** The stable id of an alert. */
    public static String alertId(String operatorId, String deviceId, Instant periodStart, Kind kind,
            String qualifier) {
        String name = String.join("\u001f", operatorId, deviceId, String.valueOf(periodStart), kind.name(), qualifier);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
