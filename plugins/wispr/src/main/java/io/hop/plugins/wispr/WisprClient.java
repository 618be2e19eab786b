package io.hop.plugins.wispr;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.hop.plugin.api.PluginHttpClient;
import io.hop.plugin.api.PluginHttpClient.Bearer;
import io.hop.plugin.api.PluginHttpClient.Request;
import io.hop.plugin.api.PluginHttpClient.Response;

/**
 * A WISPr 1.0 smart client: probe, follow the gateway's {@code Redirect} (and {@code Proxy}), POST the credentials
 * to a trusted HTTPS {@code LoginURL}, accept {@code AuthenticationReply} (120) or {@code AuthenticationPollReply}
 * (140), poll {@code LoginResultsURL} after {@code Delay} while the answer is 201 (pending), and log off. HTTP goes
 * through a {@link PluginHttpClient} (the host's capability, or {@link JdkHttp} standalone) over the Wi-Fi bearer;
 * redirects are never followed, the client reads them.
 */
public final class WisprClient {

    /** How a login ended. */
    public record LoginResult(Outcome outcome, int responseCode, String logoffUrl, List<String> replyMessages,
            String detail) {

        public enum Outcome {
            SUCCESS, REJECTED, FAILED, NO_WISPR
        }
    }

    /** Waits between polls; tests replace it. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    static final int MAX_PROXY_HOPS = 3;
    static final int MAX_POLLS = 10;
    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final PluginHttpClient http;
    private final LoginUrlPolicy policy;
    private final Sleeper sleeper;

    public WisprClient(PluginHttpClient http, LoginUrlPolicy policy, Sleeper sleeper) {
        this.http = http;
        this.policy = policy;
        this.sleeper = sleeper;
    }

    /** The login POST's form body: {@code UserName}, {@code Password}, {@code button=Login}, {@code FNAME=0}, {@code OriginatingServer}. */
    public static byte[] loginForm(String username, String password, String originatingServer) {
        String form = "UserName=" + enc(username) + "&Password=" + enc(password) + "&button=Login&FNAME=0"
                + "&OriginatingServer=" + enc(originatingServer == null ? "" : originatingServer);
        return form.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Logs in behind the captive portal that intercepts {@code probe}.
     *
     * @throws LoginUrlPolicy.UntrustedLoginUrlException when the gateway names a login URL the profile does not trust
     */
    public LoginResult login(URI probe, String username, String password) throws InterruptedException {
        Optional<WisprMessage> message = fetch("GET", probe, null);
        for (int hop = 0; message.orElse(null) instanceof WisprMessage.Proxy proxy; hop++) {
            if (hop >= MAX_PROXY_HOPS || proxy.nextUrl() == null) {
                return failed("too many WISPr proxy hops");
            }
            sleeper.sleep(delay(proxy.delay()));
            message = fetch("GET", URI.create(proxy.nextUrl()), null);
        }
        if (!(message.orElse(null) instanceof WisprMessage.Redirect redirect)) {
            return new LoginResult(LoginResult.Outcome.NO_WISPR, -1, null, List.of(),
                    "the portal sent no WISPr Redirect");
        }
        URI loginUrl = policy.check(redirect.loginUrl());
        Optional<WisprMessage> reply = fetch("POST", loginUrl, loginForm(username, password, probe.toString()));
        for (int poll = 0;; poll++) {
            if (!(reply.orElse(null) instanceof WisprMessage.AuthenticationReply auth)) {
                return failed("the gateway answered the login with no AuthenticationReply");
            }
            if (auth.responseCode() != WisprMessage.Codes.AUTHENTICATION_PENDING) {
                return result(auth);
            }
            if (poll >= MAX_POLLS) {
                return failed("still pending after " + MAX_POLLS + " polls");
            }
            URI results = policy.check(auth.loginResultsUrl());
            sleeper.sleep(delay(auth.delay()));
            reply = fetch("GET", results, null);
        }
    }

    /** Logs off at the {@code LogoffURL} of a successful login; true when the gateway confirms (150). */
    public boolean logoff(String logoffUrl) {
        Optional<WisprMessage> reply = fetch("GET", policy.check(logoffUrl), null);
        return reply.orElse(null) instanceof WisprMessage.LogoffReply r
                && r.responseCode() == WisprMessage.Codes.LOGOFF_SUCCEEDED;
    }

    /** Aborts a pending login at the Redirect's {@code AbortLoginURL}; true when the gateway confirms (151). */
    public boolean abort(String abortLoginUrl) {
        Optional<WisprMessage> reply = fetch("GET", policy.check(abortLoginUrl), null);
        return reply.orElse(null) instanceof WisprMessage.AbortLoginReply r
                && r.responseCode() == WisprMessage.Codes.LOGIN_ABORTED;
    }

    private Optional<WisprMessage> fetch(String method, URI uri, byte[] form) {
        Map<String, List<String>> headers = form == null ? Map.of("User-Agent", List.of("HOP-WISPr/1.0"))
                : Map.of("User-Agent", List.of("HOP-WISPr/1.0"), "Content-Type",
                        List.of("application/x-www-form-urlencoded"));
        Response response = http.send(new Request(method, uri, headers, form, Bearer.WIFI)).toCompletableFuture()
                .join();
        return WisprParser.parse(response.body() == null ? "" : new String(response.body(), StandardCharsets.UTF_8));
    }

    private static LoginResult result(WisprMessage.AuthenticationReply auth) {
        LoginResult.Outcome outcome = switch (auth.responseCode()) {
            case WisprMessage.Codes.LOGIN_SUCCEEDED -> LoginResult.Outcome.SUCCESS;
            case WisprMessage.Codes.LOGIN_FAILED -> LoginResult.Outcome.REJECTED;
            default -> LoginResult.Outcome.FAILED;
        };
        return new LoginResult(outcome, auth.responseCode(), auth.logoffUrl(), auth.replyMessages(),
                "ResponseCode " + auth.responseCode());
    }

    private static LoginResult failed(String detail) {
        return new LoginResult(LoginResult.Outcome.FAILED, -1, null, List.of(), detail);
    }

    private static Duration delay(int seconds) {
        Duration d = Duration.ofSeconds(Math.max(0, seconds));
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
