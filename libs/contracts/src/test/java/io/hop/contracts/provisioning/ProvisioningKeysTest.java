package io.hop.contracts.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProvisioningKeysTest {

    @Test
    void anOperatorsKeyNamesItsTypeAndId() {
        assertEquals("operator:acme", ProvisioningKeys.operator("acme"));
        assertEquals(new ProvisioningKeys.Key("operator", "acme"), ProvisioningKeys.parse("operator:acme"));
    }

    @Test
    void entitiesOfDifferentTypesWithTheSameIdHaveDifferentKeys() {
        assertNotEquals(ProvisioningKeys.of("policy", "basic"), ProvisioningKeys.of("plan", "basic"));
    }

    @Test
    void anIdMayContainTheSeparator() {
        String key = ProvisioningKeys.of("hotspot-profile", "acme:home");
        assertEquals("hotspot-profile:acme:home", key);
        assertEquals(new ProvisioningKeys.Key("hotspot-profile", "acme:home"), ProvisioningKeys.parse(key));
    }

    @Test
    void keysThatNameNoEntityAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProvisioningKeys.parse("acme"), "no type");
        assertThrows(IllegalArgumentException.class, () -> ProvisioningKeys.parse("operator:"), "no id");
        assertThrows(IllegalArgumentException.class, () -> ProvisioningKeys.parse(":acme"), "empty type");
        assertThrows(IllegalArgumentException.class, () -> ProvisioningKeys.parse("Operator:acme"), "upper case");
        assertThrows(IllegalArgumentException.class, () -> ProvisioningKeys.parse(null), "missing");
    }

    @Test
    void aDevicesKeyNamesItsOperatorBecauseDeviceIdsAreUniqueOnlyWithinOne() {
        String key = ProvisioningKeys.device("acme", "dev-1");
        assertEquals("device:acme:dev-1", key);
        assertEquals(new ProvisioningKeys.Key("device", "acme:dev-1"), ProvisioningKeys.parse(key));
        assertNotEquals(key, ProvisioningKeys.device("globex", "dev-1"));
    }

    @Test
    void everyProvisioningEntityTypeIsAValidKeyType() {
        assertEquals("sharing-policy:p1", ProvisioningKeys.sharingPolicy("p1"));
        assertEquals("hotspot-profile:h1", ProvisioningKeys.hotspotProfile("h1"));
        assertEquals("plan:x", ProvisioningKeys.plan("x"));
        assertEquals("device-group:g", ProvisioningKeys.deviceGroup("g"));
    }
}
