package io.hop.pluginhost.loading;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A plugin's manifest, {@code META-INF/hop-plugin.properties} in its JAR (see docs/plugins.md):
 *
 * <pre>
 * id=good                       # [a-z0-9][a-z0-9-]{0,62}
 * version=1.0.0
 * operators=acme,globex         # or * for every operator
 * rank=20                       # lower ranks are asked first and own the networks they identify
 * allowed-hosts=api.acme.example,127.0.0.1:8443
 * timeout=PT2S                  # per call; timeout.identify, timeout.pre-connect, ... override it
 * executor.threads=2
 * executor.queue=32
 * quarantine.after-failures=3
 * quarantine.pause=PT30S
 * config.greeting=hello         # settings, overridable by the deployment
 * </pre>
 */
public record PluginManifest(String id, String version, Set<String> operators, int rank, List<String> allowedHosts,
        Duration timeout, Map<String, Duration> callTimeouts, int executorThreads, int executorQueue,
        int quarantineAfterFailures, Duration quarantinePause, Map<String, String> settings) {

    /** Where the manifest is in a plugin's JAR. */
    public static final String RESOURCE = "META-INF/hop-plugin.properties";
    /** {@link #operators()} entry meaning every operator. */
    public static final String ALL_OPERATORS = "*";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern OPERATOR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HOST = Pattern.compile("[a-z0-9.-]+(:[0-9]{1,5})?");
    private static final Set<String> CALLS = Set.of("identify", "pre-connect", "post-connect", "generate-credentials",
            "reset", "operation", "notification", "start", "stop", "interaction");
    /** How long the host waits for the user's answer to an {@code InteractWithUser}, unless timeout.interaction says. */
    public static final Duration DEFAULT_INTERACTION_TIMEOUT = Duration.ofMinutes(2);

    public PluginManifest {
        operators = Set.copyOf(operators);
        allowedHosts = List.copyOf(allowedHosts);
        callTimeouts = Map.copyOf(callTimeouts);
        settings = Map.copyOf(settings);
    }

    /** Whether the plugin serves {@code operatorId}. */
    public boolean serves(String operatorId) {
        return operatorId != null && (operators.contains(ALL_OPERATORS) || operators.contains(operatorId));
    }

    /** The timeout of one kind of call ({@code identify}, {@code pre-connect}, ...). */
    public Duration timeoutOf(String call) {
        return callTimeouts.getOrDefault(call, timeout);
    }

    /**
     * How long the host waits for the answer of an {@code InteractWithUser} (the user acting on the device), counted
     * from the plugin's outcome: {@code timeout.interaction}, else {@link #DEFAULT_INTERACTION_TIMEOUT} (not the
     * plugin's call timeout: a user takes longer than a plugin may).
     */
    public Duration interactionTimeout() {
        return callTimeouts.getOrDefault("interaction", DEFAULT_INTERACTION_TIMEOUT);
    }

    /** The same manifest with the deployment's operators and rank. */
    public PluginManifest withDeployment(Set<String> operators, int rank) {
        return new PluginManifest(id, version, operators, rank, allowedHosts, timeout, callTimeouts, executorThreads,
                executorQueue, quarantineAfterFailures, quarantinePause, settings);
    }

    /**
     * The same manifest with the deployment's allowed hosts instead of its own: a deployment widens or narrows what
     * the plugin may reach (an operator's credentials API, say) without rebuilding the plugin. The hosts follow the
     * manifest's rules ({@code host} or {@code host:port}); an invalid one is an {@link InvalidManifestException}.
     */
    public PluginManifest withAllowedHosts(List<String> hosts) {
        List<String> problems = new ArrayList<>();
        List<String> checked = allowedHostsOf(hosts, "hop.plugin-host.plugins.\"" + id + "\".allowed-hosts", problems);
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(problems);
        }
        return new PluginManifest(id, version, operators, rank, checked, timeout, callTimeouts, executorThreads,
                executorQueue, quarantineAfterFailures, quarantinePause, settings);
    }

    private static List<String> allowedHostsOf(List<String> values, String key, List<String> problems) {
        List<String> hosts = new ArrayList<>();
        for (String host : values) {
            if (host == null || host.isBlank()) {
                continue;
            }
            String h = host.trim().toLowerCase(Locale.ROOT);
            if (!HOST.matcher(h).matches()) {
                problems.add(key + ": not a host or host:port: " + host);
            }
            hosts.add(h);
        }
        return hosts;
    }

    public static PluginManifest read(InputStream in) throws IOException {
        Properties p = new Properties();
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            values.put(name, p.getProperty(name).trim());
        }
        return parse(values);
    }

    /** Parses a manifest; every violated rule is named in the {@link InvalidManifestException}. */
    public static PluginManifest parse(Map<String, String> values) {
        List<String> problems = new ArrayList<>();
        String id = values.get("id");
        if (id == null || !ID.matcher(id).matches()) {
            problems.add("id: required, " + ID.pattern());
        }
        String version = values.get("version");
        if (version == null || version.isBlank()) {
            problems.add("version: required");
        }
        Set<String> operators = new LinkedHashSet<>(list(values.get("operators")));
        if (operators.isEmpty()) {
            problems.add("operators: required (operator ids, or *)");
        }
        for (String op : operators) {
            if (!op.equals(ALL_OPERATORS) && !OPERATOR.matcher(op).matches()) {
                problems.add("operators: not an operator id: " + op);
            }
        }
        int rank = integer(values, "rank", -1, 0, 1_000_000, problems);
        if (!values.containsKey("rank")) {
            problems.add("rank: required");
        }
        List<String> hosts = allowedHostsOf(list(values.get("allowed-hosts")), "allowed-hosts", problems);
        Duration timeout = duration(values, "timeout", Duration.ofSeconds(5), problems);
        Map<String, Duration> callTimeouts = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().startsWith("timeout.")) {
                String call = e.getKey().substring("timeout.".length());
                if (!CALLS.contains(call)) {
                    problems.add(e.getKey() + ": unknown call (one of " + new java.util.TreeSet<>(CALLS) + ")");
                } else {
                    callTimeouts.put(call, duration(values, e.getKey(), timeout, problems));
                }
            } else if (e.getKey().startsWith("config.")) {
                settings.put(e.getKey().substring("config.".length()), e.getValue());
            }
        }
        int threads = integer(values, "executor.threads", 2, 1, 64, problems);
        int queue = integer(values, "executor.queue", 64, 0, 10_000, problems);
        int failures = integer(values, "quarantine.after-failures", 3, 1, 1000, problems);
        Duration pause = duration(values, "quarantine.pause", Duration.ofSeconds(30), problems);
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(problems);
        }
        return new PluginManifest(id, version, operators, rank, hosts, timeout, callTimeouts, threads, queue, failures,
                pause, settings);
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    private static int integer(Map<String, String> values, String key, int dflt, int min, int max,
            List<String> problems) {
        String v = values.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                problems.add(key + ": must be " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(key + ": not an integer");
            return dflt;
        }
    }

    private static Duration duration(Map<String, String> values, String key, Duration dflt, List<String> problems) {
        String v = values.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            Duration d = Duration.parse(v);
            if (d.isNegative() || d.isZero()) {
                problems.add(key + ": must be positive");
            }
            return d;
        } catch (DateTimeParseException e) {
            problems.add(key + ": not an ISO-8601 duration (e.g. PT2S)");
            return dflt;
        }
    }

    /** A manifest that breaks rules; the plugin is not loaded. */
    public static final class InvalidManifestException extends IllegalArgumentException {

        private final List<String> problems;

        public InvalidManifestException(List<String> problems) {
            super("invalid plugin manifest: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
