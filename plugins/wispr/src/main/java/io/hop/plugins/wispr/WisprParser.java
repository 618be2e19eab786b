package io.hop.plugins.wispr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.hop.xml.SafeXml;

/**
 * Finds and parses the WISPr message of a captive portal's page or a gateway's reply: the
 * {@code WISPAccessGatewayParam} element, bare or inside an HTML comment, parsed with {@link SafeXml} (no DTD, no
 * entities, no schema fetched: {@code xsi:noNamespaceSchemaLocation} is only an attribute).
 */
public final class WisprParser {

    private static final String ROOT = "WISPAccessGatewayParam";
    private static final SafeXml.Limits LIMITS = new SafeXml.Limits(64 * 1024, 16);

    private WisprParser() {
    }

    /** The message of {@code body}, or empty when it has none (a page without WISPr). */
    public static Optional<WisprMessage> parse(String body) {
        if (body == null) {
            return Optional.empty();
        }
        int start = body.indexOf("<" + ROOT);
        int end = body.indexOf("</" + ROOT + ">", start + 1);
        if (start < 0 || end < 0) {
            return Optional.empty();
        }
        String xml = body.substring(start, end + ROOT.length() + 3);
        Element root = SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8), LIMITS).getDocumentElement();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return Optional.ofNullable(message(e));
            }
        }
        return Optional.empty();
    }

    private static WisprMessage message(Element e) {
        int type = number(e, "MessageType", -1);
        int code = number(e, "ResponseCode", -1);
        return switch (e.getTagName()) {
            case "Redirect" -> new WisprMessage.Redirect(type, code, text(e, "AccessProcedure"),
                    text(e, "AccessLocation"), text(e, "LocationName"), text(e, "LoginURL"), text(e, "AbortLoginURL"));
            case "Proxy" -> new WisprMessage.Proxy(type, code, text(e, "NextURL"), number(e, "Delay", 0));
            case "AuthenticationReply", "AuthenticationPollReply" -> new WisprMessage.AuthenticationReply(type, code,
                    texts(e, "ReplyMessage"), text(e, "LoginResultsURL"), text(e, "LogoffURL"), number(e, "Delay", 0),
                    text(e, "RedirectionURL"));
            case "LogoffReply" -> new WisprMessage.LogoffReply(type, code);
            case "AbortLoginReply" -> new WisprMessage.AbortLoginReply(type, code);
            default -> null;
        };
    }

    private static String text(Element parent, String name) {
        List<String> all = texts(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<String> texts(Element parent, String name) {
        List<String> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child && child.getTagName().equals(name)) {
                out.add(child.getTextContent().trim());
            }
        }
        return out;
    }

    private static int number(Element parent, String name, int dflt) {
        String t = text(parent, name);
        try {
            return t == null || t.isEmpty() ? dflt : Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + t);
        }
    }
}
