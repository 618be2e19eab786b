package io.hop.provisioning.policy;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.hop.contracts.provisioning.SharingPolicySettings;
import io.hop.platform.problem.Violation;

/**
 * The two XML forms of the HotSpot settings that operators already have, read from elements that the safe parser
 * gave ({@code XmlDocuments.elements}) and written back:
 * <ul>
 * <li>the runtime form: one or more {@code <Settings Path="…">} blocks of {@code <Setting Name=".." Value=".."/>}: the
 * {@code HotSpot} block holds the settings, a {@code Connections} block the CDMA connections
 * ({@code Cellular/<name>/TetheringNAI} …);</li>
 * <li>the OMA Client Provisioning form {@code <wap-provisioningdoc>} with {@code <characteristic type="HotSpot">} of
 * {@code <parm name value datatype>} and {@code <characteristic type="CM_CellularEntries">} for the connections.</li>
 * </ul>
 * The {@code $(__MVID)} variant macro is expanded with the variant id given at import, or kept as it is (the policy
 * is then a template, its names expanded on the device).
 */
public final class SharingPolicyXml {

    /** The element names and attributes of both forms. */
    static final String SETTINGS = "Settings";
    static final String SETTING = "Setting";
    static final String PATH_HOTSPOT = "HotSpot";
    static final String PATH_CONNECTIONS = "Connections";
    static final String PROVISIONING_DOC = "wap-provisioningdoc";
    static final String CHARACTERISTIC = "characteristic";
    static final String PARM = "parm";
    static final String CELLULAR_ENTRIES = "CM_CellularEntries";
    static final String TETHERING_NAI = "TetheringNAI";

    /** The variant macro of the runtime form. */
    public static final String VARIANT_MACRO = "$(__MVID)";
    private static final Pattern MACRO = Pattern.compile("\\$\\(([^)]*)\\)");
    private static final Pattern VARIANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private SharingPolicyXml() {
    }

    /** Whether {@code variant} is an acceptable variant id (letters, digits, '_' and '-', at most 32). */
    public static boolean validVariant(String variant) {
        return VARIANT_ID.matcher(variant).matches();
    }

    /**
     * Reads the settings of a document in either form.
     *
     * @param elements the document's top-level elements
     * @param variant  the variant id that {@code $(__MVID)} stands for, or null to keep the macro
     */
    public static SettingsInput read(List<Element> elements, String variant) {
        Reading reading = new Reading(variant);
        if (elements.size() == 1 && PROVISIONING_DOC.equals(name(elements.get(0)))) {
            reading.provisioningDoc(elements.get(0));
        } else {
            reading.runtimeSettings(elements);
        }
        return reading.finish();
    }

    /** The OMA Client Provisioning form: {@code <wap-provisioningdoc>}. */
    public static String toProvisioningDoc(SharingPolicySettings settings) {
        return write(xml -> {
            xml.writeStartElement(PROVISIONING_DOC);
            if (settings.tetheringNaiConnection() != null) {
                indent(xml, 1);
                xml.writeStartElement(CHARACTERISTIC);
                xml.writeAttribute("type", CELLULAR_ENTRIES);
                indent(xml, 2);
                xml.writeStartElement(CHARACTERISTIC);
                xml.writeAttribute("type", settings.tetheringNaiConnection());
                indent(xml, 3);
                xml.writeEmptyElement(PARM);
                xml.writeAttribute("name", TETHERING_NAI);
                xml.writeAttribute("value", "1");
                indent(xml, 2);
                xml.writeEndElement();
                indent(xml, 1);
                xml.writeEndElement();
            }
            indent(xml, 1);
            xml.writeStartElement(CHARACTERISTIC);
            xml.writeAttribute("type", PATH_HOTSPOT);
            for (Map.Entry<HotSpotSetting, String> entry : values(settings, "true", "false").entrySet()) {
                indent(xml, 2);
                xml.writeEmptyElement(PARM);
                xml.writeAttribute("name", entry.getKey().xmlName());
                xml.writeAttribute("value", entry.getValue());
                xml.writeAttribute("datatype", entry.getKey().type().datatype());
            }
            indent(xml, 1);
            xml.writeEndElement();
            indent(xml, 0);
            xml.writeEndElement();
        });
    }

    /**
     * The runtime form: a {@code Connections} block for the tethering NAI connection (when there is one), then the
     * {@code <Settings Path="HotSpot">} block; booleans as {@code 0}/{@code 1}.
     */
    public static String toRuntimeSettings(SharingPolicySettings settings) {
        return write(xml -> {
            if (settings.tetheringNaiConnection() != null) {
                xml.writeStartElement(SETTINGS);
                xml.writeAttribute("Path", PATH_CONNECTIONS);
                indent(xml, 1);
                xml.writeEmptyElement(SETTING);
                xml.writeAttribute("Name", "Cellular/" + settings.tetheringNaiConnection() + "/" + TETHERING_NAI);
                xml.writeAttribute("Value", "1");
                indent(xml, 0);
                xml.writeEndElement();
                indent(xml, 0);
            }
            xml.writeStartElement(SETTINGS);
            xml.writeAttribute("Path", PATH_HOTSPOT);
            for (Map.Entry<HotSpotSetting, String> entry : values(settings, "1", "0").entrySet()) {
                indent(xml, 1);
                xml.writeEmptyElement(SETTING);
                xml.writeAttribute("Name", entry.getKey().xmlName());
                xml.writeAttribute("Value", entry.getValue());
            }
            indent(xml, 0);
            xml.writeEndElement();
        });
    }

    /** Every setting of {@code settings} that has a value, in the order of the operator documents. */
    private static Map<HotSpotSetting, String> values(SharingPolicySettings s, String trueText, String falseText) {
        Map<HotSpotSetting, String> values = new LinkedHashMap<>();
        values.put(HotSpotSetting.ENABLED, s.enabled() ? trueText : falseText);
        values.put(HotSpotSetting.ENTITLEMENT_REQUIRED, s.entitlementRequired() ? trueText : falseText);
        putIfPresent(values, HotSpotSetting.ENTITLEMENT_DLL, s.entitlementProvider());
        values.put(HotSpotSetting.ENTITLEMENT_INTERVAL, Integer.toString(s.entitlementInterval()));
        values.put(HotSpotSetting.MAX_USERS, Integer.toString(s.maxUsers()));
        values.put(HotSpotSetting.MAX_BLUETOOTH_USERS, Integer.toString(s.maxBluetoothUsers()));
        values.put(HotSpotSetting.PEERLESS_TIMEOUT, Integer.toString(s.peerlessTimeout()));
        values.put(HotSpotSetting.PUBLIC_CONNECTION_TIMEOUT, Integer.toString(s.publicConnectionTimeout()));
        putIfPresent(values, HotSpotSetting.MO_HELP_NUMBER, s.moHelpNumber());
        putIfPresent(values, HotSpotSetting.MO_INFO_LINK, s.moInfoLink());
        putIfPresent(values, HotSpotSetting.MO_APP_LINK, s.moAppLink());
        putIfPresent(values, HotSpotSetting.MO_HELP_MESSAGE, s.moHelpMessage());
        if (!s.dedicatedConnections().isEmpty()) {
            values.put(HotSpotSetting.DEDICATED_CONNECTIONS, String.join(";", s.dedicatedConnections()));
        }
        putIfPresent(values, HotSpotSetting.TETHERING_NAI_CONNECTION, s.tetheringNaiConnection());
        return values;
    }

    private static void putIfPresent(Map<HotSpotSetting, String> values, HotSpotSetting setting, String value) {
        if (value != null) {
            values.put(setting, value);
        }
    }

    /** Reading one document: the settings, the connections it defines, and what is wrong with it. */
    private static final class Reading {

        private final String variant;
        private final List<SettingsInput.Setting> settings = new ArrayList<>();
        private final List<Violation> violations = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        /** Connection name → its settings (e.g. TetheringNAI → 1), in document order. */
        private final Map<String, Map<String, String>> connections = new LinkedHashMap<>();
        private boolean hotspotFound;

        Reading(String variant) {
            this.variant = variant;
        }

        void runtimeSettings(List<Element> elements) {
            for (Element block : elements) {
                if (!SETTINGS.equals(name(block))) {
                    violations.add(new Violation(name(block), "is not a <Settings Path=\"…\"> block or a <wap-provisioningdoc>"));
                    continue;
                }
                String path = block.getAttribute("Path");
                switch (path) {
                    case PATH_HOTSPOT -> {
                        if (hotspotFound) {
                            violations.add(new Violation("Settings[@Path=HotSpot]", "is given more than once"));
                        }
                        hotspotFound = true;
                        for (Element setting : children(block, "Settings[@Path=HotSpot]", SETTING)) {
                            hotspotSetting(setting.getAttribute("Name"), setting.getAttribute("Value"), null);
                        }
                    }
                    case PATH_CONNECTIONS -> {
                        for (Element setting : children(block, "Settings[@Path=Connections]", SETTING)) {
                            runtimeConnectionSetting(setting.getAttribute("Name"), setting.getAttribute("Value"));
                        }
                    }
                    default -> violations.add(new Violation("Settings", "has Path '" + path
                            + "'; the supported paths are HotSpot and Connections"));
                }
            }
        }

        void provisioningDoc(Element doc) {
            for (Element characteristic : children(doc, PROVISIONING_DOC, CHARACTERISTIC)) {
                String type = characteristic.getAttribute("type");
                switch (type) {
                    case PATH_HOTSPOT -> {
                        if (hotspotFound) {
                            violations.add(new Violation("characteristic[@type=HotSpot]", "is given more than once"));
                        }
                        hotspotFound = true;
                        for (Element parm : children(characteristic, "characteristic[@type=HotSpot]", PARM)) {
                            String datatype = parm.hasAttribute("datatype") ? parm.getAttribute("datatype") : null;
                            hotspotSetting(parm.getAttribute("name"), parm.getAttribute("value"), datatype);
                        }
                    }
                    case CELLULAR_ENTRIES -> {
                        for (Element entry : children(characteristic, CELLULAR_ENTRIES, CHARACTERISTIC)) {
                            String connection = expand(entry.getAttribute("type"), CELLULAR_ENTRIES);
                            Map<String, String> values = connection(connection, CELLULAR_ENTRIES);
                            for (Element parm : children(entry, CELLULAR_ENTRIES + "/" + connection, PARM)) {
                                values.put(parm.getAttribute("name"), parm.getAttribute("value"));
                            }
                        }
                    }
                    default -> violations.add(new Violation(CHARACTERISTIC, "has type '" + type
                            + "'; the supported types are HotSpot and CM_CellularEntries"));
                }
            }
        }

        private void hotspotSetting(String name, String value, String datatype) {
            HotSpotSetting.byXmlName(name).ifPresentOrElse(
                    setting -> settings.add(new SettingsInput.Setting(setting, expand(value, name), name, datatype)),
                    () -> violations.add(new Violation(name.isEmpty() ? "HotSpot" : name,
                            "is not a HotSpot setting (the supported settings are " + supportedNames() + ")")));
        }

        /** {@code Cellular/<connection>/<setting>}: the connection name may itself hold spaces, never '/'. */
        private void runtimeConnectionSetting(String name, String value) {
            String[] parts = name.split("/", -1);
            if (parts.length != 3 || !"Cellular".equals(parts[0]) || parts[1].isBlank() || parts[2].isBlank()) {
                violations.add(new Violation("Connections/" + name, "must be named Cellular/<connection>/<setting>"));
                return;
            }
            String connection = expand(parts[1], "Connections/" + name);
            connection(connection, "Connections/" + name).put(parts[2], value);
        }

        private Map<String, String> connection(String name, String field) {
            if (name.isBlank()) {
                violations.add(new Violation(field, "names a connection without a name"));
            }
            return connections.computeIfAbsent(name, n -> new LinkedHashMap<>());
        }

        private String expand(String value, String field) {
            Matcher macros = MACRO.matcher(value);
            while (macros.find()) {
                if (!VARIANT_MACRO.equals(macros.group())) {
                    violations.add(new Violation(field, "uses the macro '" + macros.group() + "'; only " + VARIANT_MACRO
                            + " is supported"));
                }
            }
            return variant == null ? value : value.replace(VARIANT_MACRO, variant);
        }

        /** The child elements of {@code parent} named {@code expected}; any other child element is a violation. */
        private List<Element> children(Element parent, String field, String expected) {
            List<Element> children = new ArrayList<>();
            for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element) {
                    if (expected.equals(name(element))) {
                        children.add(element);
                    } else {
                        violations.add(new Violation(field, "may hold only <" + expected + "> elements, not <"
                                + name(element) + ">"));
                    }
                }
            }
            return children;
        }

        SettingsInput finish() {
            if (!hotspotFound) {
                violations.add(new Violation("HotSpot", "the document has no HotSpot settings "
                        + "(<Settings Path=\"HotSpot\"> or <characteristic type=\"HotSpot\">)"));
            }
            String tetheringNai = settings.stream()
                    .filter(s -> s.setting() == HotSpotSetting.TETHERING_NAI_CONNECTION)
                    .map(SettingsInput.Setting::value).findFirst().orElse(null);
            connections.forEach((name, values) -> {
                String nai = values.get(TETHERING_NAI);
                if (nai != null && !nai.equals("0") && !nai.equals("1")) {
                    violations.add(new Violation("Connections/" + name + "/" + TETHERING_NAI, "must be 0 or 1"));
                }
                boolean naiConnection = "1".equals(nai);
                if (name.equals(tetheringNai) && !naiConnection) {
                    violations.add(new Violation(HotSpotSetting.TETHERING_NAI_CONNECTION.xmlName(), "names connection '"
                            + name + "', which this document defines without TetheringNAI=1"));
                }
                if (naiConnection && !name.equals(tetheringNai)) {
                    warnings.add("connection '" + name + "' is a TetheringNAI connection, but TetheringNAIConnection "
                            + "does not name it: it is not used for sharing");
                }
            });
            return new SettingsInput(settings, violations, warnings);
        }
    }

    private static String supportedNames() {
        return String.join(", ", java.util.Arrays.stream(HotSpotSetting.values()).map(HotSpotSetting::xmlName).toList());
    }

    private static String name(Element element) {
        return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
    }

    private interface XmlWork {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    private static String write(XmlWork work) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(text);
            work.write(xml);
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the sharing policy as XML", e);
        }
        return text.append('\n').toString();
    }

    private static void indent(XMLStreamWriter xml, int level) throws XMLStreamException {
        xml.writeCharacters("\n" + "    ".repeat(level));
    }

}
