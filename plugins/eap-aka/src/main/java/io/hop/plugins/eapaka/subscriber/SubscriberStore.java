package io.hop.plugins.eapaka.subscriber;

import io.hop.plugin.api.KeyValueStore;
import io.hop.plugins.eapaka.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Subscribers of each operator in the plugin's {@link KeyValueStore} (key {@code subscriber:<imsi>}), as JSON whose
 * {@code keys} member is K|OPc sealed by {@link KeySealer}. Opened records are cached for a short time so that a
 * burst of vectors costs no store read per vector; a change made through this store replaces its cache entry at
 * once, a change made by another replica is seen when the entry expires.
 */
public final class SubscriberStore {

    private final Function<String, KeyValueStore> stores;
    private final KeySealer sealer;
    private final Clock clock;
    private final long cacheMillis;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Subscriber subscriber, long expiresAt) {
    }

    public SubscriberStore(Function<String, KeyValueStore> stores, KeySealer sealer, Clock clock, Duration cacheFor) {
        this.stores = stores;
        this.sealer = sealer;
        this.clock = clock;
        this.cacheMillis = cacheFor.toMillis();
    }

    static String key(String imsi) {
        return "subscriber:" + imsi;
    }

    private static String associatedData(String operatorId, String imsi) {
        return operatorId + "/" + imsi;
    }

    public Optional<Subscriber> find(String operatorId, String imsi) {
        String cacheKey = operatorId + "/" + imsi;
        long now = clock.millis();
        Cached cached = cache.get(cacheKey);
        if (cached != null && cached.expiresAt > now) {
            return Optional.of(cached.subscriber);
        }
        Optional<Subscriber> found = stores.apply(operatorId).get(key(imsi)).map(bytes -> decode(operatorId, imsi, bytes));
        found.ifPresentOrElse(s -> cache.put(cacheKey, new Cached(s, now + cacheMillis)), () -> cache.remove(cacheKey));
        return found;
    }

    public void put(String operatorId, Subscriber subscriber) {
        stores.apply(operatorId).put(key(subscriber.imsi()), encode(operatorId, subscriber));
        cache.put(operatorId + "/" + subscriber.imsi(), new Cached(subscriber, clock.millis() + cacheMillis));
    }

    public void delete(String operatorId, String imsi) {
        stores.apply(operatorId).delete(key(imsi));
        cache.remove(operatorId + "/" + imsi);
    }

    /** Raises the subscriber's SQN floor (after a resynchronisation); never lowers it. */
    public Subscriber raiseSqn(String operatorId, String imsi, long sqn) {
        KeyValueStore store = stores.apply(operatorId);
        for (int attempt = 0; attempt < 10; attempt++) {
            byte[] current = store.get(key(imsi)).orElseThrow(() -> new IllegalStateException("no subscriber " + imsi));
            Subscriber subscriber = decode(operatorId, imsi, current);
            if (subscriber.sqn() >= sqn) {
                cache.put(operatorId + "/" + imsi, new Cached(subscriber, clock.millis() + cacheMillis));
                return subscriber;
            }
            Subscriber raised = subscriber.withSqn(sqn);
            if (store.compareAndSet(key(imsi), current, encode(operatorId, raised))) {
                cache.put(operatorId + "/" + imsi, new Cached(raised, clock.millis() + cacheMillis));
                return raised;
            }
        }
        throw new IllegalStateException("subscriber " + imsi + " keeps changing; SQN not raised");
    }

    private byte[] encode(String operatorId, Subscriber s) {
        byte[] secrets = new byte[32];
        System.arraycopy(s.k(), 0, secrets, 0, 16);
        System.arraycopy(s.opc(), 0, secrets, 16, 16);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("imsi", s.imsi());
        json.put("keys", Base64.getEncoder().encodeToString(sealer.seal(secrets, associatedData(operatorId, s.imsi()))));
        json.put("amf", HexFormat.of().formatHex(s.amf()));
        json.put("sqn", s.sqn());
        return Json.write(json).getBytes(StandardCharsets.UTF_8);
    }

    private Subscriber decode(String operatorId, String imsi, byte[] bytes) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(new String(bytes, StandardCharsets.UTF_8));
        byte[] secrets = sealer.open(Base64.getDecoder().decode((String) json.get("keys")),
                associatedData(operatorId, imsi));
        byte[] k = new byte[16];
        byte[] opc = new byte[16];
        System.arraycopy(secrets, 0, k, 0, 16);
        System.arraycopy(secrets, 16, opc, 0, 16);
        return new Subscriber(imsi, k, opc, HexFormat.of().parseHex((String) json.get("amf")),
                ((Number) json.get("sqn")).longValue());
    }
}
