package io.hop.provisioning.device;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hop.contracts.provisioning.DeviceGroupChanged;
import io.hop.contracts.provisioning.DeviceMatching;
import io.hop.platform.json.PlatformJson;

/**
 * One operator's device configuration at one configuration epoch: its groups in the order they are tried, and for
 * each group the configuration it assigns (group, sharing policy, hotspot profiles, plan), resolved and serialized
 * once. Serving a device is then {@link DeviceMatching} over a handful of groups and one copy of bytes. Immutable,
 * shared by all requests; plain Java.
 */
public final class OperatorConfigSnapshot {

    /** The field of sealed secrets: a device gets the values it needs, never a sealed copy of a password. */
    static final String SEALED_FIELD = "encryptedPassword";

    private static final ObjectMapper JSON = PlatformJson.mapper();
    private static final byte[] OPERATOR = ascii("{\"operatorId\":");
    private static final byte[] DEVICE = ascii(",\"deviceId\":");
    private static final byte[] VERSION = ascii(",\"version\":\"");
    private static final byte[] TAIL_START = ascii("\",");

    private final String operatorId;
    private final long epoch;
    private final List<DeviceGroupChanged> groups;
    private final Map<String, byte[]> configurationByGroup;
    private final byte[] operatorJson;

    private OperatorConfigSnapshot(String operatorId, long epoch, List<DeviceGroupChanged> groups,
            Map<String, byte[]> configurationByGroup) {
        this.operatorId = operatorId;
        this.epoch = epoch;
        this.groups = groups;
        this.configurationByGroup = configurationByGroup;
        this.operatorJson = quoted(operatorId);
    }

    /**
     * Builds the snapshot of {@code operatorId} at {@code epoch}.
     *
     * @param states the current state (JSON as published) of every sharing policy, hotspot profile and plan the
     *               groups refer to, by id; a missing one (deleted since) is left out of the configuration
     */
    public static OperatorConfigSnapshot build(String operatorId, long epoch, List<DeviceGroupChanged> groups,
            Map<String, String> states) {
        List<DeviceGroupChanged> ordered = new ArrayList<>(groups);
        ordered.sort(Comparator.comparingInt(DeviceGroupChanged::precedence).thenComparing(DeviceGroupChanged::groupId));
        Map<String, byte[]> configurations = new HashMap<>();
        for (DeviceGroupChanged group : ordered) {
            configurations.put(group.groupId(), configurationOf(group, states));
        }
        return new OperatorConfigSnapshot(operatorId, epoch, List.copyOf(ordered), configurations);
    }

    public long epoch() {
        return epoch;
    }

    public List<DeviceGroupChanged> groups() {
        return groups;
    }

    /** The group the device belongs to, by the one rule ({@link DeviceMatching}), or null when none matches. */
    public DeviceGroupChanged resolve(DeviceMatching.HardwareIds device) {
        return DeviceMatching.resolve(groups, device).orElse(null);
    }

    /**
     * The device's configuration document: {@code operatorId}, {@code deviceId}, {@code version} and the
     * pre-serialized configuration of {@code group} (one of this snapshot's).
     */
    public byte[] document(String deviceId, String version, DeviceGroupChanged group) {
        byte[] configuration = configurationByGroup.get(group.groupId());
        byte[] device = quoted(deviceId);
        ByteArrayOutputStream out = new ByteArrayOutputStream(configuration.length + device.length + 128);
        out.writeBytes(OPERATOR);
        out.writeBytes(operatorJson);
        out.writeBytes(DEVICE);
        out.writeBytes(device);
        out.writeBytes(VERSION);
        out.writeBytes(ascii(version));
        out.writeBytes(TAIL_START);
        out.writeBytes(configuration);
        return out.toByteArray();
    }

    public String operatorId() {
        return operatorId;
    }

    /** {@code "group":…,"sharingPolicy":…,"hotspotProfiles":[…],"plan":…}} (the object's end included). */
    private static byte[] configurationOf(DeviceGroupChanged group, Map<String, String> states) {
        ObjectNode configuration = JSON.createObjectNode();
        configuration.set("group", JSON.valueToTree(group));
        configuration.set("sharingPolicy", state(group.sharingPolicyId(), states));
        ArrayNode profiles = configuration.putArray("hotspotProfiles");
        for (String profileId : group.hotspotProfileIds()) {
            JsonNode profile = state(profileId, states);
            if (!profile.isNull()) {
                profiles.add(profile);
            }
        }
        configuration.set("plan", state(group.planId(), states));
        try {
            byte[] object = JSON.writeValueAsBytes(configuration);
            return Arrays.copyOfRange(object, 1, object.length); // without its '{': the document's head comes first
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the configuration of group " + group.groupId(), e);
        }
    }

    private static JsonNode state(String id, Map<String, String> states) {
        String json = id == null ? null : states.get(id);
        if (json == null) {
            return JSON.nullNode();
        }
        try {
            JsonNode node = JSON.readTree(json);
            withoutSealed(node);
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored state of " + id + " is not JSON", e);
        }
    }

    /** Removes every {@value #SEALED_FIELD} field, at any depth. */
    static void withoutSealed(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(SEALED_FIELD);
            for (Iterator<JsonNode> children = object.elements(); children.hasNext();) {
                withoutSealed(children.next());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(OperatorConfigSnapshot::withoutSealed);
        }
    }

    private static byte[] quoted(String value) {
        byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(value);
        byte[] quoted = new byte[escaped.length + 2];
        quoted[0] = '"';
        System.arraycopy(escaped, 0, quoted, 1, escaped.length);
        quoted[quoted.length - 1] = '"';
        return quoted;
    }

    private static byte[] ascii(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }
}
