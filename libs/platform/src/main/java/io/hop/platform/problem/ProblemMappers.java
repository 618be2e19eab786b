package io.hop.platform.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.hop.platform.observability.RequestIds;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every exception that leaves a REST resource into an RFC 9457 {@code application/problem+json} response.
 * Server errors are logged with their stack trace and answered with a generic detail; nothing internal leaks. A
 * unique-key violation or an optimistic-lock failure, wherever it surfaces, is the client's conflict: 409
 * ({@link Conflicts}). Client errors are not logged above debug level.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String GENERIC_DETAIL = "An unexpected error occurred; quote the request id when reporting it.";

    @Inject
    ObjectMapper mapper;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        if (e.status() >= 500) {
            LOG.errorf(e, "Request %s answered with %d", uri.getPath(), e.status());
        }
        return respond(new Problem(e.type(), e.title(), e.status(), e.detail(), instance(uri), requestId(),
                sorted(e.violations())));
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e, UriInfo uri, ResourceInfo resource) {
        if (e.getConstraintViolations().stream()
                .anyMatch(v -> pathKinds(v.getPropertyPath()).contains(ElementKind.RETURN_VALUE))) {
            // A response that breaks its own constraints is our bug, not the client's.
            return serverError(e, uri);
        }
        Method method = resource == null ? null : resource.getResourceMethod();
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(field(v.getPropertyPath(), method), v.getMessage()))
                .distinct()
                .toList();
        return respond(new Problem(Problem.TYPE_VALIDATION, ValidationProblem.TITLE, 400,
                ValidationProblem.detailOf(violations), instance(uri), requestId(), sorted(violations)));
    }

    @ServerExceptionMapper
    public Response validationSetup(ValidationException e, UriInfo uri) {
        return serverError(e, uri); // a broken constraint definition, not bad input
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri); // Quarkus REST wraps unreadable JSON bodies as 400 WebApplicationExceptions
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            LOG.errorf(e, "Request %s answered with %d", uri.getPath(), status);
        }
        String detail = status >= 500 ? GENERIC_DETAIL : e.getMessage();
        Response.ResponseBuilder response = builder(new Problem(Problem.ABOUT_BLANK, reason(original), status, detail,
                instance(uri), requestId(), List.of()));
        // Keep what the status needs (Allow for 405, Retry-After for 503, WWW-Authenticate for 401...).
        original.getStringHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
                values.forEach(value -> response.header(name, value));
            }
        });
        if (status == 401 && original.getHeaderString(HttpHeaders.WWW_AUTHENTICATE) == null) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }

    @ServerExceptionMapper(value = { UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        LOG.debugf("Unauthenticated request to %s: %s", uri.getPath(), e);
        return builder(new Problem(Problem.ABOUT_BLANK, "Unauthorized", 401,
                "A valid bearer token is required.", instance(uri), requestId(), List.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(Problem.ABOUT_BLANK, "Forbidden", 403,
                "The token does not allow this operation.", instance(uri), requestId(), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        Optional<String> conflict = Conflicts.detailOf(e);
        if (conflict.isPresent()) {
            LOG.debugf("Request %s conflicted: %s", uri == null ? "?" : uri.getPath(), e);
            return respond(new Problem(Problem.ABOUT_BLANK, "Conflict", 409, conflict.get(), instance(uri),
                    requestId(), List.of()));
        }
        return serverError(e, uri);
    }

    private Response serverError(Throwable e, UriInfo uri) {
        LOG.errorf(e, "Request %s failed", uri == null ? "?" : uri.getPath());
        return respond(new Problem(Problem.ABOUT_BLANK, "Internal Server Error", 500, GENERIC_DETAIL, instance(uri),
                requestId(), List.of()));
    }

    private Response json(JsonProcessingException e, UriInfo uri) {
        if (e instanceof InvalidDefinitionException) {
            return serverError(e, uri); // our class cannot be (de)serialized: a bug
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = jsonPath(mapping.getPath());
            Violation violation = new Violation(field, jsonMessage(mapping));
            return respond(new Problem(Problem.TYPE_MALFORMED_REQUEST, "Malformed request", 400,
                    "The request body does not have the expected shape.", instance(uri), requestId(),
                    List.of(violation)));
        }
        String detail = e instanceof JsonParseException || e.getClass().getName().contains("StreamRead")
                ? "The request body is not well-formed JSON: " + e.getOriginalMessage() + location(e)
                : "The request body does not have the expected shape: " + e.getOriginalMessage();
        return respond(new Problem(Problem.TYPE_MALFORMED_REQUEST, "Malformed request", 400, detail, instance(uri),
                requestId(), List.of()));
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String jsonMessage(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown property";
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null && e.getCause().getMessage() != null) {
            return e.getCause().getMessage(); // a record's constructor rejected the value
        }
        if (e instanceof InvalidFormatException format) {
            return "must be " + describe(format.getTargetType()) + " (got " + abbreviate(format.getValue()) + ")";
        }
        if (e instanceof MismatchedInputException mismatch) {
            return "must be " + describe(mismatch.getTargetType());
        }
        return e.getOriginalMessage();
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() > 40 ? "'" + text.substring(0, 40) + "…'" : "'" + text + "'";
    }

    static String describe(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == Byte.class || type == byte.class
                || type == BigInteger.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "an RFC 3339 date-time";
        }
        if (type == LocalDate.class) {
            return "a date (yyyy-mm-dd)";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /**
     * The violated property as the client knows it: without the method and parameter prefix of method validation
     * ({@code create.request.networks[0].ssid} becomes {@code networks[0].ssid}); for a violated parameter itself,
     * its JAX-RS name ({@code @QueryParam("page-size")} gives {@code page-size}).
     */
    static String field(Path path, Method method) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.RETURN_VALUE
                    || kind == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                parameter = parameterName(node, method);
                continue;
            }
            if (node.isInIterable()) {
                Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
                field.append('[').append(at == null ? "" : at).append(']');
            }
            if (kind == ElementKind.BEAN || kind == ElementKind.CONTAINER_ELEMENT || node.getName() == null) {
                continue;
            }
            if (field.length() > 0) {
                field.append('.');
            }
            field.append(node.getName());
        }
        if (field.length() == 0) {
            return parameter == null ? "" : parameter;
        }
        if (field.charAt(0) == '[' && parameter != null) {
            return parameter + field; // a list parameter's element
        }
        return field.toString();
    }

    private static String parameterName(Path.Node node, Method method) {
        if (method != null) {
            int index = node.as(Path.ParameterNode.class).getParameterIndex();
            Annotation[][] annotations = method.getParameterAnnotations();
            if (index >= 0 && index < annotations.length) {
                for (Annotation annotation : annotations[index]) {
                    String name = jaxRsName(annotation);
                    if (name != null) {
                        return name;
                    }
                }
            }
        }
        return node.getName();
    }

    private static String jaxRsName(Annotation annotation) {
        if (annotation instanceof QueryParam a) {
            return a.value();
        }
        if (annotation instanceof PathParam a) {
            return a.value();
        }
        if (annotation instanceof HeaderParam a) {
            return a.value();
        }
        if (annotation instanceof FormParam a) {
            return a.value();
        }
        if (annotation instanceof CookieParam a) {
            return a.value();
        }
        if (annotation instanceof MatrixParam a) {
            return a.value();
        }
        if (annotation instanceof org.jboss.resteasy.reactive.RestQuery a && !a.value().isEmpty()) {
            return a.value();
        }
        if (annotation instanceof org.jboss.resteasy.reactive.RestPath a && !a.value().isEmpty()) {
            return a.value();
        }
        if (annotation instanceof org.jboss.resteasy.reactive.RestHeader a && !a.value().isEmpty()) {
            return a.value();
        }
        return null;
    }

    private static List<ElementKind> pathKinds(Path path) {
        return java.util.stream.StreamSupport.stream(path.spliterator(), false).map(Path.Node::getKind).toList();
    }

    private static List<Violation> sorted(List<Violation> violations) {
        return violations.stream()
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
    }

    private static String reason(Response response) {
        Response.StatusType info = response.getStatusInfo();
        String phrase = info == null ? null : info.getReasonPhrase();
        if (phrase == null || phrase.isBlank()) {
            Response.Status known = Response.Status.fromStatusCode(response.getStatus());
            phrase = known == null ? "HTTP " + response.getStatus() : known.getReasonPhrase();
        }
        return phrase;
    }

    private static String instance(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    private static String requestId() {
        Object id = MDC.get(RequestIds.MDC_KEY);
        return id == null ? null : id.toString();
    }

    private Response respond(Problem problem) {
        return builder(problem).build();
    }

    private Response.ResponseBuilder builder(Problem problem) {
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            // Cannot happen for these plain values; answer without the body rather than fail the failure.
            body = "{\"status\":" + problem.status() + "}";
        }
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(body);
    }
}
