package io.hop.provisioning.xml;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.problem.Violation;
import io.hop.xml.SafeXml;
import io.hop.xml.XmlRejectedException;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Operators' XML documents as this service reads them: always through {@link SafeXml}, with the limits of
 * {@code hop.provisioning.xml.*}. A refused document (hostile, too large, too deep, malformed) is a 400
 * {@link ValidationProblem} on field {@code body} naming the reason; nothing was read from it.
 */
@ApplicationScoped
public class XmlDocuments {

    /** Limits of an uploaded XML document. */
    @ConfigMapping(prefix = "hop.provisioning.xml")
    public interface Config {

        /** Largest document accepted, in bytes (1 MiB). */
        @WithDefault("1048576")
        int maxBytes();

        /** Deepest element nesting accepted. */
        @WithDefault("64")
        int maxDepth();
    }

    private final SafeXml.Limits limits;

    XmlDocuments(Config config) {
        this.limits = new SafeXml.Limits(config.maxBytes(), config.maxDepth());
    }

    /** One well-formed document. */
    public Document parse(byte[] body) {
        try {
            return SafeXml.parse(body, limits);
        } catch (XmlRejectedException e) {
            throw refused(e);
        }
    }

    /** The top-level elements of a document or of a fragment of several (e.g. two {@code <Settings>} blocks). */
    public List<Element> elements(byte[] body) {
        try {
            return SafeXml.parseElements(body, limits);
        } catch (XmlRejectedException e) {
            throw refused(e);
        }
    }

    private static ValidationProblem refused(XmlRejectedException e) {
        return new ValidationProblem("the XML document was refused (" + e.reason() + ")",
                List.of(new Violation("body", e.getMessage())));
    }
}
