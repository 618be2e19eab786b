package io.hop.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.hop.xml.XmlRejectedException.Reason;

class SafeXmlTest {

    private static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private static Reason refusal(String xml) {
        return refusal(xml, SafeXml.Limits.DEFAULT);
    }

    private static Reason refusal(String xml, SafeXml.Limits limits) {
        Reason document = assertThrows(XmlRejectedException.class, () -> SafeXml.parse(bytes(xml), limits)).reason();
        Reason fragment = assertThrows(XmlRejectedException.class, () -> SafeXml.parseElements(bytes(xml), limits)).reason();
        assertEquals(document, fragment, "both entry points refuse for the same reason");
        return document;
    }

    @Test
    void aPlainDocumentParses() {
        Document document = SafeXml.parse(bytes("<?xml version=\"1.0\"?><a x=\"1\"><b>t &amp; u</b></a>"), SafeXml.Limits.DEFAULT);
        assertEquals("a", document.getDocumentElement().getLocalName());
        assertEquals("t & u", document.getDocumentElement().getTextContent());
    }

    @Test
    void aFragmentOfSeveralTopLevelElementsGivesEachOfThem() {
        List<Element> elements = SafeXml.parseElements(bytes("""
                <!-- two blocks, as operators write them -->
                <Settings Path="Connections"><Setting Name="a" Value="1"/></Settings>
                <Settings Path="HotSpot"><Setting Name="Enabled" Value="1"/></Settings>
                """), SafeXml.Limits.DEFAULT);
        assertEquals(2, elements.size());
        assertEquals("HotSpot", elements.get(1).getAttribute("Path"));
    }

    @Test
    void aSingleDocumentWithADeclarationIsAlsoAFragmentOfOneElement() {
        List<Element> elements = SafeXml.parseElements(bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<x/>"),
                SafeXml.Limits.DEFAULT);
        assertEquals("x", elements.get(0).getTagName());
    }

    @Test
    void anExternalEntityIsRefusedAndNeverFetched() throws IOException {
        AtomicBoolean contacted = new AtomicBoolean();
        try (ServerSocket server = new ServerSocket(0)) {
            Thread listener = new Thread(() -> {
                try (Socket ignored = server.accept()) {
                    contacted.set(true);
                } catch (IOException closed) {
                    // the server closed: nobody came
                }
            });
            listener.start();
            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"http://127.0.0.1:" + server.getLocalPort()
                    + "/secret\">]><r>&x;</r>";
            assertEquals(Reason.DOCTYPE, refusal(xxe));
            String file = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";
            assertEquals(Reason.DOCTYPE, refusal(file));
        }
        org.junit.jupiter.api.Assertions.assertFalse(contacted.get(), "the parser never opened the external entity's URL");
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">");
        }
        assertEquals(Reason.DOCTYPE, refusal(dtd + "]><lolz>&lol9;</lolz>"));
    }

    @Test
    void anUndeclaredEntityIsRefused() {
        Reason reason = refusal("<r>&undeclared;</r>");
        assertTrue(reason == Reason.ENTITY || reason == Reason.MALFORMED, "refused: " + reason);
    }

    @Test
    void aDocumentOverTheSizeLimitIsRefusedBeforeParsing() {
        String big = "<r>" + "x".repeat(2000) + "</r>";
        assertEquals(Reason.TOO_LARGE, refusal(big, new SafeXml.Limits(1000, 64)));
        assertEquals(Reason.TOO_LARGE, refusal("<r>" + "x".repeat(1024 * 1024) + "</r>"), "1 MiB by default");
    }

    @Test
    void nestingOverTheDepthLimitIsRefused() {
        SafeXml.Limits limits = new SafeXml.Limits(1024 * 1024, 10);
        SafeXml.parse(bytes("<a>".repeat(10) + "</a>".repeat(10)), limits);
        SafeXml.parseElements(bytes("<a>".repeat(10) + "</a>".repeat(10)), limits);
        assertEquals(Reason.TOO_DEEP, refusal("<a>".repeat(11) + "</a>".repeat(11), limits));
        assertEquals(Reason.TOO_DEEP, refusal("<a>".repeat(5000) + "</a>".repeat(5000)), "64 levels by default");
    }

    @Test
    void malformedXmlIsRefused() {
        assertEquals(Reason.MALFORMED, refusal("<a><b></a>"));
        assertEquals(Reason.MALFORMED, refusal("not xml at all"));
        assertEquals(Reason.MALFORMED, refusal(""));
        assertEquals(Reason.MALFORMED, refusal("<!-- only a comment -->"));
    }
}
