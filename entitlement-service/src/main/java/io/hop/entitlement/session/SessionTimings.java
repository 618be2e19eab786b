package io.hop.entitlement.session;

import java.time.Duration;

/**
 * How long the policy's units are and the grace policy for UNAVAILABLE re-checks (docs/entitlement.md).
 *
 * @param minute         one PeerlessTimeout / PublicConnectionTimeout minute (PT1M; shorter in tests)
 * @param second         one EntitlementInterval second (PT1S)
 * @param graceRetries   UNAVAILABLE re-checks retried before sharing turns off (ENTITLEMENT_UNAVAILABLE)
 * @param initialBackoff wait before the first retry, doubled for each next one
 * @param maxBackoff     longest wait between retries
 */
public record SessionTimings(Duration minute, Duration second, int graceRetries, Duration initialBackoff,
        Duration maxBackoff) {

    /** The wait before retry {@code attempt} (1, 2, ...): initialBackoff * 2^(attempt-1), at most maxBackoff. */
    public Duration backoff(int attempt) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
