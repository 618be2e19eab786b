package io.hop.provisioning.device;

import static io.hop.provisioning.devicegroup.ProvisioningFixtures.createGroup;
import static io.hop.provisioning.devicegroup.ProvisioningFixtures.groupBody;
import static io.hop.provisioning.devicegroup.ProvisioningFixtures.newOperator;
import static io.hop.provisioning.devicegroup.ProvisioningFixtures.registerDevice;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.hop.provisioning.version.ProvisioningChanges;
import io.hop.testing.Tokens;
import io.hop.testing.kafka.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The events of groups and devices on the real broker: full state and version, keyed by entity; tombstones. */
@QuarkusTest
class DeviceEventsTest {

    private static final String TOPIC = "provisioning.changes.v1";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    ProvisioningChanges changes;

    @Test
    void aGroupsChangesArePublishedWithTheirFullStateAndItsDeletionAsATombstone() {
        String op = newOperator();
        String group = createGroup(op, groupBody("Germany", 10, "{\"imsiPrefixes\":[\"26201\"]}", null, null, null, null));
        given().auth().oauth2(Tokens.operator(op)).contentType(ContentType.JSON)
                .body(groupBody("Deutschland", 10, "{\"imsiPrefixes\":[\"26201\",\"26202\"]}", null, null, null, 1L))
                .when().put("/v1/operators/" + op + "/device-groups/" + group).then().statusCode(200);
        given().auth().oauth2(Tokens.operator(op)).when().delete("/v1/operators/" + op + "/device-groups/" + group)
                .then().statusCode(204);

        List<ConsumerRecord<String, String>> records = TestEvents.read(TOPIC,
                r -> ("device-group:" + group).equals(r.key()), 3, TIMEOUT);

        assertEquals(3, records.size());
        assertEquals("provisioning.device-group-changed.v1", TestEvents.header(records.get(0), "ce_type"));
        JsonPath second = JsonPath.from(records.get(1).value());
        assertEquals(2, second.getLong("version"));
        assertEquals("Deutschland", second.getString("name"));
        assertEquals(List.of("26201", "26202"), second.getList("match.imsiPrefixes"));
        assertEquals(op, second.getString("operatorId"));
        assertNull(records.get(2).value(), "the deletion is a tombstone");
        assertEquals("provisioning.entity-deleted.v1", TestEvents.header(records.get(2), "ce_type"));
    }

    @Test
    void aDevicesChangesArePublishedKeyedByOperatorAndDeviceAndItsDeletionAsATombstone() {
        String op = newOperator();
        long epoch = changes.configEpoch(op);
        registerDevice(op, "dev-1", "262011234567890");
        given().auth().oauth2(Tokens.operator(op)).when().delete("/v1/operators/" + op + "/devices/dev-1").then()
                .statusCode(204);

        List<ConsumerRecord<String, String>> records = TestEvents.read(TOPIC,
                r -> ("device:" + op + ":dev-1").equals(r.key()), 2, TIMEOUT);

        assertEquals(2, records.size());
        assertEquals("provisioning.device-changed.v1", TestEvents.header(records.get(0), "ce_type"));
        JsonPath device = JsonPath.from(records.get(0).value());
        assertEquals("dev-1", device.getString("deviceId"));
        assertEquals("262011234567890", device.getString("imsi"));
        assertEquals(1, device.getLong("version"));
        assertNull(records.get(1).value(), "the deletion is a tombstone");
        assertEquals(epoch, changes.configEpoch(op), "a device's changes do not change any device's configuration");
    }
}
