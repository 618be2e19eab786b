package io.hop.entitlement.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.hop.contracts.EventType;
import io.hop.contracts.provisioning.DeviceChanged;
import io.hop.contracts.provisioning.DeviceGroupChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.contracts.provisioning.SharingPolicyChanged;
import io.hop.contracts.provisioning.SharingPolicySettings;
import io.hop.entitlement.EntitlementFixtures;
import io.hop.entitlement.session.SharingService;
import io.hop.entitlement.session.SharingSession;
import io.hop.platform.json.PlatformJson;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.testing.Tokens;
import io.hop.testing.kafka.TestEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Running sessions follow provisioning's deletions and moves: a deleted policy, or a device that no longer resolves
 * to an enabled policy, turns sharing off. One test over the real broker; the others hand the event to the consumer's
 * handler directly (the same code the broker's records go through), which keeps them fast.
 */
@QuarkusTest
class SessionsFollowProvisioningTest {

    static final String TOPIC = "provisioning.changes.v1";

    @Inject
    EntitlementFixtures fixtures;
    @Inject
    ProvisioningChangesConsumer consumer;
    @Inject
    SharingService sharing;

    String operator;

    static SharingPolicySettings settings(boolean enabled) {
        return new SharingPolicySettings(enabled, true, "all", 0, 2, 1, 60, 60, "+1 555 0100", null, null, null,
                List.of(), null);
    }

    /** An operator whose devices of prefix 001 get an enabled policy, with an ALLOW_ALL provider. */
    SharingPolicyChanged operator() {
        operator = EntitlementFixtures.newId("op");
        SharingPolicyChanged policy = fixtures.operatorWithPolicy(operator, settings(true));
        given().auth().oauth2(Tokens.operator(operator)).contentType(ContentType.JSON).body(Map.of("type", "ALLOW_ALL"))
                .when().put("/v1/operators/{o}/entitlement-providers/all", operator).then().statusCode(201);
        return policy;
    }

    void sharing(String deviceId, String imsi) {
        fixtures.device(operator, deviceId, imsi);
        given().auth().oauth2(Tokens.device(operator, deviceId)).contentType(ContentType.JSON).body(Map.of())
                .when().post("/v1/devices/{d}/sharing", deviceId).then().statusCode(200).body("state", equalTo("ON"));
    }

    ValidatableResponse session(String deviceId) {
        return given().auth().oauth2(Tokens.operator(operator)).when().get("/v1/devices/{d}/sharing", deviceId).then()
                .statusCode(200);
    }

    <T> void handle(String key, EventType<T> type, T data) {
        String json;
        try {
            json = data == null ? null : PlatformJson.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        IncomingEvent event = new IncomingEvent(UUID.randomUUID().toString(),
                data == null ? IncomingEvent.TOMBSTONE : type.name(), "/hop/test", Instant.now(), key, key, json);
        QuarkusTransaction.requiringNew().run(() -> consumer.apply(event));
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    @Test
    void aDeletedSharingPolicyTurnsItsSessionsOffOverTheBroker() {
        SharingPolicyChanged policy = operator();
        sharing("dev-1", "001010000000001");
        TestEvents.sendRaw(TOPIC, ProvisioningKeys.sharingPolicy(policy.policyId()), null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> session("dev-1").body("state", equalTo("OFF"))
                .body("stopReason", equalTo("SHARING_POLICY_REMOVED")));
    }

    @Test
    void enabledFalseOverTheBrokerTurnsSharingOffAtOnce() {
        SharingPolicyChanged policy = operator();
        sharing("dev-1", "001010000000001");
        TestEvents.send(TOPIC, ProvisioningKeys.sharingPolicy(policy.policyId()), ProvisioningEvents.SHARING_POLICY_CHANGED,
                new SharingPolicyChanged(operator, policy.policyId(), policy.name(), settings(false),
                        policy.version() + 1, now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> session("dev-1").body("state", equalTo("OFF"))
                .body("stopReason", equalTo("SHARING_DISABLED_BY_OPERATOR")));
    }

    @Test
    void aDeviceMovedToAGroupWithADisabledPolicyOrWithoutOneStopsSharingAndAnEnabledOneKeepsItPinned() {
        operator();
        SharingPolicyChanged disabled = fixtures.policy(operator, settings(false));
        SharingPolicyChanged other = fixtures.policy(operator, settings(true));
        fixtures.group(operator, "002", disabled.policyId());
        fixtures.group(operator, "003", null);
        fixtures.group(operator, "004", other.policyId());
        sharing("dev-d", "001010000000001");
        sharing("dev-n", "001010000000002");
        sharing("dev-o", "001010000000003");

        handle(ProvisioningKeys.device(operator, "dev-d"), ProvisioningEvents.DEVICE_CHANGED,
                new DeviceChanged(operator, "dev-d", "002010000000001", null, null, null, 2, now()));
        handle(ProvisioningKeys.device(operator, "dev-n"), ProvisioningEvents.DEVICE_CHANGED,
                new DeviceChanged(operator, "dev-n", "003010000000002", null, null, null, 2, now()));
        handle(ProvisioningKeys.device(operator, "dev-o"), ProvisioningEvents.DEVICE_CHANGED,
                new DeviceChanged(operator, "dev-o", "004010000000003", null, null, null, 2, now()));

        session("dev-d").body("state", equalTo("OFF")).body("stopReason", equalTo("SHARING_DISABLED_BY_OPERATOR"));
        session("dev-n").body("state", equalTo("OFF")).body("stopReason", equalTo("SHARING_POLICY_REMOVED"));
        session("dev-o").body("state", equalTo("ON")); // another enabled policy: the session keeps the one it pinned
    }

    @Test
    void aDeletedGroupOrDeviceStopsTheSessionsThatNoLongerResolveToAPolicy() {
        operator();
        SharingPolicyChanged second = fixtures.policy(operator, settings(true));
        DeviceGroupChanged group = fixtures.group(operator, "005", second.policyId());
        sharing("dev-g", "005010000000001");
        sharing("dev-x", "001010000000002");
        sharing("dev-k", "001010000000003");

        handle(ProvisioningKeys.deviceGroup(group.groupId()), ProvisioningEvents.DEVICE_GROUP_CHANGED, null);
        session("dev-g").body("state", equalTo("OFF")).body("stopReason", equalTo("SHARING_POLICY_REMOVED"));
        session("dev-x").body("state", equalTo("ON"));

        handle(ProvisioningKeys.device(operator, "dev-x"), ProvisioningEvents.DEVICE_CHANGED, null);
        // the device is gone from the read model (its API answers 404): its session row tells
        SharingSession gone = sharing.get(operator, "dev-x");
        assertEquals(SharingSession.State.OFF, gone.state());
        assertEquals("SHARING_POLICY_REMOVED", gone.stopReason());
        session("dev-k").body("state", equalTo("ON"));
    }
}
