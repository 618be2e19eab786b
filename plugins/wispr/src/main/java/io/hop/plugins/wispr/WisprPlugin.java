package io.hop.plugins.wispr;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.hop.plugin.api.AuthMethod;
import io.hop.plugin.api.Connection;
import io.hop.plugin.api.CredentialsOutcome;
import io.hop.plugin.api.HotspotPlugin;
import io.hop.plugin.api.HotspotProfile;
import io.hop.plugin.api.Identification;
import io.hop.plugin.api.Network;
import io.hop.plugin.api.PluginContext;
import io.hop.plugin.api.PluginHttpClient;
import io.hop.plugin.api.ScanContext;

/**
 * Built-in WISPr plugin. It owns the networks of the operator's {@code WISPR} profiles (by SSID; its rank is just
 * below provisioned-hotspots' so the WISPr networks are its own) and generates their credentials:
 * <ul>
 * <li>{@code STATIC}: the profile's username and its sealed password, opened through the host
 * ({@link PluginContext#openSealed});</li>
 * <li>{@code PLUGIN}: a POST to the operator's credentials API (config {@code credentials-url}, a host the manifest or
 * the deployment allows) over the cellular bearer, whose flat JSON answer names one of the four outcomes:
 * {@code {"outcome":"PROVIDE_CREDENTIALS","username":"..","password":".."}}, {@code CANCEL_CONNECTION},
 * {@code CANCEL_AUTHENTICATION} (with {@code reason}), {@code INTERACT_WITH_USER} (with {@code prompt}).</li>
 * </ul>
 * The login itself is the device's, with {@link WisprClient}.
 */
public class WisprPlugin implements HotspotPlugin {

    private volatile PluginContext context;

    @Override
    public void start(PluginContext context) {
        this.context = context;
    }

    @Override
    public List<Identification> identify(ScanContext scan, List<Network> networks) {
        List<HotspotProfile> profiles = wisprProfiles(scan.operatorId());
        List<Identification> out = new ArrayList<>();
        for (Network n : networks) {
            profileFor(profiles, n.ssid()).ifPresent(p -> out.add(new Identification(n.bssid(), n.ssid(),
                    p.priority(), AuthMethod.WISPR, p.displayName(),
                    HotspotProfile.FALLBACK_ONLY.equals(p.preference()) ? Identification.FALLBACK_ONLY_PROFILE
                            : null)));
        }
        return out;
    }

    @Override
    public CompletionStage<CredentialsOutcome> generateCredentials(Connection connection) {
        Optional<HotspotProfile> profile = profileFor(wisprProfiles(connection.operatorId()), connection.ssid());
        if (profile.isEmpty() || profile.get().wispr() == null) {
            return done(new CredentialsOutcome.CancelConnection("no WISPr profile for " + connection.ssid()));
        }
        HotspotProfile.Wispr wispr = profile.get().wispr();
        if (HotspotProfile.Wispr.STATIC.equals(wispr.credentials())) {
            if (wispr.username() == null || wispr.sealedPassword() == null) {
                return done(new CredentialsOutcome.CancelConnection("the profile has no static credentials"));
            }
            try {
                return done(new CredentialsOutcome.ProvideCredentials(wispr.username(),
                        context.openSealed(wispr.sealedPassword())));
            } catch (IllegalArgumentException e) {
                return done(new CredentialsOutcome.CancelConnection("the profile's password cannot be opened"));
            }
        }
        return fromOperatorApi(connection);
    }

    private CompletionStage<CredentialsOutcome> fromOperatorApi(Connection c) {
        String url = context.config().get("credentials-url");
        if (url == null || url.isBlank()) {
            return done(new CredentialsOutcome.CancelConnection("no credentials-url configured"));
        }
        String body = "{\"operatorId\":" + FlatJson.quote(c.operatorId()) + ",\"deviceId\":"
                + FlatJson.quote(c.deviceId()) + ",\"connectionId\":" + FlatJson.quote(c.connectionId())
                + ",\"ssid\":" + FlatJson.quote(c.ssid()) + "}";
        Map<String, List<String>> headers = new java.util.HashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        context.secret("credentials-api-token").ifPresent(t -> headers.put("Authorization", List.of("Bearer " + t)));
        PluginHttpClient.Request request = new PluginHttpClient.Request("POST", URI.create(url), headers,
                body.getBytes(StandardCharsets.UTF_8), PluginHttpClient.Bearer.CELLULAR);
        return context.http().send(request).thenApply(WisprPlugin::outcomeOf);
    }

    /** The outcome the operator's credentials API answered. */
    static CredentialsOutcome outcomeOf(PluginHttpClient.Response response) {
        if (response.status() != 200) {
            return new CredentialsOutcome.CancelConnection("credentials API answered " + response.status());
        }
        Map<String, String> json;
        try {
            json = FlatJson.parse(new String(response.body(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return new CredentialsOutcome.CancelConnection("credentials API answered no valid JSON");
        }
        String outcome = String.valueOf(json.get("outcome"));
        return switch (outcome) {
            case "PROVIDE_CREDENTIALS" -> json.get("username") == null || json.get("password") == null
                    ? new CredentialsOutcome.CancelConnection("credentials API gave no username or password")
                    : new CredentialsOutcome.ProvideCredentials(json.get("username"), json.get("password"));
            case "CANCEL_CONNECTION" -> new CredentialsOutcome.CancelConnection(json.get("reason"));
            case "CANCEL_AUTHENTICATION" -> new CredentialsOutcome.CancelAuthentication(json.get("reason"));
            // The user acts on the device; the device's own flow completes the answer.
            case "INTERACT_WITH_USER" -> new CredentialsOutcome.InteractWithUser(json.get("prompt"),
                    new CompletableFuture<>());
            default -> new CredentialsOutcome.CancelConnection("credentials API answered outcome " + outcome);
        };
    }

    private List<HotspotProfile> wisprProfiles(String operatorId) {
        return context.hotspotProfiles(operatorId).stream().filter(p -> p.authMethod() == AuthMethod.WISPR).toList();
    }

    private static Optional<HotspotProfile> profileFor(List<HotspotProfile> profiles, String ssid) {
        return profiles.stream().filter(p -> p.ssids().contains(ssid))
                .min(java.util.Comparator.comparingInt(HotspotProfile::priority)
                        .thenComparing(HotspotProfile::profileId));
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
