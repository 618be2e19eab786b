package io.hop.plugins.eapaka.subscriber;

/**
 * One subscriber of an operator: the USIM's secrets and its sequence-number floor.
 *
 * @param imsi the IMSI (5 to 15 digits)
 * @param k    the subscriber key K (16 bytes)
 * @param opc  the operator variant OPc (16 bytes)
 * @param amf  the authentication management field (2 bytes)
 * @param sqn  a lower bound of the card's SQN: the provisioned value, raised by every resynchronisation; vectors
 *             always carry a larger SQN
 */
public record Subscriber(String imsi, byte[] k, byte[] opc, byte[] amf, long sqn) {

    /** The same subscriber with a higher SQN floor. */
    public Subscriber withSqn(long newSqn) {
        return new Subscriber(imsi, k, opc, amf, newSqn);
    }
}
