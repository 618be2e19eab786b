package io.hop.plugins.eapaka.vectors;

import io.hop.plugin.api.PluginOperation;
import io.hop.plugin.api.PluginOperationException;
import io.hop.plugin.api.PluginOperationException.Violation;
import io.hop.plugins.eapaka.json.Request;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Operation {@code freeradius-sim}: three GSM triplets for FreeRADIUS' {@code eap sim} module, called by
 * {@code rlm_rest} exactly as it is configured out of the box ({@code body = 'json'}): the request is rlm_rest's
 * attribute dump, whose {@code User-Name} is the EAP-SIM identity ({@code 1<IMSI>@realm}); the answer is a flat object
 * of {@code control:EAP-Sim-Rand1..3}, {@code control:EAP-Sim-SRES1..3} and {@code control:EAP-Sim-KC1..3}, which
 * rlm_rest assigns to the control list. A body {@code {"imsi":"..."}} is accepted too.
 */
public final class FreeRadiusOperation implements PluginOperation {

    public static final String NAME = "freeradius-sim";
    /** An EAP-SIM permanent identity: prefix 1, the IMSI, an optional realm. */
    private static final Pattern SIM_IDENTITY = Pattern.compile("1([0-9]{5,15})(@.*)?");
    private static final Pattern IMSI = Pattern.compile("[0-9]{5,15}");

    private final VectorService vectors;

    public FreeRadiusOperation(VectorService vectors) {
        this.vectors = vectors;
    }

    @Override
    public CompletionStage<OperationResponse> handle(String operatorId, String contentType, byte[] body) {
        Request request = Request.of(body);
        String imsi;
        if (request.has("imsi")) {
            imsi = request.string("imsi", IMSI, "must be 5 to 15 digits", true);
        } else {
            imsi = imsiOfUserName(request);
        }
        request.validate();
        try {
            Map<String, Object> answer = new LinkedHashMap<>();
            VectorsOperation.simAnswer(answer, vectors.triplets(operatorId, imsi, 3));
            answer.remove("triplets");
            return CompletableFuture.completedFuture(Request.json(200, answer));
        } catch (VectorService.UnknownSubscriberException e) {
            // rlm_rest turns 404 into notfound: FreeRADIUS rejects without triplets.
            throw new PluginOperationException(404, e.getMessage(), List.of(new Violation("imsi", "unknown subscriber")));
        }
    }

    private static String imsiOfUserName(Request request) {
        Object userName = request.raw().get("User-Name");
        String value = null;
        if (userName instanceof Map<?, ?> attribute && attribute.get("value") instanceof List<?> values
                && !values.isEmpty() && values.get(0) instanceof String s) {
            value = s;
        } else if (userName instanceof String s) {
            value = s;
        }
        Matcher m = value == null ? null : SIM_IDENTITY.matcher(value);
        if (m == null || !m.matches()) {
            request.violation("User-Name", "must be an EAP-SIM permanent identity 1<IMSI>[@realm] (or give imsi)");
            return null;
        }
        return m.group(1);
    }
}
