package io.hop.pluginhost.socket;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hop.plugins.eapaka.crypto.Usim;
import io.hop.plugins.eapaka.vectors.SqnAllocator;
import io.hop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HostapdEapCases} through plugin-host itself, as an operator deploys it: the real host with the built-in
 * eap-aka plugin loaded from its plugins directory (its own class loader and executor), the subscribers imported
 * with {@code POST /v1/plugins/eap-aka/subscribers} and an operator token (K and OPc sealed in the host's
 * PostgreSQL, SQNs from blocks reserved there), and Debian's unmodified hostapd whose {@code eap_sim_db} is the socket
 * of the host's configured bridge ({@link EapAkaHostProfile}: {@code hop.socket-bridges.bridges.hostapd.*}, blocks of
 * {@value EapAkaHostProfile#SQN_BLOCK_SIZE} SQNs). Beyond the authentications, what they leave in PostgreSQL.
 */
@QuarkusTest
@TestProfile(EapAkaHostProfile.class)
class HostapdPluginHostTest extends HostapdEapCases {

    static final String PLUGIN = "eap-aka";
    static EapRig.Hostapd hostapd;
    static boolean imported;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        hostapd = EapRig.Hostapd.start(dir, EapAkaHostProfile.SOCKET);
    }

    /** As an operator would: through the host's API with an operator token (once; RestAssured is set up per test). */
    @BeforeEach
    void importSubscribers() {
        if (!imported) {
            given().auth().oauth2(Tokens.operator(EapAkaHostProfile.OPERATOR)).contentType("application/json")
                    .body(SUBSCRIBERS).post("/v1/plugins/eap-aka/subscribers").then().statusCode(200)
                    .body("stored", equalTo(SUBSCRIBER_COUNT));
            imported = true;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (hostapd != null) {
            hostapd.close();
        }
    }

    @Override
    EapRig.Hostapd hostapd() {
        return hostapd;
    }

    @Test
    void theImportedKAndOpcAreSealedInPostgresql() throws Exception {
        byte[] row = kv("subscriber:" + imsi(2)).orElseThrow();
        String text = new String(row, StandardCharsets.ISO_8859_1).toLowerCase();
        for (String secret : List.of(EapRig.K, EapRig.OPC)) {
            assertFalse(text.contains(secret), "hex " + secret + " in " + text);
            assertFalse(text.contains(new String(HexFormat.of().parseHex(secret), StandardCharsets.ISO_8859_1)),
                    "raw " + secret + " in " + text);
        }
        // ... and yet hostapd authenticates this subscriber (eapAkaSucceedsWithTheVectorsOfThePlugin): the host opens
        // them with its subscriber-key.
    }

    @Test
    void everyAkaAuthenticationTakesAFreshSqnFromBlocksReservedInPostgresql() throws Exception {
        long reservedBefore = sqnCounter();
        Usim card = EapRig.card(0);
        List<Long> sqns = new ArrayList<>();
        // More authentications than a block holds, so that at least one new block is reserved during them.
        for (int i = 0; i <= EapAkaHostProfile.SQN_BLOCK_SIZE; i++) {
            EapRig.Run run = authenticate("sqn-" + i, "AKA", "0" + imsi(7) + EapRig.REALM, card, 0);
            assertTrue(run.succeeded(), failure(run));
            assertEquals(0, run.sim().syncFailures.get(), "the network never lags behind the card: " + failure(run));
            sqns.add(card.highestSqn());
        }
        long reservedAfter = sqnCounter();
        assertTrue(reservedAfter > reservedBefore, "the persisted SQN counter moved forward: " + reservedBefore
                + " -> " + reservedAfter);
        for (int i = 1; i < sqns.size(); i++) {
            assertTrue(sqns.get(i) > sqns.get(i - 1), "each authentication a fresh SQN: " + sqns);
        }
        assertTrue(card.highestSqn() < reservedAfter, "SQN " + card.highestSqn()
                + " lies in a block reserved in PostgreSQL before use, whose end is " + reservedAfter);
    }

    /** The resynchronisation is durable: the card's SQN is the subscriber's floor, the counter jumped past it. */
    @Override
    void afterResynchronisation(String imsi, long cardSqn, Usim card) throws Exception {
        long persisted = new ObjectMapper().readTree(kv("subscriber:" + imsi).orElseThrow()).get("sqn").asLong();
        assertEquals(cardSqn, persisted, "the card's SQN from AUTS is the subscriber's SQN floor in PostgreSQL");
        long reserved = sqnCounter();
        assertTrue(card.highestSqn() > cardSqn && card.highestSqn() < reserved, "the vector after the "
                + "resynchronisation (SQN " + card.highestSqn() + ") came from a block reserved past the card's SQN "
                + cardSqn + ", up to " + reserved);
    }

    /** The eap-aka store's value for {@code key} of the bridge's operator, as the host persisted it. */
    Optional<byte[]> kv(String key) throws SQLException {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "select value from plugin_kv where plugin_id = ? and operator_id = ? and key = ?")) {
            ps.setString(1, PLUGIN);
            ps.setString(2, EapAkaHostProfile.OPERATOR);
            ps.setString(3, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    /** The end of the highest SQN block the host reserved for the bridge's operator (0 before the first). */
    long sqnCounter() throws SQLException {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "select value from plugin_counter where plugin_id = ? and operator_id = ? and key = ?")) {
            ps.setString(1, PLUGIN);
            ps.setString(2, EapAkaHostProfile.OPERATOR);
            ps.setString(3, SqnAllocator.COUNTER_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
