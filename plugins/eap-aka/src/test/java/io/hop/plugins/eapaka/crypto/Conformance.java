package io.hop.plugins.eapaka.crypto;

import io.hop.plugins.eapaka.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Reads the published conformance files copied into test resources (as they are, source line included). */
final class Conformance {

    private Conformance() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(String name) {
        try (InputStream in = Conformance.class.getResourceAsStream("/conformance/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> json, String field) {
        return (List<Map<String, Object>>) json.get(field);
    }

    static byte[] hex(Map<String, Object> json, String field) {
        Object value = json.get(field);
        if (!(value instanceof String s)) {
            throw new IllegalStateException("no hex field " + field);
        }
        return HexFormat.of().parseHex(s);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
