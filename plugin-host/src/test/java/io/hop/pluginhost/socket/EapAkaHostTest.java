package io.hop.pluginhost.socket;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.hop.plugins.eapaka.crypto.Usim;
import io.hop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The eap-aka plugin inside plugin-host: provisioned and asked through {@code POST /v1/plugins/eap-aka/...} with
 * subscribers in the host's PostgreSQL key-value store, and reached over the socket bridge as hostapd reaches it.
 */
@QuarkusTest
@TestProfile(EapAkaHostProfile.class)
class EapAkaHostTest {

    static final String K = EapRig.K;
    static final String OPC = EapRig.OPC;
    static final HexFormat HEX = HexFormat.of();

    static void provision(String operator, String imsi) {
        given().auth().oauth2(Tokens.operator(operator)).contentType("application/json")
                .body("{\"subscribers\":[{\"imsi\":\"" + imsi + "\",\"k\":\"" + K + "\",\"opc\":\"" + OPC + "\"}]}")
                .post("/v1/plugins/eap-aka/subscribers").then().statusCode(200).body("stored", equalTo(1));
    }

    @Test
    void vectorsThroughTheHostsApiAreAcceptedByTheCard() {
        String op = "eapaka-" + System.nanoTime();
        provision(op, "001010000000101");
        var v = given().auth().oauth2(Tokens.operator(op)).contentType("application/json")
                .body("{\"imsi\":\"001010000000101\",\"method\":\"AKA\"}").post("/v1/plugins/eap-aka/vectors").then()
                .statusCode(200).extract().jsonPath();
        assertInstanceOf(Usim.Success.class, new Usim(HEX.parseHex(K), HEX.parseHex(OPC), 0)
                .authenticate(HEX.parseHex(v.getString("vectors[0].rand")), HEX.parseHex(v.getString("vectors[0].autn"))));
    }

    @Test
    void invalidInputIsAProblemNamingEachField() {
        given().auth().oauth2(Tokens.operator("eapaka-x")).contentType("application/json")
                .body("{\"imsi\":\"12ab\",\"method\":\"AKA_PRIME\"}").post("/v1/plugins/eap-aka/vectors").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("imsi", "networkName"));
    }

    @Test
    void anotherOperatorNeverSeesTheSubscriber() {
        String op = "eapaka-" + System.nanoTime();
        provision(op, "001010000000102");
        given().auth().oauth2(Tokens.operator(op + "-other")).contentType("application/json")
                .body("{\"imsi\":\"001010000000102\",\"method\":\"SIM\"}").post("/v1/plugins/eap-aka/vectors").then()
                .statusCode(404);
    }

    @Test
    void theSocketBridgeAnswersHostapdsEapSimDbRequestsThroughThePlugin() throws Exception {
        provision(EapAkaHostProfile.OPERATOR, "001010000000103");
        Path local = Path.of("target", "eap-aka-bridge", "client.sock").toAbsolutePath();
        Files.deleteIfExists(local);
        try (AFUNIXDatagramSocket client = AFUNIXDatagramSocket.newInstance()) {
            client.bind(AFUNIXSocketAddress.of(local.toFile()));
            client.connect(AFUNIXSocketAddress.of(EapAkaHostProfile.SOCKET.toFile()));
            client.setSoTimeout(10_000);
            byte[] request = "AKA-REQ-AUTH 001010000000103".getBytes(StandardCharsets.US_ASCII);
            client.send(new DatagramPacket(request, request.length));
            byte[] buffer = new byte[1000];
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            client.receive(answer);
            String[] parts = new String(buffer, 0, answer.getLength(), StandardCharsets.US_ASCII).split(" ");
            assertEquals("AKA-RESP-AUTH", parts[0]);
            assertEquals(7, parts.length);
            Usim.Success ok = assertInstanceOf(Usim.Success.class, new Usim(HEX.parseHex(K), HEX.parseHex(OPC), 0)
                    .authenticate(HEX.parseHex(parts[2]), HEX.parseHex(parts[3])));
            assertEquals(parts[6], HEX.formatHex(ok.res()));
        } finally {
            Files.deleteIfExists(local);
        }
    }
}
