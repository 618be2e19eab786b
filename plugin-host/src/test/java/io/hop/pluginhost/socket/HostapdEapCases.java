package io.hop.pluginhost.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hop.plugins.eapaka.crypto.Usim;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What Debian's unmodified hostapd, as an integrated RADIUS/EAP server whose {@code eap_sim_db} is a socket bridge to
 * the eap-aka plugin, must do for eapol_test (SIM played by {@link ExternalSim}): EAP-SIM, EAP-AKA and EAP-AKA'
 * succeed, a card with another key is rejected, a card ahead of the network resynchronises with AUTS, and fast
 * re-authentication follows a full one. The subclasses say what stands behind the bridge.
 */
abstract class HostapdEapCases {

    /**
     * How many subscribers {@link #SUBSCRIBERS} imports: one per case (resynchronisations are limited per IMSI);
     * the cases use 1 to 6, subclasses the rest.
     */
    static final int SUBSCRIBER_COUNT = 9;

    static String imsi(int n) {
        return "00101000000000" + n;
    }

    /** {@code imsi(1..SUBSCRIBER_COUNT)}, all with {@link EapRig#K} and {@link EapRig#OPC}. */
    static final String SUBSCRIBERS = EapRig.subscribersJson(
            IntStream.rangeClosed(1, SUBSCRIBER_COUNT).mapToObj(HostapdEapCases::imsi).toList());

    /** The running hostapd, its eap_sim_db pointing at the bridge under test. */
    abstract EapRig.Hostapd hostapd();

    EapRig.Run authenticate(String name, String eap, String identity, Usim card, int reauths) throws Exception {
        return hostapd().eapolTest(name, eap, identity, card, reauths);
    }

    String failure(EapRig.Run run) throws Exception {
        return run.output() + "\n--- hostapd:\n" + hostapd().log();
    }

    @Test
    void eapSimSucceedsWithTheTripletsOfThePlugin() throws Exception {
        EapRig.Run run = authenticate("sim", "SIM", "1" + imsi(1) + EapRig.REALM, EapRig.card(0), 0);
        assertTrue(run.succeeded(), failure(run));
        assertEquals(1, run.sim().gsmRequests.get());
    }

    @Test
    void eapAkaSucceedsWithTheVectorsOfThePlugin() throws Exception {
        EapRig.Run run = authenticate("aka", "AKA", "0" + imsi(2) + EapRig.REALM, EapRig.card(0), 0);
        assertTrue(run.succeeded(), failure(run));
    }

    @Test
    void eapAkaPrimeSucceedsWithTheVectorsOfThePlugin() throws Exception {
        EapRig.Run run = authenticate("akaprime", "AKA'", "6" + imsi(3) + EapRig.REALM, EapRig.card(0), 0);
        assertTrue(run.succeeded(), failure(run));
    }

    @Test
    void aCardWithAnotherKeyIsRejected() throws Exception {
        EapRig.Run run = authenticate("wrongkey", "AKA", "0" + imsi(4) + EapRig.REALM, EapRig.cardWithAnotherKey(),
                0);
        assertFalse(run.succeeded(), failure(run));
        assertTrue(run.output().contains("FAILURE") || run.output().contains("Reject"), failure(run));
    }

    @Test
    void aCardAheadOfTheNetworkIsResynchronisedWithAutsAndSucceeds() throws Exception {
        // The only case that resynchronises: the SQN counter is operator-wide, so after it no card is ahead any more.
        long cardSqn = 1L << 40;
        Usim ahead = EapRig.card(cardSqn);
        EapRig.Run run = authenticate("auts", "AKA", "0" + imsi(5) + EapRig.REALM, ahead, 0);
        assertTrue(run.succeeded(), failure(run));
        assertEquals(1, run.sim().syncFailures.get());
        assertTrue(ahead.highestSqn() > cardSqn);
        afterResynchronisation(imsi(5), cardSqn, ahead);
    }

    /** What else must hold once {@code card} of {@code imsi}, at {@code cardSqn}, resynchronised and succeeded. */
    void afterResynchronisation(String imsi, long cardSqn, Usim card) throws Exception {
    }

    @Test
    void fastReAuthenticationFollowsAFullAuthentication() throws Exception {
        EapRig.Run run = authenticate("reauth", "AKA", "0" + imsi(6) + EapRig.REALM, EapRig.card(0), 1);
        assertTrue(run.succeeded(), failure(run));
        assertTrue(run.output().contains("EAP: using method re-auth identity"), failure(run));
        // The card answered only the full authentication: the second one used the re-authentication keys.
        assertEquals(1, run.sim().umtsRequests.get() - run.sim().syncFailures.get(), failure(run));
    }
}
