package io.hop.provisioning.policy;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.hop.contracts.provisioning.SharingPolicySettings;
import io.hop.platform.json.PlatformJson;
import io.hop.platform.problem.ProblemException;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.problem.Violation;
import io.hop.platform.security.Caller;
import io.hop.platform.security.Roles;
import io.hop.provisioning.entity.ExpectedVersion;
import io.hop.provisioning.version.ProvisioningChanges;
import io.hop.provisioning.xml.XmlDocuments;

/**
 * Sharing policies of an operator. Created and replaced from JSON or from either XML form of the operator documents
 * ({@code Content-Type: application/xml}); read as JSON, or exported as XML: {@code Accept: application/xml} gives the
 * {@code wap-provisioningdoc} form, {@code ?form=settings} the runtime {@code <Settings>} form. A replace or delete
 * names the version it read in {@code If-Match: "<version>"} (every answer carries it as {@code ETag}); a stale one
 * is 409.
 */
@Path("/v1/operators/{operatorId}/sharing-policies")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
public class SharingPolicyResource {

    /** A policy as the API shows it, with what the operator should know about it ({@code warnings}). */
    public record SharingPolicyView(String id, String operatorId, String name, long version,
            SharingPolicySettings settings, Instant createdAt, Instant updatedAt, List<String> warnings) {

        static SharingPolicyView of(SharingPolicy policy, List<String> warnings) {
            return new SharingPolicyView(policy.id(), policy.operatorId(), policy.name(), policy.version(),
                    policy.settings(), policy.createdAt(), policy.updatedAt(), warnings);
        }

        static SharingPolicyView of(SharingPolicy policy) {
            return of(policy, SharingPolicyValidator.warningsOf(policy.settings()));
        }
    }

    /** One stored version: its state as published, or none for the deletion. */
    public record VersionView(long version, Instant createdAt, boolean deleted, JsonNode state) {
    }

    static final String XML_NAME_DEFAULT = "HotSpot settings";
    static final String FORM_RUNTIME = "settings";
    static final String FORM_PROVISIONING_DOC = "wap-provisioningdoc";
    private static final MediaType TEXT_XML = MediaType.TEXT_XML_TYPE;

    private final SharingPolicyService policies;
    private final SharingPolicyValidator validator = new SharingPolicyValidator();
    private final XmlDocuments xml;
    private final Caller caller;

    SharingPolicyResource(SharingPolicyService policies, XmlDocuments xml, Caller caller) {
        this.policies = policies;
        this.xml = xml;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("operatorId") String operatorId, JsonNode body) {
        caller.requireOperatorCollection(operatorId);
        Imported imported = fromJson(body);
        return created(operatorId, imported);
    }

    @POST
    @Consumes({ MediaType.APPLICATION_XML, MediaType.TEXT_XML })
    public Response importXml(@PathParam("operatorId") String operatorId, @QueryParam("name") String name,
            @QueryParam("variant") String variant, byte[] body) {
        caller.requireOperatorCollection(operatorId);
        return created(operatorId, fromXml(body, name == null ? XML_NAME_DEFAULT : name, variant));
    }

    @GET
    public List<SharingPolicyView> list(@PathParam("operatorId") String operatorId) {
        caller.requireOperatorCollection(operatorId);
        return policies.list(operatorId).stream().map(SharingPolicyView::of).toList();
    }

    /** JSON, or an XML export: {@code ?form=settings|wap-provisioningdoc}, or {@code Accept: application/xml}. */
    @GET
    @Path("{policyId}")
    @Produces({ MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML, MediaType.TEXT_XML })
    public Response get(@PathParam("operatorId") String operatorId, @PathParam("policyId") String policyId,
            @QueryParam("form") String form, @Context HttpHeaders headers) {
        caller.requireOperator(operatorId);
        if (form != null && !FORM_RUNTIME.equals(form) && !FORM_PROVISIONING_DOC.equals(form)) {
            throw ValidationProblem.of("form", "must be '" + FORM_RUNTIME + "' (the runtime <Settings> form) or '"
                    + FORM_PROVISIONING_DOC + "'");
        }
        SharingPolicy policy = policies.get(operatorId, policyId);
        MediaType xmlType = xmlAccepted(headers);
        if (form == null && xmlType == null) {
            return ok(policy, SharingPolicyView.of(policy)).build();
        }
        String document = FORM_RUNTIME.equals(form) ? SharingPolicyXml.toRuntimeSettings(policy.settings())
                : SharingPolicyXml.toProvisioningDoc(policy.settings());
        return Response.ok(document, xmlType == null ? MediaType.APPLICATION_XML_TYPE : xmlType)
                .tag(etag(policy.version())).build();
    }

    @PUT
    @Path("{policyId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("operatorId") String operatorId, @PathParam("policyId") String policyId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, JsonNode body) {
        caller.requireOperator(operatorId);
        long expected = requiredVersion(ifMatch);
        return replaced(operatorId, policyId, expected, fromJson(body));
    }

    @PUT
    @Path("{policyId}")
    @Consumes({ MediaType.APPLICATION_XML, MediaType.TEXT_XML })
    public Response replaceXml(@PathParam("operatorId") String operatorId, @PathParam("policyId") String policyId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @QueryParam("name") String name,
            @QueryParam("variant") String variant, byte[] body) {
        caller.requireOperator(operatorId);
        long expected = requiredVersion(ifMatch);
        String keptName = name != null ? name : policies.get(operatorId, policyId).name();
        return replaced(operatorId, policyId, expected, fromXml(body, keptName, variant));
    }

    @DELETE
    @Path("{policyId}")
    public Response delete(@PathParam("operatorId") String operatorId, @PathParam("policyId") String policyId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        caller.requireOperator(operatorId);
        policies.delete(operatorId, policyId, ifMatch == null ? null : requiredVersion(ifMatch));
        return Response.noContent().build();
    }

    /** Every version of the policy, the deletion included (readable after it). */
    @GET
    @Path("{policyId}/versions")
    public List<VersionView> versions(@PathParam("operatorId") String operatorId, @PathParam("policyId") String policyId) {
        caller.requireOperator(operatorId);
        return policies.versions(operatorId, policyId).stream()
                .map(v -> new VersionView(v.version(), v.createdAt(), v.deletion(), v.deletion() ? null : tree(v)))
                .toList();
    }

    /** The state of version {@code version} exactly as it was published; 410 for the version that deleted it. */
    @GET
    @Path("{policyId}/versions/{version}")
    public Response version(@PathParam("operatorId") String operatorId, @PathParam("policyId") String policyId,
            @PathParam("version") long version) {
        caller.requireOperator(operatorId);
        ProvisioningChanges.StoredVersion stored = policies.version(operatorId, policyId, version);
        if (stored.deletion()) {
            throw new ProblemException(410, "Gone", "version " + version + " of sharing policy '" + policyId
                    + "' is its deletion");
        }
        return Response.ok(stored.stateJson(), MediaType.APPLICATION_JSON_TYPE).tag(etag(version)).build();
    }

    /** A validated request: name, settings and the warnings of the input. */
    private record Imported(String name, SharingPolicyValidator.Validated validated) {
    }

    private Response created(String operatorId, Imported imported) {
        SharingPolicy policy = policies.create(operatorId, imported.name(), imported.validated().settings());
        URI location = UriBuilder.fromResource(SharingPolicyResource.class).path(policy.id()).build(operatorId);
        return ok(policy, SharingPolicyView.of(policy, imported.validated().warnings())).status(201).location(location)
                .build();
    }

    private Response replaced(String operatorId, String policyId, long expected, Imported imported) {
        SharingPolicy policy = policies.replace(operatorId, policyId, expected, imported.name(),
                imported.validated().settings());
        return ok(policy, SharingPolicyView.of(policy, imported.validated().warnings())).build();
    }

    private Imported fromJson(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ValidationProblem.of("body", "must be a JSON object with name and settings");
        }
        List<Violation> nameViolations = new ArrayList<>();
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual() || name.textValue().isBlank()) {
            nameViolations.add(new Violation("name", "must not be blank"));
        } else if (name.textValue().length() > 200) {
            nameViolations.add(new Violation("name", "must be at most 200 characters"));
        }
        body.fieldNames().forEachRemaining(field -> {
            if (!"name".equals(field) && !"settings".equals(field)) {
                nameViolations.add(new Violation(field, "is not a sharing policy property (name, settings)"));
            }
        });
        SettingsInput input = SharingPolicyJson.read(body.get("settings"), "settings");
        return new Imported(name == null ? null : name.textValue(), validator.validate(withViolations(input, nameViolations)));
    }

    private Imported fromXml(byte[] body, String name, String variant) {
        List<Violation> requestViolations = new ArrayList<>();
        if (name.isBlank() || name.length() > 200) {
            requestViolations.add(new Violation("name", "must be 1 to 200 characters, not blank"));
        }
        if (variant != null && !SharingPolicyXml.validVariant(variant)) {
            requestViolations.add(new Violation("variant", "must be 1 to 32 letters, digits, '_' or '-'"));
            variant = null;
        }
        // XmlDocuments refuses a hostile, oversized, too deep or malformed document before anything is read.
        SettingsInput input = SharingPolicyXml.read(xml.elements(body), variant);
        return new Imported(name, validator.validate(withViolations(input, requestViolations)));
    }

    private static SettingsInput withViolations(SettingsInput input, List<Violation> first) {
        List<Violation> all = new ArrayList<>(first);
        all.addAll(input.violations());
        return new SettingsInput(input.settings(), all, input.warnings());
    }

    private static Response.ResponseBuilder ok(SharingPolicy policy, SharingPolicyView view) {
        return Response.ok(view, MediaType.APPLICATION_JSON_TYPE).tag(etag(policy.version()));
    }

    private static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The XML type the client asked for explicitly (not through a wildcard), or null. */
    private static MediaType xmlAccepted(HttpHeaders headers) {
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isWildcardType() || accepted.isWildcardSubtype()) {
                continue;
            }
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return null;
            }
            if (accepted.isCompatible(MediaType.APPLICATION_XML_TYPE) || accepted.isCompatible(TEXT_XML)) {
                return new MediaType(accepted.getType(), accepted.getSubtype());
            }
        }
        return null;
    }

    /** The version of {@code If-Match: "<version>"}, required to replace (an XML body has no version field). */
    private static long requiredVersion(String ifMatch) {
        Long version = ExpectedVersion.of(ifMatch, null);
        if (version == null) {
            throw new ProblemException(428, "Precondition Required",
                    "send If-Match: \"<version>\" with the version you read (the ETag of the policy)");
        }
        return version;
    }

    private static JsonNode tree(ProvisioningChanges.StoredVersion version) {
        try {
            return PlatformJson.mapper().readTree(version.stateJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored version " + version.version() + " is not JSON", e);
        }
    }
}
