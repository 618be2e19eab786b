package io.hop.plugins.eapaka;

import io.hop.plugin.api.HotspotPlugin;
import io.hop.plugin.api.Identification;
import io.hop.plugin.api.Network;
import io.hop.plugin.api.PluginContext;
import io.hop.plugin.api.PluginOperation;
import io.hop.plugin.api.PluginOperationException;
import io.hop.plugin.api.ScanContext;
import io.hop.plugins.eapaka.subscriber.KeySealer;
import io.hop.plugins.eapaka.subscriber.SubscriberStore;
import io.hop.plugins.eapaka.subscriber.SubscribersOperation;
import io.hop.plugins.eapaka.vectors.EapSimDbOperation;
import io.hop.plugins.eapaka.vectors.FreeRadiusOperation;
import io.hop.plugins.eapaka.vectors.VectorService;
import io.hop.plugins.eapaka.vectors.VectorsOperation;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Built-in plugin {@code eap-aka}: the authentication back end of EAP-SIM, EAP-AKA and EAP-AKA' for an operator's
 * AAA servers. It identifies no network; it serves the operations {@code subscribers}, {@code vectors},
 * {@code freeradius-sim} and {@code eap-sim-db} (see docs/eap-aka.md).
 *
 * <p>Configuration: {@code sqn.block-size} (SQNs reserved per store round trip, default 1000),
 * {@code subscriber.cache} (how long an opened subscriber is reused, default PT10M), {@code subscriber.cache-size}
 * (at most that many opened subscribers, default 100000), {@code subscriber.epoch-check} (how often the operator's
 * subscribers epoch is re-read, hence how soon another replica's change is seen, default PT1S),
 * {@code resync.window} (the span of one authentication for the two-resynchronisations limit, default PT60S). Secret {@code subscriber-key} (at
 * least 16 characters) seals K and OPc at rest; without it every operation is refused with 503.
 */
public final class EapAkaPlugin implements HotspotPlugin {

    /** The secret that keys the sealing of K and OPc. */
    public static final String SUBSCRIBER_KEY_SECRET = "subscriber-key";

    private volatile Map<String, PluginOperation> operations = Map.of();

    @Override
    public void start(PluginContext context) {
        Map<String, String> config = context.config();
        String secret = context.secret(SUBSCRIBER_KEY_SECRET).orElse(null);
        if (secret == null) {
            PluginOperation refused = (operator, type, body) -> {
                throw new PluginOperationException(503, "eap-aka has no secret " + SUBSCRIBER_KEY_SECRET
                        + " configured");
            };
            operations = Map.of(SubscribersOperation.NAME, refused, VectorsOperation.NAME, refused,
                    FreeRadiusOperation.NAME, refused, EapSimDbOperation.NAME, refused);
            return;
        }
        SubscriberStore subscribers = new SubscriberStore(context::store, new KeySealer(secret), context.clock(),
                Duration.parse(config.getOrDefault("subscriber.cache", "PT10M")),
                Integer.parseInt(config.getOrDefault("subscriber.cache-size", "100000")),
                Duration.parse(config.getOrDefault("subscriber.epoch-check", "PT1S")));
        VectorService vectors = new VectorService(context::store, subscribers,
                Integer.parseInt(config.getOrDefault("sqn.block-size", "1000")), context.clock(),
                Duration.parse(config.getOrDefault("resync.window", "PT60S")));
        operations = Map.of(
                SubscribersOperation.NAME, new SubscribersOperation(subscribers),
                VectorsOperation.NAME, new VectorsOperation(vectors),
                FreeRadiusOperation.NAME, new FreeRadiusOperation(vectors),
                EapSimDbOperation.NAME, new EapSimDbOperation(vectors));
    }

    /** An authentication back end recognizes no network. */
    @Override
    public List<Identification> identify(ScanContext scan, List<Network> networks) {
        return List.of();
    }

    @Override
    public Map<String, PluginOperation> operations() {
        return operations;
    }
}
