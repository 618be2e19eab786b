package io.hop.contracts.provisioning;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule that decides which device group a device belongs to, used by provisioning-service to serve a device its
 * configuration and by every service that resolves a device from its read model (entitlement: device → policy and
 * plan; usage: device → plan), so that no two services resolve a device differently.
 * <p>
 * A device belongs to the matching group of lowest {@link DeviceGroupChanged#precedence()} (ties, which provisioning
 * refuses, go to the lower group id); see {@link DeviceMatch} for what matching means.
 */
public final class DeviceMatching {

    private static final Comparator<DeviceGroupChanged> ORDER = Comparator.comparingInt(DeviceGroupChanged::precedence)
            .thenComparing(DeviceGroupChanged::groupId);

    private DeviceMatching() {
    }

    /** The hardware ids of a device, as read from its SIM (any may be null). */
    public record HardwareIds(String imsi, String iccid, String providerId, String providerName) {

        public static HardwareIds of(DeviceChanged device) {
            return new HardwareIds(device.imsi(), device.iccid(), device.providerId(), device.providerName());
        }
    }

    /** The group {@code device} belongs to among {@code groups} (one operator's), or empty when none matches. */
    public static Optional<DeviceGroupChanged> resolve(Collection<DeviceGroupChanged> groups, HardwareIds device) {
        DeviceGroupChanged best = null;
        for (DeviceGroupChanged group : groups) {
            if (matches(group.match(), device) && (best == null || ORDER.compare(group, best) < 0)) {
                best = group;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether {@code device} matches {@code match}: every criterion that is not empty has a matching value. */
    public static boolean matches(DeviceMatch match, HardwareIds device) {
        if (!match.imsiPrefixes().isEmpty()
                && (device.imsi() == null || match.imsiPrefixes().stream().noneMatch(device.imsi()::startsWith))) {
            return false;
        }
        if (!match.iccidRanges().isEmpty()
                && (device.iccid() == null || match.iccidRanges().stream().noneMatch(range -> inRange(range, device.iccid())))) {
            return false;
        }
        if (!match.providerIds().isEmpty()
                && (device.providerId() == null || !match.providerIds().contains(device.providerId()))) {
            return false;
        }
        if (!match.providerNames().isEmpty() && (device.providerName() == null
                || match.providerNames().stream().noneMatch(name -> name.equalsIgnoreCase(device.providerName())))) {
            return false;
        }
        return true;
    }

    /**
     * Whether {@code iccid} lies in {@code range}, both ends included. ICCIDs are compared as numbers of the same length
     * (an ICCID of another length than the range's is outside it), so a range never depends on string order quirks.
     */
    public static boolean inRange(DeviceMatch.IccidRange range, String iccid) {
        if (!isDigits(iccid) || !isDigits(range.from()) || !isDigits(range.to())
                || iccid.length() != range.from().length() || iccid.length() != range.to().length()) {
            return false;
        }
        // Same length, digits only: lexicographic order is numeric order.
        return iccid.compareTo(range.from()) >= 0 && iccid.compareTo(range.to()) <= 0;
    }

    /** Normalizes a provider name for comparison and indexing (trimmed, lower case). */
    public static String normalizedProviderName(String name) {
        return name == null ? null : name.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isDigits(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
