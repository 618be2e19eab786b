package io.hop.plugins.wispr;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which URLs a WISPr client may send credentials to: HTTPS only, on a host that is one of the profile's trusted login
 * domains or a subdomain of one ({@code login.gateway.example} for {@code gateway.example}). Anything else is refused
 * before a byte is sent: a rogue access point's portal must never receive the user's password.
 */
public final class LoginUrlPolicy {

    private final List<String> trustedDomains;

    public LoginUrlPolicy(List<String> trustedDomains) {
        this.trustedDomains = trustedDomains.stream().map(d -> d.toLowerCase(Locale.ROOT).replaceAll("^\\.+", ""))
                .filter(d -> !d.isEmpty()).toList();
    }

    /** The URL, when trusted; otherwise {@link UntrustedLoginUrlException}. */
    public URI check(String url) {
        URI uri;
        try {
            uri = url == null ? null : URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new UntrustedLoginUrlException("not a URL: " + url);
        }
        if (uri == null || !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null
                || uri.getUserInfo() != null) {
            throw new UntrustedLoginUrlException("a login URL must be https://<trusted host>/..., not " + url);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        for (String d : trustedDomains) {
            if (host.equals(d) || host.endsWith("." + d)) {
                return uri;
            }
        }
        throw new UntrustedLoginUrlException("host " + host + " is not a trusted login domain " + trustedDomains);
    }

    /** A login URL the profile does not trust. */
    public static final class UntrustedLoginUrlException extends SecurityException {
        public UntrustedLoginUrlException(String message) {
            super(message);
        }
    }
}
