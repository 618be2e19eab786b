package io.hop.entitlement.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    static final String SECRET = "a-secret-of-16-chars-or-more";

    @Test
    void aBackendVerifiesWhatWeSigned() {
        String header = WebhookSigner.header(SECRET, 1_700_000_000L, "{\"deviceId\":\"d\"}");
        assertThat(header).startsWith("t=1700000000,v1=");
        assertThat(WebhookSigner.verify(SECRET, header, "{\"deviceId\":\"d\"}", 1_700_000_010L, 300)).isTrue();
    }

    @Test
    void aChangedBodyAnotherSecretOrAnOldTimestampIsRefused() {
        String header = WebhookSigner.header(SECRET, 1_700_000_000L, "{\"deviceId\":\"d\"}");
        assertThat(WebhookSigner.verify(SECRET, header, "{\"deviceId\":\"e\"}", 1_700_000_000L, 300)).isFalse();
        assertThat(WebhookSigner.verify("another-secret-of-16", header, "{\"deviceId\":\"d\"}", 1_700_000_000L, 300))
                .isFalse();
        assertThat(WebhookSigner.verify(SECRET, header, "{\"deviceId\":\"d\"}", 1_700_000_301L, 300)).isFalse();
        assertThat(WebhookSigner.verify(SECRET, null, "", 0, 300)).isFalse();
    }

    @Test
    void theSignatureIsHmacSha256OfTimestampDotBody() {
        // RFC 4231 style check with a known vector: HMAC-SHA256(key="key", "The quick brown fox jumps over the lazy dog")
        assertThat(WebhookSigner.hmac("key", "The quick brown fox jumps over the lazy dog"))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }
}
