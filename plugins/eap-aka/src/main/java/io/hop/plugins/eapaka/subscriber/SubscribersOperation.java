package io.hop.plugins.eapaka.subscriber;

import io.hop.plugin.api.PluginOperation;
import io.hop.plugins.eapaka.crypto.Aka;
import io.hop.plugins.eapaka.crypto.Milenage;
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
 * Operation {@code subscribers}: provisions (creates or replaces) subscribers of the caller's operator.
 *
 * <pre>
 * {"subscribers":[{"imsi":"001010000000001","k":"465b...","opc":"cd63..." | "op":"cdc2...","amf":"8000","sqn":0}]}
 * </pre>
 *
 * Either {@code opc} or {@code op} (OPc is then computed); {@code amf} defaults to 8000, {@code sqn} to 0. Nothing is
 * stored unless every subscriber is valid. The answer counts what was stored and never echoes K or OPc.
 */
public final class SubscribersOperation implements PluginOperation {

    public static final String NAME = "subscribers";
    static final int MAX_PER_REQUEST = 10_000;
    private static final Pattern IMSI = Pattern.compile("[0-9]{5,15}");

    private final SubscriberStore store;

    public SubscribersOperation(SubscriberStore store) {
        this.store = store;
    }

    @Override
    public CompletionStage<OperationResponse> handle(String operatorId, String contentType, byte[] body) {
        Request request = Request.of(body);
        List<Subscriber> subscribers = new ArrayList<>();
        for (Request r : request.objects("subscribers", 1, MAX_PER_REQUEST)) {
            String imsi = r.string("imsi", IMSI, "must be 5 to 15 digits", true);
            byte[] k = r.hex("k", 16, true);
            byte[] opc = null;
            if (r.has("opc") == r.has("op")) {
                r.violation("opc", "exactly one of opc and op is required");
            } else if (r.has("opc")) {
                opc = r.hex("opc", 16, true);
            } else {
                byte[] op = r.hex("op", 16, true);
                if (op != null && k != null) {
                    opc = Milenage.opc(k, op);
                }
            }
            byte[] amf = r.has("amf") ? r.hex("amf", 2, true) : HexFormat.of().parseHex("8000");
            long sqn = r.integer("sqn", 0, Aka.MAX_SQN, 0);
            if (imsi != null && k != null && opc != null && amf != null) {
                subscribers.add(new Subscriber(imsi, k, opc, amf, sqn));
            }
        }
        request.validate();
        store.putAll(operatorId, subscribers);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("stored", subscribers.size());
        return CompletableFuture.completedFuture(Request.json(200, answer));
    }
}
