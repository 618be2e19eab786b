package io.hop.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The platform's parser for XML from outside: operators' provisioning documents, WISPr gateway replies. It refuses,
 * before building anything, a document that
 * <ul>
 * <li>declares a DOCTYPE (so no external entity, no XXE, no entity expansion such as "billion laughs");</li>
 * <li>references an entity other than the predefined ones;</li>
 * <li>is larger than {@link Limits#maxBytes()} or nests elements deeper than {@link Limits#maxDepth()};</li>
 * <li>is not well-formed.</li>
 * </ul>
 * Each refusal is an {@link XmlRejectedException} with its {@link XmlRejectedException.Reason}. The checks run on a
 * streaming pass (StAX, DTD support off), then the document is built by a DOM parser that is itself hardened (secure
 * processing, DOCTYPE disallowed, no external access), so that one missed check is not enough for an attack.
 * <p>
 * Plain JDK, no dependencies: plugins bundle this module as it is.
 */
public final class SafeXml {

    /** Size and depth limits of one document. */
    public record Limits(int maxBytes, int maxDepth) {

        /** 1 MiB and 64 levels: far above any provisioning document or WISPr reply. */
        public static final Limits DEFAULT = new Limits(1024 * 1024, 64);

        public Limits {
            if (maxBytes < 1 || maxDepth < 1) {
                throw new IllegalArgumentException("XML limits must be positive: " + maxBytes + " bytes, depth " + maxDepth);
            }
        }
    }

    /** The element that {@link #parseElements} wraps a fragment of several top-level elements in. */
    static final String FRAGMENT_ROOT = "hop-xml-fragment";

    private static final Pattern XML_DECLARATION = Pattern.compile("^\\uFEFF?\\s*<\\?xml[^>]*\\?>");
    private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE", Pattern.CASE_INSENSITIVE);

    private SafeXml() {
    }

    /** Configured once; documented as not thread-safe, so builders are made under its lock. */
    private static final DocumentBuilderFactory FACTORY = hardenedFactory();

    private static DocumentBuilderFactory hardenedFactory() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(true);
            return factory;
        } catch (ParserConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Parses one well-formed document.
     *
     * @throws XmlRejectedException when it is refused (see the class description)
     */
    public static Document parse(byte[] xml, Limits limits) {
        checkSize(xml, limits);
        check(xml, limits, 0);
        return build(xml);
    }

    /**
     * The top-level elements of a document or of a fragment that has several (operators write
     * {@code <Settings Path="Connections">…</Settings><Settings Path="HotSpot">…</Settings>} with no common root).
     * Comments and an XML declaration before the first element are allowed; a fragment must be UTF-8.
     *
     * @throws XmlRejectedException when it is refused (see the class description)
     */
    public static List<Element> parseElements(byte[] xml, Limits limits) {
        checkSize(xml, limits);
        String text = new String(xml, StandardCharsets.UTF_8);
        if (DOCTYPE.matcher(text).find()) {
            throw new XmlRejectedException(XmlRejectedException.Reason.DOCTYPE,
                    "DOCTYPE declarations are not accepted (no DTDs, no external entities)", null);
        }
        Matcher declaration = XML_DECLARATION.matcher(text);
        String body = declaration.find() ? text.substring(declaration.end()) : text;
        byte[] wrapped = ("<" + FRAGMENT_ROOT + ">" + body + "</" + FRAGMENT_ROOT + ">").getBytes(StandardCharsets.UTF_8);
        // The wrapper adds one level, which the fragment's own limit must not pay for.
        check(wrapped, limits, 1);
        Element root = build(wrapped).getDocumentElement();
        List<Element> elements = new ArrayList<>();
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                elements.add(element);
            }
        }
        if (elements.isEmpty()) {
            throw new XmlRejectedException(XmlRejectedException.Reason.MALFORMED, "the document has no element", null);
        }
        return elements;
    }

    private static void checkSize(byte[] xml, Limits limits) {
        if (xml.length > limits.maxBytes()) {
            throw new XmlRejectedException(XmlRejectedException.Reason.TOO_LARGE,
                    "the document has " + xml.length + " bytes, more than the limit of " + limits.maxBytes(), null);
        }
        if (xml.length == 0) {
            throw new XmlRejectedException(XmlRejectedException.Reason.MALFORMED, "the document is empty", null);
        }
    }

    /** The streaming pass: DOCTYPE, entity references and depth, before any tree is built. */
    private static void check(byte[] xml, Limits limits, int extraDepth) {
        // The JDK's own implementations, whatever a classpath brings (e.g. Woodstox or Xerces through a test library):
        // the hardening below is written for them and tested on them.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
            int depth = 0;
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case XMLStreamConstants.DTD -> throw new XmlRejectedException(XmlRejectedException.Reason.DOCTYPE,
                            "DOCTYPE declarations are not accepted (no DTDs, no external entities)", null);
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new XmlRejectedException(
                            XmlRejectedException.Reason.ENTITY,
                            "entity reference '&" + reader.getLocalName() + ";' is not accepted", null);
                    case XMLStreamConstants.START_ELEMENT -> {
                        depth++;
                        if (depth - extraDepth > limits.maxDepth()) {
                            throw new XmlRejectedException(XmlRejectedException.Reason.TOO_DEEP,
                                    "elements are nested deeper than the limit of " + limits.maxDepth(), null);
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> depth--;
                    default -> {
                        // text, comments, processing instructions: nothing to check
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw malformed(e.getMessage(), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing was held open: the input is a byte array
                }
            }
        }
    }

    private static Document build(byte[] xml) {
        try {
            DocumentBuilder builder;
            synchronized (FACTORY) {
                builder = FACTORY.newDocumentBuilder();
            }
            // Errors are thrown, never printed to stderr by the default handler.
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity '" + systemId + "' is not accepted");
            });
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            throw malformed(e.getMessage(), e);
        } catch (IOException | ParserConfigurationException e) {
            throw new IllegalStateException("cannot parse XML held in memory", e);
        }
    }

    private static XmlRejectedException malformed(String detail, Throwable cause) {
        String message = detail == null ? "not well-formed XML" : "not well-formed XML: " + detail.replaceAll("\\s+", " ");
        return new XmlRejectedException(XmlRejectedException.Reason.MALFORMED, message, cause);
    }

}
