package io.hop.plugins.wispr;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A local WISPr 1.0 captive portal over real TLS: a self-signed certificate for {@code localhost} made with the
 * JDK's keytool, an HTTPS server answering the probe with a Redirect in an HTML comment, the login POST with an
 * AuthenticationReply (or a 201 pending answer to be polled), and logoff. The client trusts the certificate through
 * {@link #clientContext()}: production code paths (HTTPS only, trusted domains) stay as they are.
 */
final class CaptivePortal implements AutoCloseable {

    enum Mode {
        ACCEPT, REJECT, PENDING_THEN_ACCEPT_AS_POLL_REPLY, REDIRECT_TO_HTTP_LOGIN
    }

    final HttpsServer server;
    final SSLContext clientContext;
    final List<String> logins = new CopyOnWriteArrayList<>();
    final AtomicInteger polls = new AtomicInteger();
    volatile Mode mode = Mode.ACCEPT;

    CaptivePortal(Path dir) throws Exception {
        Path keystore = dir.resolve("portal.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "portal", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, tmf.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.createContext("/probe", this::probe);
        server.createContext("/login", this::login);
        server.createContext("/results", this::results);
        server.createContext("/logoff", ex -> send(ex, 200, wispr("<LogoffReply><MessageType>130</MessageType>"
                + "<ResponseCode>150</ResponseCode></LogoffReply>")));
        server.start();
    }

    SSLContext clientContext() {
        return clientContext;
    }

    String base() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    private void probe(HttpExchange ex) throws IOException {
        String login = mode == Mode.REDIRECT_TO_HTTP_LOGIN ? "http://localhost:" + server.getAddress().getPort()
                + "/login" : base() + "/login";
        send(ex, 302, "<html><body>Please log in<!--\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<WISPAccessGatewayParam xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "xsi:noNamespaceSchemaLocation=\"http://gateway.example/WISPAccessGatewayParam.xsd\"><Redirect>"
                + "<AccessProcedure>1.0</AccessProcedure><AccessLocation>test</AccessLocation>"
                + "<LocationName>TEST,Lab</LocationName><LoginURL>" + login + "</LoginURL>"
                + "<AbortLoginURL>" + base() + "/abort</AbortLoginURL><MessageType>100</MessageType>"
                + "<ResponseCode>0</ResponseCode></Redirect></WISPAccessGatewayParam>\n--></body></html>");
    }

    private void login(HttpExchange ex) throws IOException {
        logins.add(ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("Content-Type") + " "
                + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        switch (mode) {
            case REJECT -> send(ex, 200, wispr("<AuthenticationReply><MessageType>120</MessageType>"
                    + "<ResponseCode>100</ResponseCode><ReplyMessage>Invalid password</ReplyMessage>"
                    + "</AuthenticationReply>"));
            case PENDING_THEN_ACCEPT_AS_POLL_REPLY -> send(ex, 200, wispr("<AuthenticationReply><MessageType>120"
                    + "</MessageType><ResponseCode>201</ResponseCode><LoginResultsURL>" + base()
                    + "/results?id=42</LoginResultsURL><Delay>1</Delay></AuthenticationReply>"));
            default -> send(ex, 200, wispr("<AuthenticationReply><MessageType>120</MessageType>"
                    + "<ResponseCode>50</ResponseCode><LogoffURL>" + base() + "/logoff</LogoffURL>"
                    + "<ReplyMessage>Welcome</ReplyMessage></AuthenticationReply>"));
        }
    }

    private void results(HttpExchange ex) throws IOException {
        if (polls.incrementAndGet() < 2) {
            send(ex, 200, wispr("<AuthenticationPollReply><MessageType>140</MessageType><ResponseCode>201"
                    + "</ResponseCode><LoginResultsURL>" + base() + "/results?id=42</LoginResultsURL><Delay>1</Delay>"
                    + "</AuthenticationPollReply>"));
        } else {
            send(ex, 200, wispr("<AuthenticationPollReply><MessageType>140</MessageType><ResponseCode>50"
                    + "</ResponseCode><LogoffURL>" + base() + "/logoff</LogoffURL></AuthenticationPollReply>"));
        }
    }

    private static String wispr(String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><WISPAccessGatewayParam>" + message
                + "</WISPAccessGatewayParam>";
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/html");
        if (status == 302) {
            ex.getResponseHeaders().add("Location", "/login-page");
        }
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
