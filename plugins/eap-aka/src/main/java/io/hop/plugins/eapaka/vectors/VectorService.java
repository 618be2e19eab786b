package io.hop.plugins.eapaka.vectors;

import io.hop.plugin.api.KeyValueStore;
import io.hop.plugins.eapaka.crypto.Aka;
import io.hop.plugins.eapaka.crypto.EapKeys;
import io.hop.plugins.eapaka.subscriber.Subscriber;
import io.hop.plugins.eapaka.subscriber.SubscriberStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Authentication vectors for an operator's subscribers: GSM triplets, AKA quintuplets, AKA' vectors, resync. */
public final class VectorService {

    /** TS 33.402 Annex A.2: EAP-AKA' vectors carry the AMF separation bit. */
    public static final int AMF_SEPARATION_BIT = 0x80;

    private final Function<String, KeyValueStore> stores;
    private final SubscriberStore subscribers;
    private final int sqnBlockSize;
    private final ResyncLimiter limiter;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, SqnAllocator> allocators = new ConcurrentHashMap<>();

    public VectorService(Function<String, KeyValueStore> stores, SubscriberStore subscribers, int sqnBlockSize,
            Clock clock, Duration resyncWindow) {
        this.stores = stores;
        this.subscribers = subscribers;
        this.sqnBlockSize = sqnBlockSize;
        this.limiter = new ResyncLimiter(clock, resyncWindow);
    }

    /** An AKA or AKA' vector; {@code ckPrime}/{@code ikPrime} only for AKA'. */
    public record AkaVector(Aka.Quintuplet quintuplet, byte[] ckPrime, byte[] ikPrime) {
    }

    /** The subscriber is unknown to the operator. */
    public static final class UnknownSubscriberException extends RuntimeException {
        public UnknownSubscriberException(String imsi) {
            super("no subscriber " + imsi);
        }
    }

    /** The AUTS is not this subscriber's, or the authentication already had its two resynchronisations. */
    public static final class ResyncRefusedException extends RuntimeException {
        public ResyncRefusedException(String message) {
            super(message);
        }
    }

    public List<Aka.Triplet> triplets(String operatorId, String imsi, int count) {
        Subscriber s = subscriber(operatorId, imsi);
        List<Aka.Triplet> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(Aka.triplet(s.k(), s.opc(), rand()));
        }
        return out;
    }

    /**
     * @param networkName null for EAP-AKA; the access network name for EAP-AKA' (then CK' and IK' are derived and
     *                    the AMF separation bit is set)
     * @param setSeparationBit set the AMF separation bit even for plain AKA (for callers that cannot say which
     *                    method the vector is for, such as hostapd's eap_sim_db)
     */
    public List<AkaVector> akaVectors(String operatorId, String imsi, int count, String networkName,
            boolean setSeparationBit) {
        Subscriber s = subscriber(operatorId, imsi);
        byte[] amf = s.amf().clone();
        if (networkName != null || setSeparationBit) {
            amf[0] |= (byte) AMF_SEPARATION_BIT;
        }
        SqnAllocator allocator = allocator(operatorId);
        List<AkaVector> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Aka.Quintuplet q = Aka.quintuplet(s.k(), s.opc(), amf, allocator.next(s.sqn()), rand());
            if (networkName == null) {
                out.add(new AkaVector(q, null, null));
            } else {
                EapKeys.PrimeKeys prime = EapKeys.ckIkPrime(q.ck(), q.ik(), networkName,
                        Arrays.copyOf(q.autn(), 6));
                out.add(new AkaVector(q, prime.ckPrime(), prime.ikPrime()));
            }
        }
        return out;
    }

    /**
     * Applies a card's AUTS (answered to {@code rand}): the subscriber's SQN floor becomes the card's SQN, so the
     * next vectors are fresh for the card.
     *
     * @return the card's SQN
     */
    public long resynchronise(String operatorId, String imsi, byte[] rand, byte[] auts) {
        Subscriber s = subscriber(operatorId, imsi);
        Optional<Long> sqnMs = Aka.resynchronise(s.k(), s.opc(), rand, auts);
        if (sqnMs.isEmpty()) {
            throw new ResyncRefusedException("AUTS does not verify (MAC-S) for this subscriber and RAND");
        }
        if (!limiter.tryAcquire(operatorId + "/" + imsi)) {
            throw new ResyncRefusedException("more than " + ResyncLimiter.MAX_PER_AUTHENTICATION
                    + " resynchronisations in one authentication");
        }
        subscribers.raiseSqn(operatorId, imsi, sqnMs.get());
        return sqnMs.get();
    }

    private Subscriber subscriber(String operatorId, String imsi) {
        return subscribers.find(operatorId, imsi).orElseThrow(() -> new UnknownSubscriberException(imsi));
    }

    private SqnAllocator allocator(String operatorId) {
        return allocators.computeIfAbsent(operatorId, op -> new SqnAllocator(stores.apply(op), sqnBlockSize));
    }

    private byte[] rand() {
        byte[] rand = new byte[16];
        random.nextBytes(rand);
        return rand;
    }
}
