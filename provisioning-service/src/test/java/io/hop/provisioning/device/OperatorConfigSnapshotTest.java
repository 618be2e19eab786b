package io.hop.provisioning.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.hop.contracts.provisioning.DeviceGroupChanged;
import io.hop.contracts.provisioning.DeviceMatch;
import io.hop.contracts.provisioning.DeviceMatching.HardwareIds;
import io.hop.platform.json.PlatformJson;

class OperatorConfigSnapshotTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private static final DeviceGroupChanged GERMANY = group("g-de", 20, new DeviceMatch(List.of("26201"), null, null, null),
            "policy-de", List.of("profile-1"), "plan-de");
    private static final DeviceGroupChanged VIP = group("g-vip", 10, new DeviceMatch(List.of("262019"), null, null, null),
            "policy-vip", List.of(), null);
    private static final DeviceGroupChanged CATCH_ALL = group("g-all", 100, new DeviceMatch(null, null, null, null),
            null, List.of(), "plan-de");

    private static final Map<String, String> STATES = Map.of(
            "policy-de", "{\"policyId\":\"policy-de\",\"name\":\"DE\"}",
            "policy-vip", "{\"policyId\":\"policy-vip\",\"name\":\"VIP\"}",
            "profile-1", "{\"profileId\":\"profile-1\",\"wispr\":{\"username\":\"u\",\"encryptedPassword\":\"sealed\"}}",
            "plan-de", "{\"planId\":\"plan-de\",\"apn\":{\"accessPointName\":\"internet\",\"encryptedPassword\":\"sealed\"}}");

    @Test
    void theGroupOfLowestPrecedenceAmongTheMatchingOnesWins() {
        OperatorConfigSnapshot snapshot = OperatorConfigSnapshot.build("acme", 7, List.of(CATCH_ALL, GERMANY, VIP), STATES);

        assertEquals("g-vip", snapshot.resolve(imsi("262019000000001")).groupId());
        assertEquals("g-de", snapshot.resolve(imsi("262011000000001")).groupId());
        assertEquals("g-all", snapshot.resolve(imsi("310150000000001")).groupId());
        assertEquals(List.of("g-vip", "g-de", "g-all"), snapshot.groups().stream().map(DeviceGroupChanged::groupId).toList());
    }

    @Test
    void aDeviceMatchingNoGroupResolvesToNone() {
        OperatorConfigSnapshot snapshot = OperatorConfigSnapshot.build("acme", 7, List.of(GERMANY), STATES);

        assertNull(snapshot.resolve(imsi("310150000000001")));
        assertNull(snapshot.resolve(new HardwareIds(null, "8949020000123456789", null, null)));
    }

    @Test
    void theDocumentHoldsTheGroupAndTheStatesItAssignsWithoutSealedPasswords() throws Exception {
        OperatorConfigSnapshot snapshot = OperatorConfigSnapshot.build("acme", 7, List.of(GERMANY), STATES);

        byte[] bytes = snapshot.document("dev-\"1\"", "3.7", GERMANY);
        JsonNode document = PlatformJson.mapper().readTree(bytes);

        assertEquals("acme", document.get("operatorId").asText());
        assertEquals("dev-\"1\"", document.get("deviceId").asText());
        assertEquals("3.7", document.get("version").asText());
        assertEquals("g-de", document.at("/group/groupId").asText());
        assertEquals("DE", document.at("/sharingPolicy/name").asText());
        assertEquals("u", document.at("/hotspotProfiles/0/wispr/username").asText());
        assertEquals("internet", document.at("/plan/apn/accessPointName").asText());
        assertFalse(new String(bytes, StandardCharsets.UTF_8).contains("encryptedPassword"));
        assertFalse(new String(bytes, StandardCharsets.UTF_8).contains("sealed"));
    }

    @Test
    void aReferenceWithoutCurrentStateIsLeftOut() throws Exception {
        OperatorConfigSnapshot snapshot = OperatorConfigSnapshot.build("acme", 7, List.of(VIP), Map.of());

        JsonNode document = PlatformJson.mapper().readTree(snapshot.document("dev-1", "1.7", VIP));

        assertTrue(document.get("sharingPolicy").isNull());
        assertTrue(document.get("plan").isNull());
        assertEquals(0, document.get("hotspotProfiles").size());
    }

    @Test
    void ifNoneMatchNamesTheVersionStrongWeakInAListOrByStar() {
        assertTrue(DeviceConfigService.matches("\"3.7\"", "3.7"));
        assertTrue(DeviceConfigService.matches("W/\"3.7\"", "3.7"));
        assertTrue(DeviceConfigService.matches("\"1.1\", \"3.7\"", "3.7"));
        assertTrue(DeviceConfigService.matches("*", "3.7"));
        assertFalse(DeviceConfigService.matches("\"3.6\"", "3.7"));
        assertFalse(DeviceConfigService.matches("3.7", "3.7"));
    }

    private static HardwareIds imsi(String imsi) {
        return new HardwareIds(imsi, null, null, null);
    }

    private static DeviceGroupChanged group(String id, int precedence, DeviceMatch match, String policy,
            List<String> profiles, String plan) {
        return new DeviceGroupChanged("acme", id, id, precedence, match, policy, profiles, plan, 1, AT);
    }
}
