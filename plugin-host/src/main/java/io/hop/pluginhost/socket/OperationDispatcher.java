package io.hop.pluginhost.socket;

import io.hop.plugin.api.PluginOperation.OperationResponse;
import java.util.concurrent.CompletionStage;

/**
 * What a socket bridge needs from the host: one call of a plugin's operation, for an operator, with the host's usual
 * isolation (the plugin's own executor, its timeout, quarantine). The host's plugin registry provides it.
 */
@FunctionalInterface
public interface OperationDispatcher {

    CompletionStage<OperationResponse> dispatch(String pluginId, String operation, String operatorId,
            String contentType, byte[] body);
}
