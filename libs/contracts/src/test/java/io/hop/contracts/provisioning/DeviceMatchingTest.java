package io.hop.contracts.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.hop.contracts.provisioning.DeviceMatch.IccidRange;
import io.hop.contracts.provisioning.DeviceMatching.HardwareIds;

class DeviceMatchingTest {

    private static final HardwareIds DEVICE = new HardwareIds("310410123456789", "8901410321111851072", "att", "AT&T");

    private static DeviceGroupChanged group(String id, int precedence, DeviceMatch match) {
        return new DeviceGroupChanged("acme", id, id, precedence, match, null, List.of(), null, 1, null);
    }

    private static DeviceMatch imsi(String... prefixes) {
        return new DeviceMatch(List.of(prefixes), null, null, null);
    }

    @Test
    void theMatchingGroupOfLowestPrecedenceWins() {
        var catchAll = group("all", 100, new DeviceMatch(null, null, null, null));
        var network = group("att", 10, imsi("310410"));
        var other = group("other", 1, imsi("26201"));
        assertEquals("att", DeviceMatching.resolve(List.of(catchAll, other, network), DEVICE).orElseThrow().groupId());
    }

    @Test
    void aDeviceThatMatchesNoGroupResolvesToNothing() {
        assertTrue(DeviceMatching.resolve(List.of(group("other", 1, imsi("26201"))), DEVICE).isEmpty());
    }

    @Test
    void everyNonEmptyCriterionMustMatch() {
        var both = new DeviceMatch(List.of("310410"), null, List.of("vodafone"), null);
        assertFalse(DeviceMatching.matches(both, DEVICE), "IMSI matches but the provider does not");
        var names = new DeviceMatch(List.of("310"), null, null, List.of("at&t"));
        assertTrue(DeviceMatching.matches(names, DEVICE), "provider names compare case-insensitively");
    }

    @Test
    void aCriterionNeedsTheHardwareIdItNames() {
        var noImsi = new HardwareIds(null, DEVICE.iccid(), null, null);
        assertFalse(DeviceMatching.matches(imsi("310"), noImsi));
    }

    @Test
    void iccidRangesIncludeBothEndsAndOnlyIccidsOfTheirLength() {
        var range = new IccidRange("8901410321111851000", "8901410321111851072");
        assertTrue(DeviceMatching.inRange(range, "8901410321111851072"));
        assertTrue(DeviceMatching.inRange(range, "8901410321111851000"));
        assertFalse(DeviceMatching.inRange(range, "8901410321111851073"));
        assertFalse(DeviceMatching.inRange(range, "890141032111185100"), "shorter ICCID");
        assertFalse(DeviceMatching.inRange(range, "89014103211118510x0"), "not digits");
    }

    @Test
    void equalPrecedenceFallsToTheLowerGroupIdSoEveryServiceAgrees() {
        var b = group("b", 5, imsi("310"));
        var a = group("a", 5, imsi("3104"));
        assertEquals("a", DeviceMatching.resolve(List.of(b, a), DEVICE).orElseThrow().groupId());
        assertEquals("a", DeviceMatching.resolve(List.of(a, b), DEVICE).orElseThrow().groupId());
    }
}
