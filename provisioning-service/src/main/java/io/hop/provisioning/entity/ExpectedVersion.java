package io.hop.provisioning.entity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hop.platform.problem.ValidationProblem;

/**
 * The version a replace (PUT) expects the entity to be at, so that a change made since the client read it is never
 * overwritten (a stale version answers 409). Every PUT of provisioning takes it as {@code If-Match: "<version>"} (the
 * entity's version as an entity tag); a JSON body may carry it as {@code version} instead, and when both are given
 * they must agree.
 */
public final class ExpectedVersion {

    private static final Pattern ENTITY_TAG = Pattern.compile("(?:W/)?\"?([1-9][0-9]{0,17})\"?");

    private ExpectedVersion() {
    }

    /**
     * The expected version from {@code If-Match} and the body's {@code version}, or null when neither names one.
     *
     * @throws ValidationProblem when {@code If-Match} is not a version entity tag, or disagrees with the body
     */
    public static Long of(String ifMatch, Long bodyVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return bodyVersion;
        }
        Matcher matcher = ENTITY_TAG.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw ValidationProblem.of("If-Match", "must be the version you read as an entity tag, e.g. \"3\"");
        }
        long version = Long.parseLong(matcher.group(1));
        if (bodyVersion != null && bodyVersion != version) {
            throw ValidationProblem.of("If-Match", "names version " + version + " but the body's version is "
                    + bodyVersion + "; send one, or the same in both");
        }
        return version;
    }
}
