package io.hop.entitlement.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.hop.contracts.entitlement.EntitlementDecided.Result;
import io.hop.contracts.provisioning.SharingPolicySettings;
import io.hop.contracts.sharing.SharingSessionChanged.Change;
import io.hop.entitlement.session.SharingSession.Transport;

class SharingSessionTest {

    static final SessionTimings TIMINGS = new SessionTimings(Duration.ofMinutes(1), Duration.ofSeconds(1), 2,
            Duration.ofMinutes(1), Duration.ofMinutes(3));
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    static SharingPolicySettings settings(int interval, List<String> dedicated, String nai) {
        return new SharingPolicySettings(true, true, "backend", interval, 2, 1, 5, 20, null, null, null, null, dedicated,
                nai);
    }

    static SharingSession started(SharingPolicySettings settings, Boolean available, String connection) {
        SharingSession session = new SharingSession("acme", "dev-1");
        session.start("policy-1", 7, settings, available, connection, Result.SUCCESS, null, T0, TIMINGS);
        return session;
    }

    @Test
    void startingRunsThePeerlessTimerAndPinsThePolicyVersion() {
        SharingSession session = new SharingSession("acme", "dev-1");
        List<SharingSession.Event> events = session.start("policy-1", 7, settings(3600, List.of(), null), true, "internet",
                Result.SUCCESS, null, T0, TIMINGS);
        assertThat(events).extracting(SharingSession.Event::change).containsExactly(Change.STARTED);
        assertThat(session.state()).isEqualTo(SharingSession.State.ON);
        assertThat(session.policyVersion()).isEqualTo(7);
        assertThat(session.peerlessDueAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(session.publicDueAt()).isNull();
        assertThat(session.recheckDueAt()).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void noPeriodicRecheckWhenTheIntervalIsZero() {
        assertThat(started(settings(0, List.of(), null), true, "internet").recheckDueAt()).isNull();
    }

    @Test
    void aClientJoiningStopsThePeerlessTimerAndTheLastLeavingStartsIt() {
        SharingSession session = started(settings(0, List.of(), null), true, "internet");
        session.join("c1", Transport.WIFI, T0.plusSeconds(10));
        assertThat(session.peerlessDueAt()).isNull();
        List<SharingSession.Event> left = session.leave("c1", T0.plusSeconds(20), TIMINGS);
        assertThat(left).extracting(SharingSession.Event::change).containsExactly(Change.CLIENT_LEFT);
        assertThat(session.peerlessDueAt()).isEqualTo(T0.plusSeconds(20).plus(Duration.ofMinutes(5)));
    }

    @Test
    void theClientBeyondMaxUsersOrMaxBluetoothUsersIsRefusedWith409() {
        SharingSession session = started(settings(0, List.of(), null), true, "internet");
        session.join("w1", Transport.WIFI, T0);
        session.join("w2", Transport.WIFI, T0);
        assertThatThrownBy(() -> session.join("w3", Transport.WIFI, T0)).isInstanceOfSatisfying(SharingRefused.class,
                refused -> {
                    assertThat(refused.status()).isEqualTo(409);
                    assertThat(refused.reason()).isEqualTo("MAX_USERS_REACHED");
                });
        session.join("b1", Transport.BLUETOOTH, T0);
        assertThatThrownBy(() -> session.join("b2", Transport.BLUETOOTH, T0))
                .isInstanceOfSatisfying(SharingRefused.class,
                        refused -> assertThat(refused.reason()).isEqualTo("MAX_BLUETOOTH_USERS_REACHED"));
        assertThat(session.join("w1", Transport.WIFI, T0)).as("a client already connected changes nothing").isEmpty();
    }

    @Test
    void thePeerlessTimerTurnsSharingOffOnlyWithoutClients() {
        SharingSession session = started(settings(0, List.of(), null), true, "internet");
        List<SharingSession.Event> events = session.peerlessTimerFired(T0.plus(Duration.ofMinutes(5)));
        assertThat(events).extracting(SharingSession.Event::reason).containsExactly(SharingSession.PEERLESS_TIMEOUT);
        assertThat(session.state()).isEqualTo(SharingSession.State.OFF);
        assertThat(session.peerlessDueAt()).isNull();

        SharingSession busy = started(settings(0, List.of(), null), true, "internet");
        busy.join("c1", Transport.WIFI, T0);
        assertThat(busy.peerlessTimerFired(T0.plus(Duration.ofMinutes(5)))).isEmpty();
        assertThat(busy.state()).isEqualTo(SharingSession.State.ON);
    }

    @Test
    void aConnectionThatIsNotDedicatedRunsThePublicConnectionTimer() {
        SharingSession session = started(settings(0, List.of("tether-apn"), "nai-conn"), true, "internet");
        assertThat(session.publicUsable()).isFalse();
        assertThat(session.publicDueAt()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
        assertThat(session.missingDedicatedConnections()).containsExactly("tether-apn", "nai-conn");

        session.publicConnection(true, "nai-conn", T0.plusSeconds(30), TIMINGS);
        assertThat(session.publicDueAt()).as("the TetheringNAIConnection is a public connection").isNull();

        List<SharingSession.Event> lost = session.publicConnection(false, null, T0.plusSeconds(60), TIMINGS);
        assertThat(lost).extracting(SharingSession.Event::reason).containsExactly(SharingSession.NO_PUBLIC_CONNECTION);
        assertThat(session.publicLostSince()).isEqualTo(T0.plusSeconds(60));
        assertThat(session.publicTimerFired(T0.plusSeconds(60).plus(Duration.ofMinutes(20))))
                .extracting(SharingSession.Event::reason).containsExactly(SharingSession.NO_PUBLIC_CONNECTION);
        assertThat(session.state()).isEqualTo(SharingSession.State.OFF);
    }

    @Test
    void anyConnectionIsPublicWhenThePolicyNamesNone() {
        SharingSession session = started(settings(0, List.of(), null), true, "whatever");
        assertThat(session.publicUsable()).isTrue();
        assertThat(session.publicTimerFired(T0.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void sharingDoesNotStartWhenNoneOfTheDedicatedConnectionsExists() {
        SharingPolicySettings dedicated = settings(0, List.of("tether-apn"), null);
        assertThat(SharingSession.dedicatedConnectionPresent(dedicated, List.of("internet"))).isFalse();
        assertThat(SharingSession.dedicatedConnectionPresent(dedicated, null)).isFalse();
        assertThat(SharingSession.dedicatedConnectionPresent(dedicated, List.of("internet", "tether-apn"))).isTrue();
        assertThat(SharingSession.dedicatedConnectionPresent(settings(0, List.of(), null), null)).isTrue();
    }

    @Test
    void aFailedRecheckRevokesAndASuccessfulOneSchedulesTheNext() {
        SharingSession session = started(settings(60, List.of(), null), true, "internet");
        assertThat(session.recheckResult(Result.SUCCESS, null, T0.plusSeconds(60), TIMINGS)).isEmpty();
        assertThat(session.recheckDueAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(session.recheckResult(Result.FAILED, "NOT_SUBSCRIBED", T0.plusSeconds(120), TIMINGS))
                .extracting(SharingSession.Event::reason).containsExactly(SharingSession.ENTITLEMENT_REVOKED);
        assertThat(session.state()).isEqualTo(SharingSession.State.OFF);
        assertThat(session.lastReason()).isEqualTo("NOT_SUBSCRIBED");
    }

    @Test
    void unavailableRechecksAreRetriedWithBackoffThenTurnSharingOff() {
        SharingSession session = started(settings(60, List.of(), null), true, "internet");
        Instant t = T0.plusSeconds(60);
        assertThat(session.recheckResult(Result.UNAVAILABLE, "BACKEND_TIMEOUT", t, TIMINGS)).isEmpty();
        assertThat(session.recheckDueAt()).isEqualTo(t.plus(Duration.ofMinutes(1)));
        t = t.plus(Duration.ofMinutes(1));
        assertThat(session.recheckResult(Result.UNAVAILABLE, "BACKEND_TIMEOUT", t, TIMINGS)).isEmpty();
        assertThat(session.recheckDueAt()).isEqualTo(t.plus(Duration.ofMinutes(2)));
        assertThat(session.state()).isEqualTo(SharingSession.State.ON);
        t = t.plus(Duration.ofMinutes(2));
        assertThat(session.recheckResult(Result.UNAVAILABLE, "BACKEND_TIMEOUT", t, TIMINGS))
                .extracting(SharingSession.Event::reason).containsExactly(SharingSession.ENTITLEMENT_UNAVAILABLE);
    }

    @Test
    void aSuccessAfterUnavailableResetsTheGrace() {
        SharingSession session = started(settings(60, List.of(), null), true, "internet");
        session.recheckResult(Result.UNAVAILABLE, "BACKEND_ERROR", T0, TIMINGS);
        session.recheckResult(Result.SUCCESS, null, T0, TIMINGS);
        assertThat(session.unavailableAttempts()).isZero();
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        assertThat(TIMINGS.backoff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(TIMINGS.backoff(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(TIMINGS.backoff(5)).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void disabledByTheOperatorTurnsOffAtOnceAndClearsEveryTimer() {
        SharingSession session = started(settings(60, List.of("x"), null), false, null);
        List<SharingSession.Event> events = session.disabledByOperator(T0.plusSeconds(5));
        assertThat(events).extracting(SharingSession.Event::reason)
                .containsExactly(SharingSession.SHARING_DISABLED_BY_OPERATOR);
        assertThat(session.peerlessDueAt()).isNull();
        assertThat(session.publicDueAt()).isNull();
        assertThat(session.recheckDueAt()).isNull();
        assertThat(session.stop("USER_REQUEST", T0)).as("off stays off").isEmpty();
    }

    @Test
    void clientsCannotJoinWhileSharingIsOff() {
        SharingSession session = new SharingSession("acme", "dev-1");
        assertThatThrownBy(() -> session.join("c", Transport.WIFI, T0)).isInstanceOf(SharingRefused.class);
    }

    @Test
    void aStaleTimerOfAStoppedSessionChangesNothing() {
        SharingSession session = started(settings(60, List.of(), null), true, "internet");
        session.stop(SharingSession.USER_REQUEST, T0);
        assertThat(session.peerlessTimerFired(T0)).isEmpty();
        assertThat(session.publicTimerFired(T0)).isEmpty();
        assertThat(session.recheckResult(Result.FAILED, null, T0, TIMINGS)).isEmpty();
    }
}
