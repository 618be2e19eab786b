package io.hop.contracts.provisioning;

import java.util.List;

/**
 * The hardware ids a device group matches. A device matches when, for every criterion that is not empty, one of its
 * values matches (criteria are joined by AND, the values of one criterion by OR). A match with no criterion at all
 * matches every device of the operator (a catch-all group, usually with the highest precedence value).
 *
 * @param imsiPrefixes  IMSI prefixes: MCC+MNC (5 or 6 digits) or longer, up to 15 digits
 * @param iccidRanges   inclusive ICCID ranges; an ICCID matches when it has the same length and lies between them
 * @param providerIds   provider ids (exact)
 * @param providerNames provider names (case-insensitive)
 */
public record DeviceMatch(List<String> imsiPrefixes, List<IccidRange> iccidRanges, List<String> providerIds,
        List<String> providerNames) {

    public DeviceMatch {
        imsiPrefixes = imsiPrefixes == null ? List.of() : List.copyOf(imsiPrefixes);
        iccidRanges = iccidRanges == null ? List.of() : List.copyOf(iccidRanges);
        providerIds = providerIds == null ? List.of() : List.copyOf(providerIds);
        providerNames = providerNames == null ? List.of() : List.copyOf(providerNames);
    }

    /** An inclusive range of ICCIDs of one length (18 to 22 digits). */
    public record IccidRange(String from, String to) {
    }
}
