package io.hop.plugins.eapaka.vectors;

import io.hop.plugin.api.PluginOperation;
import io.hop.plugins.eapaka.crypto.Aka;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Operation {@code eap-sim-db}: hostapd's {@code eap_sim_db} text protocol (that of its {@code hlr_auc_gw}), one
 * request per datagram, as plugin-host's socket bridge forwards them:
 *
 * <pre>
 * SIM-REQ-AUTH &lt;IMSI&gt; &lt;max_chal&gt;  -> SIM-RESP-AUTH &lt;IMSI&gt; Kc1:SRES1:RAND1 Kc2:SRES2:RAND2 [Kc3:SRES3:RAND3]
 *                                     | SIM-RESP-AUTH &lt;IMSI&gt; FAILURE
 * AKA-REQ-AUTH &lt;IMSI&gt;             -> AKA-RESP-AUTH &lt;IMSI&gt; &lt;RAND&gt; &lt;AUTN&gt; &lt;IK&gt; &lt;CK&gt; &lt;RES&gt;
 *                                     | AKA-RESP-AUTH &lt;IMSI&gt; FAILURE
 * AKA-AUTS &lt;IMSI&gt; &lt;AUTS&gt; &lt;RAND&gt;   -> (no answer; hostapd asks AKA-REQ-AUTH next)
 * </pre>
 *
 * Hex in lower case; an empty answer body means "send nothing back". hostapd derives CK'/IK' itself for EAP-AKA' from
 * the same AKA-RESP-AUTH and cannot say which method it asks for, so AKA vectors here always carry the AMF separation
 * bit, which EAP-AKA' peers require and EAP-AKA peers ignore. An AUTS that does not verify, or a third one within an
 * authentication, is not applied; the authentication then fails at the card as hlr_auc_gw's would.
 */
public final class EapSimDbOperation implements PluginOperation {

    public static final String NAME = "eap-sim-db";
    private static final int MAX_CHALLENGES = 3;
    private static final Pattern SIM_REQ = Pattern.compile("SIM-REQ-AUTH ([0-9]{1,20})(?: ([0-9]{1,3}))?");
    private static final Pattern AKA_REQ = Pattern.compile("AKA-REQ-AUTH ([0-9]{1,20})");
    private static final Pattern AKA_AUTS = Pattern.compile("AKA-AUTS ([0-9]{1,20}) ([0-9a-fA-F]{28}) ([0-9a-fA-F]{32})");
    private static final OperationResponse NO_ANSWER = new OperationResponse(200, "text/plain", new byte[0]);

    private final VectorService vectors;

    public EapSimDbOperation(VectorService vectors) {
        this.vectors = vectors;
    }

    @Override
    public CompletionStage<OperationResponse> handle(String operatorId, String contentType, byte[] body) {
        String message = new String(body, StandardCharsets.US_ASCII).trim();
        return CompletableFuture.completedFuture(text(answer(operatorId, message)));
    }

    /** The answer line, or the empty string for none. */
    String answer(String operatorId, String message) {
        HexFormat hex = HexFormat.of();
        Matcher m = SIM_REQ.matcher(message);
        if (m.matches()) {
            String imsi = m.group(1);
            int max = m.group(2) == null ? MAX_CHALLENGES : Integer.parseInt(m.group(2));
            if (max < 1 || max > MAX_CHALLENGES) {
                max = MAX_CHALLENGES; // as hlr_auc_gw does
            }
            try {
                StringBuilder out = new StringBuilder("SIM-RESP-AUTH ").append(imsi);
                for (Aka.Triplet t : vectors.triplets(operatorId, imsi, max)) {
                    out.append(' ').append(hex.formatHex(t.kc())).append(':').append(hex.formatHex(t.sres()))
                            .append(':').append(hex.formatHex(t.rand()));
                }
                return out.toString();
            } catch (VectorService.UnknownSubscriberException e) {
                return "SIM-RESP-AUTH " + imsi + " FAILURE";
            }
        }
        m = AKA_REQ.matcher(message);
        if (m.matches()) {
            String imsi = m.group(1);
            try {
                VectorService.AkaVector v = vectors.akaVectors(operatorId, imsi, 1, null, true).get(0);
                Aka.Quintuplet q = v.quintuplet();
                return String.join(" ", List.of("AKA-RESP-AUTH", imsi, hex.formatHex(q.rand()),
                        hex.formatHex(q.autn()), hex.formatHex(q.ik()), hex.formatHex(q.ck()),
                        hex.formatHex(q.xres())));
            } catch (VectorService.UnknownSubscriberException e) {
                return "AKA-RESP-AUTH " + imsi + " FAILURE";
            }
        }
        m = AKA_AUTS.matcher(message);
        if (m.matches()) {
            try {
                vectors.resynchronise(operatorId, m.group(1), hex.parseHex(m.group(3).toLowerCase()),
                        hex.parseHex(m.group(2).toLowerCase()));
            } catch (VectorService.UnknownSubscriberException | VectorService.ResyncRefusedException e) {
                // hlr_auc_gw answers nothing either way; the next AKA-REQ-AUTH tells.
            }
            return "";
        }
        return "";
    }

    private static OperationResponse text(String line) {
        return line.isEmpty() ? NO_ANSWER
                : new OperationResponse(200, "text/plain", line.getBytes(StandardCharsets.US_ASCII));
    }
}
