package io.hop.platform.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final SecretBox BOX = SecretBox.ofBase64Key(SecretBoxes.DEVELOPMENT_KEY);

    @Test
    void aSealedSecretOpensToItsPlainTextAndDoesNotContainIt() {
        String sealed = BOX.seal("s3cret pässword");

        assertTrue(sealed.startsWith(SecretBox.PREFIX));
        assertFalse(sealed.contains("s3cret"));
        assertEquals("s3cret pässword", BOX.open(sealed));
    }

    @Test
    void sealingTheSameSecretTwiceGivesDifferentValues() {
        assertNotEquals(BOX.seal("same"), BOX.seal("same"));
    }

    @Test
    void aTamperedValueIsRefused() {
        String sealed = BOX.seal("secret");
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(SecretBox.PREFIX.length()));
        bytes[bytes.length - 1] ^= 1;
        String tampered = SecretBox.PREFIX + Base64.getEncoder().encodeToString(bytes);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> BOX.open(tampered));
        assertTrue(refused.getMessage().contains("changed"));
    }

    @Test
    void aValueSealedWithAnotherKeyIsRefused() {
        SecretBox other = new SecretBox(new byte[32]);

        assertThrows(IllegalArgumentException.class, () -> BOX.open(other.seal("secret")));
    }

    @Test
    void somethingThatWasNeverSealedIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BOX.open("secret"));
        assertThrows(IllegalArgumentException.class, () -> BOX.open(SecretBox.PREFIX + "!!"));
        assertThrows(IllegalArgumentException.class, () -> BOX.open(SecretBox.PREFIX + "AAAA"));
    }

    @Test
    void aKeyMustHave32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> SecretBox.ofBase64Key("not base64!"));
    }

    @Test
    void theDevelopmentKeyIsUsedOnlyWhereItIsAllowed() {
        assertEquals(SecretBoxes.DEVELOPMENT_KEY, SecretBoxes.keyOf(Optional.empty(), true));
        assertThrows(IllegalStateException.class, () -> SecretBoxes.keyOf(Optional.empty(), false));
        assertThrows(IllegalStateException.class, () -> SecretBoxes.keyOf(Optional.of(" "), false));
        assertThrows(IllegalStateException.class,
                () -> SecretBoxes.keyOf(Optional.of(SecretBoxes.DEVELOPMENT_KEY), false));
        String own = Base64.getEncoder().encodeToString(new byte[32]);
        assertEquals(own, SecretBoxes.keyOf(Optional.of(own), false));
    }
}
