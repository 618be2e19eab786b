package io.hop.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.hop.deploy.Platform.ServiceSpec;
import io.hop.testing.infra.KafkaTopicDeclarations.Topic;

/**
 * docker-compose.yml at the repository root: valid against the Compose Specification schema (a faithful subset,
 * src/test/resources/compose/compose-spec-subset.json, validated with networknt json-schema-validator), and the
 * rules a schema cannot express: dependency conditions and health checks, contract ports, Dockerfiles, databases
 * and topics. Offline and without a Docker engine.
 */
class DockerComposeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> INFRA = Set.of("kafka", "kafka-init", "postgres");

    private static Path composeFile;
    private static JsonNode compose;

    @BeforeAll
    static void parse() throws IOException {
        composeFile = RepoRoot.resolve("docker-compose.yml");
        assertTrue(Files.isRegularFile(composeFile), "missing " + composeFile);
        compose = YAML.readTree(composeFile.toFile());
        assertTrue(compose != null && compose.isObject(), "docker-compose.yml is not a YAML mapping");
    }

    // ------------------------------------------------------------------------------------------------ schema

    @Test
    void conformsToTheComposeSpecificationSchema() throws IOException {
        Set<ValidationMessage> errors = composeSchema().validate(compose);
        assertTrue(errors.isEmpty(), () -> "docker-compose.yml violates the Compose Specification schema:\n  "
                + errors.stream().map(ValidationMessage::toString).sorted().collect(Collectors.joining("\n  ")));
    }

    @Test
    void theSchemaRejectsWhatComposeRejects() throws IOException {
        JsonSchema schema = composeSchema();
        // The validator really validates: each of these mutations of our own file is invalid Compose.
        ObjectNode unknownKey = compose.deepCopy();
        ((ObjectNode) unknownKey.path("services").path("kafka")).put("healthckeck", "typo");
        assertFalse(schema.validate(unknownKey).isEmpty(), "an unknown service key must be rejected");

        ObjectNode badCondition = compose.deepCopy();
        ((ObjectNode) badCondition.path("services").path("usage-service").path("depends_on").path("kafka"))
                .put("condition", "service_ready");
        assertFalse(schema.validate(badCondition).isEmpty(), "an unknown depends_on condition must be rejected");

        ObjectNode badTopLevel = compose.deepCopy();
        badTopLevel.putObject("service");
        assertFalse(schema.validate(badTopLevel).isEmpty(), "an unknown top-level key must be rejected");

        ObjectNode badHealthcheck = compose.deepCopy();
        ((ObjectNode) badHealthcheck.path("services").path("postgres").path("healthcheck")).putArray("interval");
        assertFalse(schema.validate(badHealthcheck).isEmpty(), "a healthcheck interval must be a string");
    }

    @Test
    void staysReadableByComposeV1() {
        // Debian's docker-compose 1.29.2 (checked by hand: 'docker-compose config -q' accepts the file) predates the
        // top-level 'name' and healthcheck 'start_interval' of the Compose Specification, and rejects them.
        assertFalse(compose.has("name"), "no top-level 'name': docker-compose 1.29 rejects it (use -p to name the project)");
        services().forEach((name, service) -> assertFalse(service.path("healthcheck").has("start_interval"),
                name + ": no healthcheck start_interval: docker-compose 1.29 rejects it"));
    }

    @Test
    void usesNoYamlAnchorsOrMergeKeys() throws IOException {
        // Compose resolves anchors, aliases and '<<' merge keys; Jackson does not, so this test would check
        // something else than what Compose runs. SnakeYAML resolves them: both readings must be the same.
        LoaderOptions options = new LoaderOptions();
        Object resolved = new Yaml(new SafeConstructor(options)).load(Files.readString(composeFile));
        JsonNode fromSnakeYaml = JSON.readTree(JSON.writeValueAsString(resolved));
        JsonNode fromJackson = JSON.readTree(JSON.writeValueAsString(compose));
        assertEquals(fromSnakeYaml, fromJackson, "docker-compose.yml must not use YAML anchors, aliases or merge keys");
    }

    // ------------------------------------------------------------------------------------------------ dependencies

    @Test
    void everyDependencyHasAConditionThatItsTargetCanMeet() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> service : services().entrySet()) {
            JsonNode dependsOn = service.getValue().get("depends_on");
            if (dependsOn == null) {
                continue;
            }
            if (!dependsOn.isObject()) {
                problems.add(service.getKey() + ": depends_on must be the long form with a condition per dependency");
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = dependsOn.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> dependency = it.next();
                String target = dependency.getKey();
                String condition = dependency.getValue().path("condition").asText("");
                JsonNode targetService = compose.path("services").get(target);
                if (targetService == null) {
                    problems.add(service.getKey() + " depends on " + target + ", which is not a service");
                    continue;
                }
                switch (condition) {
                    case "service_healthy" -> {
                        JsonNode healthcheck = targetService.get("healthcheck");
                        if (healthcheck == null || !healthcheck.has("test")
                                || healthcheck.path("disable").asBoolean(false)) {
                            problems.add(service.getKey() + " waits for " + target + " to be healthy, but " + target
                                    + " has no healthcheck");
                        }
                    }
                    case "service_completed_successfully" -> {
                        String restart = targetService.path("restart").asText("no");
                        if (!restart.equals("no") && !restart.equals("on-failure")) {
                            problems.add(service.getKey() + " waits for " + target + " to complete, but " + target
                                    + " restarts '" + restart + "' and would never stay completed");
                        }
                    }
                    case "service_started" -> {
                        // allowed, but none of ours should need it
                    }
                    default -> problems.add(service.getKey() + " -> " + target + ": no or unknown condition '" + condition + "'");
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @Test
    void eachServiceWaitsForHealthyPostgresAndKafkaAndTheTopics() {
        for (ServiceSpec spec : Platform.SERVICES) {
            JsonNode dependsOn = service(spec.name()).path("depends_on");
            assertEquals("service_healthy", dependsOn.path("postgres").path("condition").asText(),
                    spec.name() + " must wait for a healthy postgres");
            assertEquals("service_healthy", dependsOn.path("kafka").path("condition").asText(),
                    spec.name() + " must wait for a healthy kafka");
            assertEquals("service_completed_successfully", dependsOn.path("kafka-init").path("condition").asText(),
                    spec.name() + " must wait until kafka-init created the topics");
        }
        assertEquals("service_healthy", service("kafka-init").path("depends_on").path("kafka").path("condition").asText(),
                "kafka-init must wait for a healthy kafka");
    }

    // ----------------------------------------------------------------------------- the five services, plugin-host-partner

    @Test
    void composeRunsTheFiveServicesThePartnerHostAndTheInfrastructureOnly() {
        Set<String> expected = new TreeSet<>(INFRA);
        Platform.SERVICES.forEach(spec -> expected.add(spec.name()));
        assertEquals(expected, new TreeSet<>(services().keySet()));
    }

    @Test
    void eachServicePublishesItsContractPortOnLoopback() {
        for (ServiceSpec spec : Platform.SERVICES) {
            assertEquals(List.of(new PortMapping("127.0.0.1", spec.port(), spec.port())), ports(spec.name()),
                    spec.name() + " must publish its contract port " + spec.port() + " on 127.0.0.1");
        }
        assertEquals(List.of(new PortMapping("127.0.0.1", Platform.POSTGRES_PORT, Platform.POSTGRES_PORT)), ports("postgres"));
        List<PortMapping> kafkaPorts = ports("kafka");
        assertEquals(1, kafkaPorts.size(), "kafka publishes one port");
        assertEquals(Platform.KAFKA_PORT, kafkaPorts.get(0).published(), "Kafka's contract port on the host");
        assertEquals("127.0.0.1", kafkaPorts.get(0).hostIp());
        assertTrue(ports("kafka-init").isEmpty());
    }

    @Test
    void eachServiceHasAReadinessHealthcheckOnItsPort() {
        for (ServiceSpec spec : Platform.SERVICES) {
            JsonNode healthcheck = service(spec.name()).path("healthcheck");
            String test = healthcheckCommand(healthcheck);
            assertTrue(test.contains("/q/health/ready"), spec.name() + " healthcheck must probe /q/health/ready: " + test);
            assertTrue(test.contains(String.valueOf(spec.port())), spec.name() + " healthcheck must probe port " + spec.port());
            assertTrue(healthcheck.hasNonNull("interval") && healthcheck.hasNonNull("retries"),
                    spec.name() + " healthcheck needs an interval and retries");
        }
    }

    @Test
    void eachServiceIsBuiltFromItsModulesDockerfile() throws IOException {
        for (ServiceSpec spec : Platform.SERVICES) {
            JsonNode build = service(spec.name()).path("build");
            assertEquals("./" + spec.module(), build.path("context").asText(), spec.name() + ": build context = module dir");
            assertEquals("src/main/docker/Dockerfile.jvm", build.path("dockerfile").asText(), spec.name() + ": dockerfile");
            assertEquals("hop/" + spec.module() + ":dev", service(spec.name()).path("image").asText(),
                    spec.name() + ": the image tag that deploy/overlays/local runs");

            String dockerfile = Files.readString(RepoRoot.resolve(spec.module() + "/src/main/docker/Dockerfile.jvm"));
            assertTrue(Pattern.compile("(?m)^FROM \\$\\{JAVA_RUNTIME_IMAGE}$").matcher(dockerfile).find()
                    || Pattern.compile("(?m)^FROM (registry\\.access\\.redhat\\.com/ubi9/openjdk-17|eclipse-temurin:17)").matcher(dockerfile).find(),
                    spec.name() + ": a Java 17 runtime base image");
            Matcher baseImage = Pattern.compile("(?m)^ARG JAVA_RUNTIME_IMAGE=(\\S+)$").matcher(dockerfile);
            if (baseImage.find()) {
                assertTrue(baseImage.group(1).matches("registry\\.access\\.redhat\\.com/ubi9/openjdk-17(-runtime)?(:.+)?|eclipse-temurin:17(-.+)?"),
                        spec.name() + ": a Java 17 runtime base image, not " + baseImage.group(1));
            }
            for (String layer : List.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/",
                    "target/quarkus-app/quarkus/")) {
                assertTrue(Pattern.compile("(?m)^COPY .*" + Pattern.quote(layer) + " ").matcher(dockerfile).find(),
                        spec.name() + ": Dockerfile.jvm must copy " + layer);
            }
            // The image documents its module's port; plugin-host-partner runs plugin-host's image on its own port.
            int imagePort = Platform.moduleService(spec).port();
            assertTrue(Pattern.compile("(?m)^EXPOSE " + imagePort + "$").matcher(dockerfile).find(),
                    spec.name() + ": Dockerfile.jvm must EXPOSE " + imagePort);
            Matcher user = Pattern.compile("(?m)^USER (\\S+)$").matcher(dockerfile);
            String lastUser = null;
            while (user.find()) {
                lastUser = user.group(1);
            }
            assertTrue(lastUser != null && !lastUser.equals("0") && !lastUser.startsWith("root"),
                    spec.name() + ": the image must run as a non-root user, not " + lastUser);
            assertTrue(dockerfile.contains("quarkus-run.jar"), spec.name() + ": runs the fast-jar quarkus-run.jar");
        }
    }

    /**
     * bin/platform and the benchmarks run the services with bin/service-jvm.options; an image with another collector
     * or generation sizing would run with pauses that the benchmarks never measured.
     */
    @Test
    void eachImageRunsTheJvmOptionsThatTheBenchmarksMeasure() throws IOException {
        List<String> options = Files.readAllLines(RepoRoot.resolve("bin/service-jvm.options")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertTrue(options.contains("-XX:+UseParallelGC"), "bin/service-jvm.options chooses the collector: " + options);
        for (ServiceSpec spec : Platform.SERVICES) {
            String dockerfile = Files.readString(RepoRoot.resolve(spec.module() + "/src/main/docker/Dockerfile.jvm"));
            Matcher append = Pattern.compile("(?m)^ENV JAVA_OPTS_APPEND=\"([^\"]*)\"$").matcher(dockerfile);
            assertTrue(append.find(), spec.name() + ": Dockerfile.jvm sets JAVA_OPTS_APPEND");
            List<String> imageOptions = List.of(append.group(1).split("\\s+"));
            assertTrue(imageOptions.containsAll(options),
                    spec.name() + ": JAVA_OPTS_APPEND must name " + options + ", not only " + imageOptions);
            // the heap of tools/bench/scenarios/lib.sh (half the production pod's 1 GiB), whole from the start
            assertTrue(Pattern.compile("(?m)^ENV JAVA_MAX_MEM_RATIO=50 JAVA_INITIAL_MEM_RATIO=50$").matcher(dockerfile).find(),
                    spec.name() + ": the heap is half the container's memory limit, all of it from the start");
        }
    }

    @Test
    void everyReferencedDockerfileAndMountedFileExists() {
        List<String> problems = new ArrayList<>();
        services().forEach((name, service) -> {
            JsonNode build = service.get("build");
            if (build != null) {
                Path context = RepoRoot.get().resolve(build.isTextual() ? build.asText() : build.path("context").asText("."));
                Path dockerfile = context.resolve(build.path("dockerfile").asText("Dockerfile"));
                if (!Files.isRegularFile(dockerfile)) {
                    problems.add(name + ": no Dockerfile " + RepoRoot.get().relativize(dockerfile.normalize()));
                }
            }
            for (JsonNode volume : service.path("volumes")) {
                String source = volume.isTextual() ? volume.asText().split(":")[0] : volume.path("source").asText();
                if (source.startsWith(".") || source.startsWith("/")) {
                    if (!Files.exists(RepoRoot.get().resolve(source).normalize())) {
                        problems.add(name + ": mounts missing " + source);
                    }
                } else if (!compose.path("volumes").has(source)) {
                    problems.add(name + ": named volume " + source + " is not declared under volumes");
                }
            }
        });
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @Test
    void eachServiceIsConfiguredThroughEnvironmentVariables() {
        Map<String, String> postgresEnv = environment("postgres");
        for (ServiceSpec spec : Platform.SERVICES) {
            Map<String, String> env = environment(spec.name());
            assertEquals(String.valueOf(spec.port()), env.get("QUARKUS_HTTP_PORT"), spec.name());
            assertEquals("jdbc:postgresql://postgres:" + Platform.POSTGRES_PORT + "/" + spec.database(),
                    env.get("QUARKUS_DATASOURCE_JDBC_URL"), spec.name() + ": its own database");
            assertEquals(postgresEnv.get("POSTGRES_USER"), env.get("QUARKUS_DATASOURCE_USERNAME"), spec.name());
            assertEquals(postgresEnv.get("POSTGRES_PASSWORD"), env.get("QUARKUS_DATASOURCE_PASSWORD"), spec.name());
            assertEquals("kafka:" + Platform.KAFKA_PORT, env.get("KAFKA_BOOTSTRAP_SERVERS"), spec.name());
            assertEquals(Platform.DEV_ISSUER, interpolationDefault(env.get("MP_JWT_VERIFY_ISSUER")), spec.name());
            assertEquals(Platform.DEV_PUBLIC_KEY, interpolationDefault(env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION")), spec.name());
        }
        assertTrue(Files.isRegularFile(RepoRoot.resolve("libs/platform/src/main/resources/" + Platform.DEV_PUBLIC_KEY)),
                "the development public key the services default to is libs/platform's " + Platform.DEV_PUBLIC_KEY);
    }

    @Test
    void partnerHostRunsThePartnerPluginsUnderItsOwnConsumerGroupsAndOffloadAsksBothHosts() throws IOException {
        Map<String, String> partner = environment(Platform.PLUGIN_HOST_PARTNER.name());
        String dir = partner.get("HOP_PLUGIN_HOST_PLUGINS_DIR");
        assertEquals("/deployments/partner-plugins", dir, "plugin-host-partner loads the partner plugins");
        String dockerfile = Files.readString(RepoRoot.resolve("plugin-host/src/main/docker/Dockerfile.jvm"));
        assertTrue(Pattern.compile("(?m)^COPY .*target/partner-plugins/ " + Pattern.quote(dir) + "/?$").matcher(dockerfile).find(),
                "plugin-host's image carries target/partner-plugins in " + dir);
        String pom = Files.readString(RepoRoot.resolve("plugin-host/pom.xml"));
        assertTrue(pom.contains("${project.build.directory}/partner-plugins/"), "plugin-host's build lays out target/partner-plugins");

        Map<String, String> host = environment("plugin-host");
        assertEquals(Platform.PLUGIN_HOST_PARTNER.name(), partner.get("HOP_CONSUMER_GROUP"),
                "its own consumer groups: both hosts see every plugin request");
        assertFalse(partner.get("HOP_CONSUMER_GROUP").equals(host.getOrDefault("HOP_CONSUMER_GROUP", "plugin-host")));
        assertEquals("/hop/" + Platform.PLUGIN_HOST_PARTNER.name(), partner.get("HOP_EVENTS_SOURCE"),
                "plugin-host-partner's events name it as their source");

        Map<String, String> offload = environment("offload-service");
        assertEquals(List.of("http://plugin-host:8083", "http://plugin-host-partner:8085"),
                List.of(offload.get("PLUGIN_HOST_URL"), offload.get("PLUGIN_HOST_PARTNER_URL")),
                "offload-service asks both plugin hosts");
        assertEquals("service_healthy", service(Platform.PLUGIN_HOST_PARTNER.name()).path("depends_on").path("postgres")
                .path("condition").asText());
    }

    // ------------------------------------------------------------------------------------------------ infrastructure

    @Test
    void kafkaIsApacheKafkaInKraftModeWithAHealthcheck() {
        JsonNode kafka = service("kafka");
        assertEquals("apache/kafka:4.1.1", kafka.path("image").asText());
        Map<String, String> env = environment("kafka");
        assertTrue(env.getOrDefault("KAFKA_PROCESS_ROLES", "").contains("controller"), "KRaft: the broker is its own controller");
        assertTrue(env.getOrDefault("KAFKA_PROCESS_ROLES", "").contains("broker"));
        assertTrue(env.keySet().stream().noneMatch(key -> key.contains("ZOOKEEPER")), "no ZooKeeper");
        assertTrue(env.getOrDefault("KAFKA_ADVERTISED_LISTENERS", "").contains("//kafka:" + Platform.KAFKA_PORT),
                "containers reach Kafka as kafka:" + Platform.KAFKA_PORT);
        assertEquals("false", env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"), "topics are declared, not auto-created");
        assertTrue(healthcheckCommand(kafka.path("healthcheck")).contains("kafka-broker-api-versions.sh"));
    }

    @Test
    void postgresCreatesTheFiveDatabasesAndHasAPgIsreadyHealthcheck() throws IOException {
        JsonNode postgres = service("postgres");
        assertEquals("postgres:17", postgres.path("image").asText());
        assertTrue(healthcheckCommand(postgres.path("healthcheck")).contains("pg_isready"), "pg_isready health check");

        List<Path> initScripts = new ArrayList<>();
        for (JsonNode volume : postgres.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts.length >= 2 && parts[1].startsWith("/docker-entrypoint-initdb.d")) {
                initScripts.add(RepoRoot.get().resolve(parts[0]).normalize());
            }
        }
        assertFalse(initScripts.isEmpty(), "postgres must mount an init script into /docker-entrypoint-initdb.d");
        StringBuilder sql = new StringBuilder();
        for (Path script : initScripts) {
            sql.append(Files.readString(script)).append('\n');
        }
        String statements = sql.toString().replaceAll("--[^\n]*", "");
        for (String database : Platform.databases()) {
            assertTrue(Pattern.compile("(?i)CREATE\\s+DATABASE\\s+\"?" + database + "\"?[\\s;]").matcher(statements).find(),
                    "the postgres init script must create database " + database);
        }
    }

    @Test
    void kafkaInitCreatesTheTopicsOfKafkaTopicsConf() {
        JsonNode init = service("kafka-init");
        assertEquals(service("kafka").path("image").asText(), init.path("image").asText(), "kafka-init runs the Kafka image");
        String confTarget = null;
        String scriptTarget = null;
        for (JsonNode volume : init.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[0].equals("./deploy/kafka-topics.conf")) {
                confTarget = parts[1];
            } else if (parts[0].equals("./deploy/scripts/create-kafka-topics.sh")) {
                scriptTarget = parts[1];
            }
        }
        assertTrue(confTarget != null, "kafka-init must mount ./deploy/kafka-topics.conf");
        assertTrue(scriptTarget != null, "kafka-init must mount ./deploy/scripts/create-kafka-topics.sh");
        String commandLine = commandText(init.path("entrypoint")) + " " + commandText(init.path("command"));
        assertTrue(commandLine.contains(scriptTarget), "kafka-init must run " + scriptTarget + ": " + commandLine);
        assertTrue(commandLine.contains(confTarget), "kafka-init must read " + confTarget + ": " + commandLine);
        assertTrue(commandLine.contains("kafka:" + Platform.KAFKA_PORT), "kafka-init must talk to kafka:" + Platform.KAFKA_PORT);
    }

    /**
     * Runs deploy/scripts/create-kafka-topics.sh, as kafka-init does, with a stand-in for kafka-topics.sh that records
     * its arguments: it must ask for exactly the declared topics, partitions and cleanup policies.
     */
    @Test
    void theTopicScriptCreatesExactlyTheDeclaredTopics(@TempDir Path tmp) throws Exception {
        Path calls = tmp.resolve("calls.txt");
        Path stub = tmp.resolve("kafka-topics.sh");
        Files.writeString(stub, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '" + calls + "'\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));

        Process process = topicScript(stub, "kafka:9092", RepoRoot.resolve("deploy/kafka-topics.conf"));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "create-kafka-topics.sh did not finish");
        assertEquals(0, process.exitValue(), "create-kafka-topics.sh failed:\n" + output);

        List<String> expected = new ArrayList<>();
        for (Topic topic : Platform.declaredTopics()) {
            expected.add("--bootstrap-server kafka:9092 --create --if-not-exists --topic " + topic.name() + " --partitions "
                    + topic.partitions() + " --replication-factor 1 --config cleanup.policy=" + topic.cleanupPolicy());
        }
        assertEquals(expected, Files.readAllLines(calls));
    }

    @Test
    void theTopicScriptRejectsAMalformedDeclarationBeforeCreatingAnything(@TempDir Path tmp) throws Exception {
        Path calls = tmp.resolve("calls.txt");
        Path stub = tmp.resolve("kafka-topics.sh");
        Files.writeString(stub, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '" + calls + "'\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path conf = tmp.resolve("bad.conf");
        Files.writeString(conf, "good.topic 3 delete\nbad.topic three delete\n");

        Process process = topicScript(stub, "kafka:9092", conf);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, process.exitValue(), "a malformed line must fail the script:\n" + output);
        assertTrue(output.contains("bad.conf:2"), "the error names the line: " + output);
        assertFalse(Files.exists(calls), "nothing may be created from a malformed declaration");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Process topicScript(Path kafkaTopicsStub, String bootstrap, Path conf) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sh", RepoRoot.resolve("deploy/scripts/create-kafka-topics.sh").toString(),
                bootstrap, conf.toString()).redirectErrorStream(true);
        builder.environment().put("KAFKA_TOPICS_SH", kafkaTopicsStub.toString());
        builder.environment().put("REPLICATION_FACTOR", environment("kafka-init").getOrDefault("REPLICATION_FACTOR", "1"));
        return builder.start();
    }

    private static JsonSchema composeSchema() throws IOException {
        try (InputStream in = DockerComposeTest.class.getResourceAsStream("/compose/compose-spec-subset.json")) {
            assertTrue(in != null, "compose schema missing from the test resources");
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(JSON.readTree(in));
        }
    }

    private static Map<String, JsonNode> services() {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        compose.path("services").fields().forEachRemaining(e -> services.put(e.getKey(), e.getValue()));
        return services;
    }

    private static JsonNode service(String name) {
        JsonNode service = compose.path("services").get(name);
        if (service == null) {
            fail("docker-compose.yml has no service " + name);
        }
        return service;
    }

    /** The environment of a service, from either Compose form (mapping or KEY=VALUE list). */
    private static Map<String, String> environment(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode environment = service(name).path("environment");
        if (environment.isObject()) {
            environment.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        } else {
            for (JsonNode entry : environment) {
                String[] kv = entry.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return env;
    }

    /** ${VAR:-default} gives default; a plain value gives itself. */
    private static String interpolationDefault(String value) {
        if (value == null) {
            return null;
        }
        Matcher matcher = Pattern.compile("^\\$\\{[A-Z0-9_]+:?-(.*)}$").matcher(value);
        return matcher.matches() ? matcher.group(1) : value;
    }

    record PortMapping(String hostIp, int published, int target) {
    }

    /** Ports in short syntax ([HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]) or long syntax. */
    private static List<PortMapping> ports(String name) {
        List<PortMapping> ports = new ArrayList<>();
        for (JsonNode port : service(name).path("ports")) {
            if (port.isObject()) {
                ports.add(new PortMapping(port.path("host_ip").asText(""), port.path("published").asInt(),
                        port.path("target").asInt()));
                continue;
            }
            String[] parts = port.asText().replaceFirst("/(tcp|udp)$", "").split(":");
            switch (parts.length) {
                case 1 -> ports.add(new PortMapping("", Integer.parseInt(parts[0]), Integer.parseInt(parts[0])));
                case 2 -> ports.add(new PortMapping("", Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
                case 3 -> ports.add(new PortMapping(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
                default -> fail(name + ": cannot read port " + port.asText());
            }
        }
        return ports;
    }

    private static String healthcheckCommand(JsonNode healthcheck) {
        JsonNode test = healthcheck.path("test");
        assertFalse(test.isMissingNode(), "no healthcheck test");
        if (test.isArray()) {
            String kind = test.path(0).asText();
            assertTrue(kind.equals("CMD") || kind.equals("CMD-SHELL"), "a healthcheck test list starts with CMD or CMD-SHELL");
        }
        return commandText(test);
    }

    private static String commandText(JsonNode command) {
        if (command.isArray()) {
            List<String> parts = new ArrayList<>();
            command.forEach(part -> parts.add(part.asText()));
            return String.join(" ", parts);
        }
        return Optional.ofNullable(command.textValue()).orElse("");
    }
}
