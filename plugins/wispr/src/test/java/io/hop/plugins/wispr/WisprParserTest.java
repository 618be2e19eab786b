package io.hop.plugins.wispr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.hop.xml.XmlRejectedException;

/** The sample messages of shared/conformance/wispr-1.0.md, and the variants it names. */
class WisprParserTest {

    static final String REDIRECT_IN_COMMENT = """
            <html><head><title>Cafe</title></head><body>Welcome
            <!--
            <?xml version="1.0" encoding="UTF-8"?>
            <WISPAccessGatewayParam xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:noNamespaceSchemaLocation="http://gateway.example/WISPAccessGatewayParam.xsd">
              <Redirect>
                <AccessProcedure>1.0</AccessProcedure>
                <AccessLocation>isocc=us,cc=1,ac=408,network=EXAMPLE,</AccessLocation>
                <LocationName>EXAMPLE,Cafe_Main_Street</LocationName>
                <LoginURL>https://gateway.example/login?res=notyet</LoginURL>
                <AbortLoginURL>https://gateway.example/abort</AbortLoginURL>
                <MessageType>100</MessageType>
                <ResponseCode>0</ResponseCode>
              </Redirect>
            </WISPAccessGatewayParam>
            -->
            </body></html>""";

    @Test
    void aRedirectInsideAnHtmlCommentIsFoundAndItsSchemaLocationNeverFetched() {
        var r = assertInstanceOf(WisprMessage.Redirect.class, WisprParser.parse(REDIRECT_IN_COMMENT).orElseThrow());
        assertEquals(100, r.messageType());
        assertEquals(0, r.responseCode());
        assertEquals("1.0", r.accessProcedure());
        assertEquals("isocc=us,cc=1,ac=408,network=EXAMPLE,", r.accessLocation());
        assertEquals("EXAMPLE,Cafe_Main_Street", r.locationName());
        assertEquals("https://gateway.example/login?res=notyet", r.loginUrl());
        assertEquals("https://gateway.example/abort", r.abortLoginUrl());
    }

    @Test
    void anAuthenticationReplyOfSuccessWithItsLogoffUrlAndMessages() {
        var a = assertInstanceOf(WisprMessage.AuthenticationReply.class, WisprParser.parse("""
                <WISPAccessGatewayParam xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:noNamespaceSchemaLocation="http://www.wballiance.net/wispr/wispr_2_0.xsd">
                  <AuthenticationReply>
                    <MessageType>120</MessageType>
                    <ResponseCode>50</ResponseCode>
                    <LogoffURL>https://gateway.example/logoff</LogoffURL>
                    <ReplyMessage>Welcome</ReplyMessage>
                    <ReplyMessage>Enjoy</ReplyMessage>
                  </AuthenticationReply>
                </WISPAccessGatewayParam>""").orElseThrow());
        assertEquals(120, a.messageType());
        assertEquals(50, a.responseCode());
        assertEquals("https://gateway.example/logoff", a.logoffUrl());
        assertEquals(List.of("Welcome", "Enjoy"), a.replyMessages());
    }

    @Test
    void aPendingReplyAndAPollReplyCarryTheirResultsUrlAndDelay() {
        var pending = (WisprMessage.AuthenticationReply) WisprParser.parse("""
                <WISPAccessGatewayParam><AuthenticationReply><MessageType>120</MessageType>
                <ResponseCode>201</ResponseCode><LoginResultsURL>https://gateway.example/results?id=42</LoginResultsURL>
                <Delay>2</Delay></AuthenticationReply></WISPAccessGatewayParam>""").orElseThrow();
        assertEquals(201, pending.responseCode());
        assertEquals("https://gateway.example/results?id=42", pending.loginResultsUrl());
        assertEquals(2, pending.delay());
        var poll = (WisprMessage.AuthenticationReply) WisprParser.parse("""
                <WISPAccessGatewayParam><AuthenticationPollReply><MessageType>140</MessageType>
                <ResponseCode>100</ResponseCode><ReplyMessage>Bad password</ReplyMessage>
                </AuthenticationPollReply></WISPAccessGatewayParam>""").orElseThrow();
        assertEquals(140, poll.messageType());
        assertEquals(100, poll.responseCode());
    }

    @Test
    void proxyLogoffAndAbortReplies() {
        var proxy = (WisprMessage.Proxy) WisprParser.parse("<WISPAccessGatewayParam><Proxy><MessageType>110"
                + "</MessageType><ResponseCode>200</ResponseCode><NextURL>http://probe.example/</NextURL><Delay>1"
                + "</Delay></Proxy></WISPAccessGatewayParam>").orElseThrow();
        assertEquals("http://probe.example/", proxy.nextUrl());
        assertEquals(1, proxy.delay());
        var logoff = WisprParser.parse("""
                <WISPAccessGatewayParam>
                  <LogoffReply>
                    <MessageType>130</MessageType>
                    <ResponseCode>150</ResponseCode>
                  </LogoffReply>
                </WISPAccessGatewayParam>""").orElseThrow();
        assertEquals(new WisprMessage.LogoffReply(130, 150), logoff);
        assertEquals(new WisprMessage.AbortLoginReply(150, 151), WisprParser.parse("<WISPAccessGatewayParam>"
                + "<AbortLoginReply><MessageType>150</MessageType><ResponseCode>151</ResponseCode></AbortLoginReply>"
                + "</WISPAccessGatewayParam>").orElseThrow());
    }

    @Test
    void aPageWithoutWisprHasNoMessageAndADoctypeIsRefused() {
        assertTrue(WisprParser.parse("<html>plain portal</html>").isEmpty());
        // The DOCTYPE before the message is never processed; the entity it would define is refused.
        var e = assertThrows(XmlRejectedException.class, () -> WisprParser.parse(
                "<!DOCTYPE WISPAccessGatewayParam [<!ENTITY x SYSTEM \"http://evil.example/x\">]>"
                        + "<WISPAccessGatewayParam><Redirect><LoginURL>&x;</LoginURL></Redirect>"
                        + "</WISPAccessGatewayParam>"));
        assertEquals(XmlRejectedException.Reason.ENTITY, e.reason());
    }

    @Test
    void theLoginFormCarriesTheFieldsWisprNames() {
        assertEquals("UserName=user%40acme&Password=p+w%26d&button=Login&FNAME=0"
                + "&OriginatingServer=http%3A%2F%2Fprobe.example%2F",
                new String(WisprClient.loginForm("user@acme", "p w&d", "http://probe.example/")));
    }

    @Test
    void onlyHttpsUrlsOnATrustedDomainMayReceiveCredentials() {
        LoginUrlPolicy policy = new LoginUrlPolicy(List.of("gateway.example"));
        policy.check("https://gateway.example/login");
        policy.check("https://login.gateway.example/login");
        for (String refused : List.of("http://gateway.example/login", "https://evilgateway.example/login",
                "https://gateway.example.evil.example/", "https://user@gateway.example/", "ftp://gateway.example/",
                "not a url at all")) {
            assertThrows(LoginUrlPolicy.UntrustedLoginUrlException.class, () -> policy.check(refused), refused);
        }
    }
}
