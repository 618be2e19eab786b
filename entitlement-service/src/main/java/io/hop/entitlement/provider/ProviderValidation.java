package io.hop.entitlement.provider;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import io.hop.platform.problem.ValidationProblem;

/** The rules of a provider definition (plain Java). Every violated rule is named; nothing is stored on any. */
public final class ProviderValidation {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final int MIN_TIMEOUT_MS = 100;
    static final int MAX_TIMEOUT_MS = 30_000;

    private ProviderValidation() {
    }

    /** A validated request, secrets still in plain text (sealed by the caller). */
    public record Valid(ProviderType type, String url, Duration timeout, String secret, String bearerToken) {

        @Override
        public String toString() {
            return "Valid[" + type + ", " + url + ", " + timeout + "]";
        }
    }

    /**
     * @param existing        the provider being replaced, or null for a new one (a new WEBHOOK needs its secret)
     * @param allowHttp       plain http URLs allowed (local runs and tests)
     * @param defaultTimeout  the timeout of a WEBHOOK that names none
     * @throws ValidationProblem naming each violated rule
     */
    public static Valid validate(String name, ProviderRequest request, EntitlementProvider existing, boolean allowHttp,
            Duration defaultTimeout) {
        ValidationProblem.Builder problems = ValidationProblem.builder();
        problems.addIf(name == null || !NAME.matcher(name).matches(), "name",
                "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        if (request == null) {
            problems.add("body", "must be a JSON object");
            problems.throwIfAny();
        }
        ProviderType type = null;
        if (request.type() == null || request.type().isBlank()) {
            problems.add("type", "is required (WEBHOOK, PLAN_ALLOWANCE or ALLOW_ALL)");
        } else {
            try {
                type = ProviderType.valueOf(request.type().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("type", "must be WEBHOOK, PLAN_ALLOWANCE or ALLOW_ALL");
            }
        }
        if (type != ProviderType.WEBHOOK) {
            problems.addIf(request.url() != null, "url", "is only for WEBHOOK providers");
            problems.addIf(request.timeoutMs() != null, "timeoutMs", "is only for WEBHOOK providers");
            problems.addIf(request.secret() != null, "secret", "is only for WEBHOOK providers");
            problems.addIf(request.bearerToken() != null, "bearerToken", "is only for WEBHOOK providers");
            problems.throwIfAny();
            return new Valid(type, null, null, null, null);
        }
        checkUrl(request.url(), allowHttp, problems);
        Duration timeout = defaultTimeout;
        if (request.timeoutMs() != null) {
            if (request.timeoutMs() < MIN_TIMEOUT_MS || request.timeoutMs() > MAX_TIMEOUT_MS) {
                problems.add("timeoutMs", "must be between " + MIN_TIMEOUT_MS + " and " + MAX_TIMEOUT_MS);
            } else {
                timeout = Duration.ofMillis(request.timeoutMs());
            }
        }
        boolean hadSecret = existing != null && existing.sealedSecret() != null;
        if (request.secret() == null) {
            problems.addIf(!hadSecret, "secret", "is required for a WEBHOOK provider (the HMAC key shared with the backend)");
        } else {
            problems.addIf(request.secret().length() < 16 || request.secret().length() > 256, "secret",
                    "must be 16-256 characters");
            problems.addIf(!printable(request.secret()), "secret", "must be printable ASCII");
        }
        if (request.bearerToken() != null && !request.bearerToken().isEmpty()) {
            problems.addIf(request.bearerToken().length() > 4096, "bearerToken", "must be at most 4096 characters");
            problems.addIf(!printable(request.bearerToken()) || request.bearerToken().contains(" "), "bearerToken",
                    "must be printable ASCII without spaces");
        }
        problems.throwIfAny();
        return new Valid(type, request.url().trim(), timeout, request.secret(), request.bearerToken());
    }

    private static void checkUrl(String url, boolean allowHttp, ValidationProblem.Builder problems) {
        if (url == null || url.isBlank()) {
            problems.add("url", "is required for a WEBHOOK provider");
            return;
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
                problems.add("url", allowHttp ? "must be an http or https URL" : "must be an https URL");
            } else if (uri.getHost() == null || uri.getHost().isBlank()) {
                problems.add("url", "must name a host");
            } else if (uri.getUserInfo() != null) {
                problems.add("url", "must not carry credentials (use secret or bearerToken)");
            }
        } catch (URISyntaxException e) {
            problems.add("url", "is not a valid URL");
        }
        if (url.length() > 2048) {
            problems.add("url", "must be at most 2048 characters");
        }
    }

    private static boolean printable(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
