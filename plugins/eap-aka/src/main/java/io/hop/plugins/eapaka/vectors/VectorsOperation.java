package io.hop.plugins.eapaka.vectors;

import io.hop.plugin.api.PluginOperation;
import io.hop.plugin.api.PluginOperationException;
import io.hop.plugin.api.PluginOperationException.Violation;
import io.hop.plugins.eapaka.crypto.Aka;
import io.hop.plugins.eapaka.json.Request;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Operation {@code vectors} ({@code POST /v1/plugins/eap-aka/vectors}), for an operator's RADIUS / Diameter side.
 *
 * <pre>
 * {"imsi":"001010000000001","method":"SIM"|"AKA"|"AKA_PRIME","count":3,"networkName":"WLAN",
 *  "resync":{"rand":"&lt;32 hex&gt;","auts":"&lt;28 hex&gt;"}}
 * </pre>
 *
 * {@code count} defaults to 3 for SIM (1..3) and 1 for AKA / AKA' (1..5); {@code networkName} is required for
 * AKA_PRIME only; {@code resync} (AKA / AKA' only) applies the card's AUTS before the vectors are made.
 * The answer for SIM also carries FreeRADIUS' {@code control:EAP-Sim-Rand1..3 / SRES1..3 / KC1..3} members, so that
 * {@code rlm_rest} maps it without any glue.
 */
public final class VectorsOperation implements PluginOperation {

    public static final String NAME = "vectors";
    private static final Pattern IMSI = Pattern.compile("[0-9]{5,15}");
    private static final Pattern METHOD = Pattern.compile("SIM|AKA|AKA_PRIME");
    private static final Pattern NETWORK_NAME = Pattern.compile("[\\x21-\\x7e]{1,64}(:[\\x21-\\x7e]{1,64})*");

    private final VectorService vectors;

    public VectorsOperation(VectorService vectors) {
        this.vectors = vectors;
    }

    @Override
    public CompletionStage<OperationResponse> handle(String operatorId, String contentType, byte[] body) {
        Request request = Request.of(body);
        String imsi = request.string("imsi", IMSI, "must be 5 to 15 digits", true);
        String method = request.string("method", METHOD, "must be SIM, AKA or AKA_PRIME", true);
        boolean sim = "SIM".equals(method);
        int count = (int) request.integer("count", 1, sim ? 3 : 5, sim ? 3 : 1);
        String networkName = null;
        if ("AKA_PRIME".equals(method)) {
            networkName = request.string("networkName", NETWORK_NAME,
                    "must be an access network name such as WLAN (printable ASCII)", true);
        } else if (request.has("networkName")) {
            request.violation("networkName", "is only for method AKA_PRIME");
        }
        byte[] rand = null;
        byte[] auts = null;
        Request resync = request.object("resync", false);
        if (resync != null) {
            if (sim) {
                request.violation("resync", "is only for methods AKA and AKA_PRIME");
            }
            rand = resync.hex("rand", 16, true);
            auts = resync.hex("auts", 14, true);
        }
        request.validate();
        try {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("imsi", imsi);
            answer.put("method", method);
            if (sim) {
                simAnswer(answer, vectors.triplets(operatorId, imsi, count));
            } else {
                if (rand != null) {
                    answer.put("resynchronisedSqn", vectors.resynchronise(operatorId, imsi, rand, auts));
                }
                if (networkName != null) {
                    answer.put("networkName", networkName);
                }
                answer.put("vectors", akaAnswer(vectors.akaVectors(operatorId, imsi, count, networkName, false)));
            }
            return CompletableFuture.completedFuture(Request.json(200, answer));
        } catch (VectorService.UnknownSubscriberException e) {
            throw new PluginOperationException(404, e.getMessage(), List.of(new Violation("imsi", "unknown subscriber")));
        } catch (VectorService.ResyncRefusedException e) {
            throw new PluginOperationException(422, e.getMessage(), List.of(new Violation("resync.auts", e.getMessage())));
        }
    }

    static void simAnswer(Map<String, Object> answer, List<Aka.Triplet> triplets) {
        HexFormat hex = HexFormat.of();
        List<Object> list = new ArrayList<>();
        for (Aka.Triplet t : triplets) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rand", hex.formatHex(t.rand()));
            m.put("sres", hex.formatHex(t.sres()));
            m.put("kc", hex.formatHex(t.kc()));
            list.add(m);
        }
        answer.put("triplets", list);
        for (int i = 0; i < triplets.size(); i++) {
            Aka.Triplet t = triplets.get(i);
            answer.put("control:EAP-Sim-Rand" + (i + 1), "0x" + hex.formatHex(t.rand()));
            answer.put("control:EAP-Sim-SRES" + (i + 1), "0x" + hex.formatHex(t.sres()));
            answer.put("control:EAP-Sim-KC" + (i + 1), "0x" + hex.formatHex(t.kc()));
        }
    }

    private static List<Object> akaAnswer(List<VectorService.AkaVector> list) {
        HexFormat hex = HexFormat.of();
        List<Object> out = new ArrayList<>();
        for (VectorService.AkaVector v : list) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rand", hex.formatHex(v.quintuplet().rand()));
            m.put("autn", hex.formatHex(v.quintuplet().autn()));
            m.put("xres", hex.formatHex(v.quintuplet().xres()));
            if (v.ckPrime() == null) {
                m.put("ck", hex.formatHex(v.quintuplet().ck()));
                m.put("ik", hex.formatHex(v.quintuplet().ik()));
            } else {
                m.put("ckPrime", hex.formatHex(v.ckPrime()));
                m.put("ikPrime", hex.formatHex(v.ikPrime()));
            }
            m.put("sqn", v.quintuplet().sqn());
            out.add(m);
        }
        return out;
    }
}
