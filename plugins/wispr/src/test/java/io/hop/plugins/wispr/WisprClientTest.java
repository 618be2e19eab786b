package io.hop.plugins.wispr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WISPr client against a local captive portal over TLS. */
class WisprClientTest {

    @TempDir
    static Path dir;
    static CaptivePortal portal;
    final List<Duration> waits = new ArrayList<>();
    WisprClient client;

    @BeforeAll
    static void start() throws Exception {
        portal = new CaptivePortal(dir);
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @BeforeEach
    void clientTrustingLocalhost() {
        portal.logins.clear();
        portal.polls.set(0);
        client = new WisprClient(new JdkHttp(portal.clientContext(), Duration.ofSeconds(5)),
                new LoginUrlPolicy(List.of("localhost")), waits::add);
    }

    URI probe() {
        return URI.create(portal.base() + "/probe");
    }

    @Test
    void aLoginFollowsTheRedirectPostsTheFormAndSucceedsWithALogoffUrl() throws Exception {
        portal.mode = CaptivePortal.Mode.ACCEPT;
        var result = client.login(probe(), "alice@acme", "s3cret");
        assertEquals(WisprClient.LoginResult.Outcome.SUCCESS, result.outcome());
        assertEquals(50, result.responseCode());
        assertEquals(List.of("Welcome"), result.replyMessages());
        assertEquals(1, portal.logins.size());
        String login = portal.logins.get(0);
        assertTrue(login.startsWith("POST application/x-www-form-urlencoded UserName=alice%40acme&Password=s3cret"
                + "&button=Login&FNAME=0&OriginatingServer="), login);
        assertTrue(client.logoff(result.logoffUrl()));
    }

    @Test
    void aRejectedLoginSaysSo() throws Exception {
        portal.mode = CaptivePortal.Mode.REJECT;
        var result = client.login(probe(), "alice@acme", "wrong");
        assertEquals(WisprClient.LoginResult.Outcome.REJECTED, result.outcome());
        assertEquals(List.of("Invalid password"), result.replyMessages());
    }

    @Test
    void aPendingLoginIsPolledAfterItsDelayUntilAPollReplyGivesTheResult() throws Exception {
        portal.mode = CaptivePortal.Mode.PENDING_THEN_ACCEPT_AS_POLL_REPLY;
        var result = client.login(probe(), "alice@acme", "s3cret");
        assertEquals(WisprClient.LoginResult.Outcome.SUCCESS, result.outcome());
        assertEquals(2, portal.polls.get());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), waits);
    }

    @Test
    void aLoginUrlThatIsNotHttpsOrNotOnATrustedDomainGetsNoCredentials() {
        portal.mode = CaptivePortal.Mode.REDIRECT_TO_HTTP_LOGIN;
        assertThrows(LoginUrlPolicy.UntrustedLoginUrlException.class,
                () -> client.login(probe(), "alice@acme", "s3cret"));
        portal.mode = CaptivePortal.Mode.ACCEPT;
        WisprClient untrusting = new WisprClient(new JdkHttp(portal.clientContext(), Duration.ofSeconds(5)),
                new LoginUrlPolicy(List.of("gateway.example")), waits::add);
        assertThrows(LoginUrlPolicy.UntrustedLoginUrlException.class,
                () -> untrusting.login(probe(), "alice@acme", "s3cret"));
        assertTrue(portal.logins.isEmpty(), "no credentials were sent");
    }
}
