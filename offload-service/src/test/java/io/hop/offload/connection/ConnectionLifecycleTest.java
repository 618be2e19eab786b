package io.hop.offload.connection;

import static io.hop.offload.connection.ConnectionState.AUTHORIZED;
import static io.hop.offload.connection.ConnectionState.CONNECTED;
import static io.hop.offload.connection.ConnectionState.CONNECTING;
import static io.hop.offload.connection.ConnectionState.DISCONNECTED;
import static io.hop.offload.connection.ConnectionState.FAILED;
import static io.hop.offload.connection.ConnectionState.POST_CONNECT;
import static io.hop.offload.connection.ConnectionState.PRE_CONNECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.hop.offload.connection.ConnectionLifecycle.Applied;
import io.hop.offload.connection.ConnectionLifecycle.Ignored;
import io.hop.offload.connection.LifecycleInput.DeviceEvent;
import io.hop.offload.connection.LifecycleInput.DeviceEventType;
import io.hop.offload.connection.LifecycleInput.PluginResult;
import io.hop.offload.connection.LifecycleInput.PostConnectTimeout;
import io.hop.offload.connection.Transition.Effect;

class ConnectionLifecycleTest {

    private static final int MAX = 3;

    private static ConnectionSnapshot hotspot(ConnectionState state, int attempt, String pending) {
        return new ConnectionSnapshot(state, true, attempt, MAX, pending);
    }

    private static ConnectionSnapshot plain(ConnectionState state) {
        return new ConnectionSnapshot(state, false, 1, MAX, null);
    }

    private static Transition applied(ConnectionSnapshot c, LifecycleInput input) {
        return assertInstanceOf(Applied.class, ConnectionLifecycle.apply(c, input)).transition();
    }

    private static void ignored(ConnectionSnapshot c, LifecycleInput input) {
        assertInstanceOf(Ignored.class, ConnectionLifecycle.apply(c, input));
    }

    private static DeviceEvent device(DeviceEventType type) {
        return new DeviceEvent(type);
    }

    private static PluginResult result(String requestId, String action, int attempt, String outcome) {
        return new PluginResult(requestId, action, attempt, outcome, null);
    }

    @Test
    void aNewHotspotConnectionBlocksTheNetworkAndAsksForPreConnect() {
        Transition t = ConnectionLifecycle.start(true, false);
        assertEquals(PRE_CONNECT, t.to());
        assertNull(t.from());
        assertEquals(1, t.attempt());
        assertTrue(t.blocked());
        assertEquals(List.of(Effect.BlockProfile.INSTANCE, new Effect.RequestPlugin("PRE_CONNECT", 1, true)),
                t.effects());
        assertEquals("AUTOMATIC", t.reason());
        assertEquals("MANUAL", ConnectionLifecycle.start(true, true).reason());
    }

    @Test
    void aNewPlainConnectionWaitsForTheDeviceWithNoPluginWorkAndNoBlocking() {
        Transition t = ConnectionLifecycle.start(false, true);
        assertEquals(CONNECTING, t.to());
        assertFalse(t.blocked());
        assertEquals(List.of(Effect.UnblockProfile.INSTANCE), t.effects());
    }

    @Test
    void preConnectSuccessWaitsForTheDevice() {
        Transition t = applied(hotspot(PRE_CONNECT, 1, "r1"), result("r1", "PRE_CONNECT", 1, "SUCCESS"));
        assertEquals(CONNECTING, t.to());
        assertTrue(t.blocked());
        assertTrue(t.effects().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "FAILURE", "RETRYABLE_FAILURE", "TIMED_OUT", "QUARANTINED" })
    void preConnectFailureReconnectsWithTheNextAttempt(String outcome) {
        Transition t = applied(hotspot(PRE_CONNECT, 1, "r1"), result("r1", "PRE_CONNECT", 1, outcome));
        assertEquals(PRE_CONNECT, t.to());
        assertEquals(2, t.attempt());
        assertEquals("PLUGIN_" + outcome, t.reason());
        assertEquals(List.of(new Effect.RequestPlugin("PRE_CONNECT", 2, true)), t.effects());
    }

    @Test
    void preConnectFailureOnTheLastAttemptFailsAndDeletesTheProfile() {
        Transition t = applied(hotspot(PRE_CONNECT, MAX, "r3"), result("r3", "PRE_CONNECT", MAX, "FAILURE"));
        assertEquals(FAILED, t.to());
        assertEquals("RETRIES_EXHAUSTED", t.reason());
        assertTrue(t.deletesProfile());
        assertTrue(t.detail().startsWith("PLUGIN_FAILURE"));
    }

    @Test
    void connectedStartsPostConnectAndItsTimer() {
        Transition t = applied(hotspot(CONNECTING, 2, null), device(DeviceEventType.CONNECTED));
        assertEquals(POST_CONNECT, t.to());
        assertEquals(2, t.attempt());
        assertTrue(t.blocked());
        assertEquals(List.of(new Effect.RequestPlugin("POST_CONNECT", 2, true), new Effect.StartPostConnectTimer(2)),
                t.effects());
    }

    @Test
    void connectFailedReconnectsWhileAttemptsRemain() {
        Transition t = applied(hotspot(CONNECTING, 1, null), device(DeviceEventType.CONNECT_FAILED));
        assertEquals(PRE_CONNECT, t.to());
        assertEquals(2, t.attempt());
        assertEquals("CONNECT_FAILED", t.reason());
        assertFalse(t.deletesProfile());
    }

    @Test
    void connectFailedOnTheLastAttemptDeletesTheProfile() {
        Transition t = applied(hotspot(CONNECTING, MAX, null), device(DeviceEventType.CONNECT_FAILED));
        assertEquals(FAILED, t.to());
        assertTrue(t.deletesProfile());
    }

    @Test
    void postConnectSuccessAuthorizesUnblocksAndCancelsTheTimer() {
        Transition t = applied(hotspot(POST_CONNECT, 1, "p1"), result("p1", "POST_CONNECT", 1, "SUCCESS"));
        assertEquals(AUTHORIZED, t.to());
        assertFalse(t.blocked());
        assertEquals(List.of(Effect.CancelPostConnectTimer.INSTANCE, Effect.UnblockProfile.INSTANCE,
                new Effect.RecordPostConnectOutcome(false)), t.effects());
    }

    @Test
    void postConnectFailureCountsForTheFleetAndReconnects() {
        Transition t = applied(hotspot(POST_CONNECT, 1, "p1"), result("p1", "POST_CONNECT", 1, "FAILURE"));
        assertEquals(PRE_CONNECT, t.to());
        assertEquals(2, t.attempt());
        assertEquals(List.of(Effect.CancelPostConnectTimer.INSTANCE, new Effect.RecordPostConnectOutcome(true),
                new Effect.RequestPlugin("PRE_CONNECT", 2, true)), t.effects());
    }

    @Test
    void postConnectFailureOnTheLastAttemptDeletesTheProfile() {
        Transition t = applied(hotspot(POST_CONNECT, MAX, "p3"), result("p3", "POST_CONNECT", MAX, "FAILURE"));
        assertEquals(FAILED, t.to());
        assertTrue(t.deletesProfile());
        assertTrue(t.effects().contains(Effect.CancelPostConnectTimer.INSTANCE));
    }

    @Test
    void postConnectTimeoutResetsThePluginThenReconnects() {
        Transition t = applied(hotspot(POST_CONNECT, 1, "p1"), new PostConnectTimeout(1));
        assertEquals(PRE_CONNECT, t.to());
        assertEquals("POST_CONNECT_TIMEOUT", t.reason());
        assertEquals(2, t.attempt());
        assertEquals(List.of(new Effect.RecordPostConnectOutcome(true), new Effect.RequestPlugin("RESET", 1, false),
                new Effect.RequestPlugin("PRE_CONNECT", 2, true)), t.effects());
    }

    @Test
    void postConnectTimeoutOnTheLastAttemptResetsAndDeletesTheProfile() {
        Transition t = applied(hotspot(POST_CONNECT, MAX, "p3"), new PostConnectTimeout(MAX));
        assertEquals(FAILED, t.to());
        assertEquals("RETRIES_EXHAUSTED", t.reason());
        assertTrue(t.detail().startsWith("POST_CONNECT_TIMEOUT"));
        assertEquals(List.of(new Effect.RecordPostConnectOutcome(true), new Effect.RequestPlugin("RESET", MAX, false),
                Effect.DeleteProfile.INSTANCE), t.effects());
    }

    @ParameterizedTest
    @EnumSource(value = ConnectionState.class, names = { "PRE_CONNECT", "CONNECTING", "POST_CONNECT", "AUTHORIZED" })
    void disconnectedEndsAHotspotConnectionFromAnyLiveState(ConnectionState state) {
        Transition t = applied(hotspot(state, 1, "x"), device(DeviceEventType.DISCONNECTED));
        assertEquals(DISCONNECTED, t.to());
        assertEquals(List.of(Effect.CancelPostConnectTimer.INSTANCE, new Effect.RequestPlugin("RESET", 1, false),
                Effect.BlockProfile.INSTANCE), t.effects());
        assertFalse(t.deletesProfile());
    }

    @Test
    void aPlainConnectionConnectsFailsAndDisconnectsWithoutPluginWork() {
        Transition connected = applied(plain(CONNECTING), device(DeviceEventType.CONNECTED));
        assertEquals(CONNECTED, connected.to());
        assertFalse(connected.blocked());
        assertTrue(connected.effects().isEmpty());
        Transition failed = applied(plain(CONNECTING), device(DeviceEventType.CONNECT_FAILED));
        assertEquals(FAILED, failed.to());
        assertFalse(failed.deletesProfile());
        Transition disconnected = applied(plain(CONNECTED), device(DeviceEventType.DISCONNECTED));
        assertEquals(DISCONNECTED, disconnected.to());
        assertEquals(List.of(Effect.CancelPostConnectTimer.INSTANCE), disconnected.effects());
    }

    // --- late, duplicate and out-of-place inputs change nothing ---

    @Test
    void aDuplicatePreConnectResultIsIgnoredOnceTheStateMovedOn() {
        ignored(hotspot(CONNECTING, 1, null), result("r1", "PRE_CONNECT", 1, "SUCCESS"));
    }

    @Test
    void aResultOfAnotherRequestIsIgnored() {
        ignored(hotspot(PRE_CONNECT, 2, "r2"), result("r1", "PRE_CONNECT", 1, "FAILURE"));
        ignored(hotspot(POST_CONNECT, 1, "p1"), result("other", "POST_CONNECT", 1, "SUCCESS"));
    }

    @Test
    void aResultWithTheRightIdButAnotherAttemptIsIgnored() {
        ignored(hotspot(POST_CONNECT, 2, "p"), result("p", "POST_CONNECT", 1, "SUCCESS"));
    }

    @Test
    void aPostConnectSuccessAfterTheTimeoutIsIgnored() {
        // the timer moved the connection to attempt 2 and a new pending pre-connect request
        ignored(hotspot(PRE_CONNECT, 2, "r2"), result("p1", "POST_CONNECT", 1, "SUCCESS"));
    }

    @Test
    void aResultForTheWrongActionIsIgnored() {
        ignored(hotspot(POST_CONNECT, 1, "p1"), result("p1", "PRE_CONNECT", 1, "SUCCESS"));
    }

    @Test
    void resetResultsAreNeverAwaited() {
        ignored(hotspot(PRE_CONNECT, 2, "r2"), result("reset-1", "RESET", 1, "SUCCESS"));
    }

    @Test
    void aStaleOrDuplicateTimerIsIgnored() {
        ignored(hotspot(POST_CONNECT, 2, "p2"), new PostConnectTimeout(1));
        ignored(hotspot(AUTHORIZED, 1, null), new PostConnectTimeout(1));
        ignored(hotspot(PRE_CONNECT, 2, "r2"), new PostConnectTimeout(1));
    }

    @Test
    void aDuplicateConnectedIsIgnored() {
        ignored(hotspot(POST_CONNECT, 1, "p1"), device(DeviceEventType.CONNECTED));
        ignored(hotspot(AUTHORIZED, 1, null), device(DeviceEventType.CONNECTED));
        ignored(hotspot(PRE_CONNECT, 1, "r1"), device(DeviceEventType.CONNECTED));
        ignored(plain(CONNECTED), device(DeviceEventType.CONNECTED));
    }

    @Test
    void connectFailedOutsideConnectingIsIgnored() {
        ignored(hotspot(POST_CONNECT, 1, "p1"), device(DeviceEventType.CONNECT_FAILED));
        ignored(hotspot(AUTHORIZED, 1, null), device(DeviceEventType.CONNECT_FAILED));
    }

    @Test
    void aPlainConnectionIgnoresPluginResults() {
        ignored(plain(CONNECTING), result("x", "PRE_CONNECT", 1, "SUCCESS"));
    }

    @ParameterizedTest
    @EnumSource(value = ConnectionState.class, names = { "FAILED", "DISCONNECTED" })
    void nothingChangesAFinishedConnection(ConnectionState state) {
        ConnectionSnapshot c = hotspot(state, 3, "p3");
        ignored(c, device(DeviceEventType.CONNECTED));
        ignored(c, device(DeviceEventType.CONNECT_FAILED));
        ignored(c, device(DeviceEventType.DISCONNECTED));
        ignored(c, result("p3", "POST_CONNECT", 3, "SUCCESS"));
        ignored(c, new PostConnectTimeout(3));
    }
}
