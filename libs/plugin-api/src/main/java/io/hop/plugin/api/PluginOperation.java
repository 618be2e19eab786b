package io.hop.plugin.api;

import java.util.concurrent.CompletionStage;

/** An operation a plugin serves (see {@link HotspotPlugin#operations()}): bytes in, bytes out. */
@FunctionalInterface
public interface PluginOperation {

    /**
     * @param operatorId  the operator the caller acts for (one the plugin serves)
     * @param contentType the request's media type, e.g. {@code application/json}
     * @param body        the request body
     * @return the response; a {@link PluginOperationException} for a refused request
     */
    CompletionStage<OperationResponse> handle(String operatorId, String contentType, byte[] body);

    /** The response of an operation. */
    record OperationResponse(int status, String contentType, byte[] body) {
    }
}
