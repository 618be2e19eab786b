package io.hop.plugins.eapaka.subscriber;

import io.hop.plugin.api.KeyValueStore;
import io.hop.plugins.eapaka.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Subscribers of each operator in the plugin's {@link KeyValueStore} (key {@code subscriber:<imsi>}), as JSON whose
 * {@code keys} member is K|OPc sealed by {@link KeySealer}.
 *
 * <p>Opened records are cached (for {@code cacheFor}, at most {@code cacheSize} of them), so that vectors cost no
 * store read once a subscriber has been seen. Freshness across replicas comes from the operator's
 * <em>subscribers epoch</em> ({@code subscribers-epoch}): every change of a subscriber's keys (put, delete) writes
 * a new epoch after the record, and a replica re-reads the epoch at most every {@code epochCheck} (one store read per
 * operator per interval, not per vector); a cached record tagged with another epoch is read again. The epoch is read
 * <em>before</em> the record it tags, so a record can never carry an epoch newer than itself. A change made through
 * this store replaces its cache entry at once; one made by another replica is seen within {@code epochCheck}.
 * Raising the SQN floor (a resynchronisation) does not change the epoch: a replica that still holds the old floor
 * can at worst hand out an SQN the card answers with a resynchronisation (docs/eap-aka.md).
 */
public final class SubscriberStore {

    /** The store key of an operator's subscribers epoch: a new random value after every change of keys. */
    static final String EPOCH_KEY = "subscribers-epoch";

    private final Function<String, KeyValueStore> stores;
    private final KeySealer sealer;
    private final Clock clock;
    private final long cacheMillis;
    private final int cacheSize;
    private final long epochCheckMillis;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Epoch> epochs = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private record Cached(Subscriber subscriber, String epoch, long expiresAt) {
    }

    /** An operator's subscribers epoch as this replica last read it. */
    private static final class Epoch {
        volatile String value;
        volatile long checkedAt;
    }

    /** A store that caches nothing beyond {@code cacheFor} and re-reads the epoch every second. */
    public SubscriberStore(Function<String, KeyValueStore> stores, KeySealer sealer, Clock clock, Duration cacheFor) {
        this(stores, sealer, clock, cacheFor, 100_000, Duration.ofSeconds(1));
    }

    public SubscriberStore(Function<String, KeyValueStore> stores, KeySealer sealer, Clock clock, Duration cacheFor,
            int cacheSize, Duration epochCheck) {
        this.stores = stores;
        this.sealer = sealer;
        this.clock = clock;
        this.cacheMillis = cacheFor.toMillis();
        this.cacheSize = cacheSize;
        this.epochCheckMillis = epochCheck.toMillis();
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
        String epoch = epoch(operatorId, now); // before the record: see the class comment
        Cached cached = cache.get(cacheKey);
        if (cached != null && cached.expiresAt > now && cached.epoch.equals(epoch)) {
            return Optional.of(cached.subscriber);
        }
        Optional<Subscriber> found = stores.apply(operatorId).get(key(imsi)).map(bytes -> decode(operatorId, imsi, bytes));
        found.ifPresentOrElse(s -> cache(cacheKey, s, epoch, now), () -> cache.remove(cacheKey));
        return found;
    }

    public void put(String operatorId, Subscriber subscriber) {
        putAll(operatorId, List.of(subscriber));
    }

    /**
     * Stores the subscribers in one write of the store ({@link KeyValueStore#putAll}), then changes the operator's epoch
     * once (other replicas re-read what they cached).
     */
    public void putAll(String operatorId, List<Subscriber> subscribers) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (Subscriber subscriber : subscribers) {
            entries.put(key(subscriber.imsi()), encode(operatorId, subscriber)); // a repeated IMSI: the last one wins
        }
        stores.apply(operatorId).putAll(entries);
        String epoch = newEpoch(operatorId);
        long now = clock.millis();
        for (Subscriber subscriber : subscribers) {
            cache(operatorId + "/" + subscriber.imsi(), subscriber, epoch, now);
        }
    }

    public void delete(String operatorId, String imsi) {
        stores.apply(operatorId).delete(key(imsi));
        cache.remove(operatorId + "/" + imsi);
        newEpoch(operatorId);
    }

    /** Raises the subscriber's SQN floor (after a resynchronisation); never lowers it. */
    public Subscriber raiseSqn(String operatorId, String imsi, long sqn) {
        KeyValueStore store = stores.apply(operatorId);
        for (int attempt = 0; attempt < 10; attempt++) {
            long now = clock.millis();
            String epoch = epoch(operatorId, now);
            byte[] current = store.get(key(imsi)).orElseThrow(() -> new IllegalStateException("no subscriber " + imsi));
            Subscriber subscriber = decode(operatorId, imsi, current);
            if (subscriber.sqn() >= sqn) {
                cache(operatorId + "/" + imsi, subscriber, epoch, now);
                return subscriber;
            }
            Subscriber raised = subscriber.withSqn(sqn);
            if (store.compareAndSet(key(imsi), current, encode(operatorId, raised))) {
                cache(operatorId + "/" + imsi, raised, epoch, now);
                return raised;
            }
        }
        throw new IllegalStateException("subscriber " + imsi + " keeps changing; SQN not raised");
    }

    private void cache(String cacheKey, Subscriber subscriber, String epoch, long now) {
        if (cacheMillis <= 0) {
            return;
        }
        if (cache.size() >= cacheSize) {
            cache.values().removeIf(c -> c.expiresAt <= now);
            if (cache.size() >= cacheSize) {
                cache.clear(); // simplest bound; refilled from the store as subscribers come back
            }
        }
        cache.put(cacheKey, new Cached(subscriber, epoch, now + cacheMillis));
    }

    /** The operator's epoch, read from the store at most every {@code epochCheck}. */
    private String epoch(String operatorId, long now) {
        Epoch epoch = epochs.computeIfAbsent(operatorId, op -> new Epoch());
        if (epoch.value == null || now - epoch.checkedAt >= epochCheckMillis) {
            synchronized (epoch) {
                if (epoch.value == null || now - epoch.checkedAt >= epochCheckMillis) {
                    epoch.value = stores.apply(operatorId).get(EPOCH_KEY)
                            .map(bytes -> new String(bytes, StandardCharsets.US_ASCII)).orElse("");
                    epoch.checkedAt = now;
                }
            }
        }
        return epoch.value;
    }

    private String newEpoch(String operatorId) {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        String value = Base64.getEncoder().encodeToString(bytes);
        stores.apply(operatorId).put(EPOCH_KEY, value.getBytes(StandardCharsets.US_ASCII));
        Epoch epoch = epochs.computeIfAbsent(operatorId, op -> new Epoch());
        synchronized (epoch) {
            epoch.value = value;
            epoch.checkedAt = clock.millis();
        }
        return value;
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
