package io.hop.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.hop.deploy.Platform.ServiceSpec;
import io.hop.testing.infra.KafkaTopicDeclarations.Topic;

/**
 * The Kubernetes manifests of deploy/: the base and both overlays rendered with {@code kubectl kustomize}, every
 * core object read strictly into the fabric8 model, the Strimzi and CloudNativePG resources checked field by field,
 * and the platform's rules checked on the result: probes, ports, configuration, replicas, disruption budgets,
 * autoscalers, topics (equal to deploy/kafka-topics.conf), databases and token verification.
 */
class DeployManifestsTest {

    private static final String STRIMZI = "kafka.strimzi.io/v1beta2";
    private static final String CNPG = "postgresql.cnpg.io/v1";

    /** Custom resources each render may contain, by apiVersion/kind. */
    private static final Map<String, Set<String>> CUSTOM_KINDS = Map.of(
            "base", Set.of(),
            "local", Set.of(),
            "production", Set.of(STRIMZI + "/Kafka", STRIMZI + "/KafkaNodePool", STRIMZI + "/KafkaTopic",
                    CNPG + "/Cluster", CNPG + "/Database"));

    private static final Map<String, String> NAMESPACE = Map.of("base", "", "local", "hop-local", "production", "hop");

    /** ConfigMaps mounted in the local overlay that apply.sh creates from the single declarations (see its kustomization). */
    private static final Set<String> LOCAL_EXTERNAL_CONFIGMAPS = Set.of("hop-local-declarations");

    // ------------------------------------------------------------------------------------------------ every render

    @ParameterizedTest
    @ValueSource(strings = {"base", "local", "production"})
    void rendersAndEveryObjectIsValid(String overlay) {
        Rendered render = Rendered.of(overlay);
        List<String> problems = new ArrayList<>(render.problems());
        Set<String> identities = new HashSet<>();
        for (JsonNode document : render.documents()) {
            String key = StrictKubernetes.key(document);
            String name = document.path("metadata").path("name").asText("");
            if (name.isEmpty()) {
                problems.add(key + " without metadata.name");
            }
            if (!identities.add(key + " " + document.path("metadata").path("namespace").asText() + "/" + name)) {
                problems.add("duplicate " + key + " " + name);
            }
            if (!StrictKubernetes.isCoreKind(document) && !CUSTOM_KINDS.get(overlay).contains(key)) {
                problems.add("unexpected kind " + key + " (" + name + ")");
            }
        }
        assertFalse(render.documents().isEmpty(), overlay + " renders nothing");
        assertTrue(problems.isEmpty(), () -> overlay + ":\n  " + String.join("\n  ", problems));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "local", "production"})
    void deploysTheFiveServicesAndThePartnerHostWithProbesResourcesAndNonRootSecurity(String overlay) {
        Rendered render = Rendered.of(overlay);
        Set<String> deployed = new TreeSet<>();
        render.all(Deployment.class).forEach(d -> deployed.add(d.getMetadata().getName()));
        assertEquals(new TreeSet<>(Platform.SERVICES.stream().map(ServiceSpec::name).toList()), deployed,
                overlay + ": the Deployments are the five services and plugin-host-partner");

        for (ServiceSpec spec : Platform.SERVICES) {
            Deployment deployment = render.get(Deployment.class, spec.name());
            String where = overlay + "/" + spec.name();
            PodTemplateSpec template = deployment.getSpec().getTemplate();
            assertTrue(labelsInclude(template.getMetadata().getLabels(), deployment.getSpec().getSelector().getMatchLabels()),
                    where + ": the selector must match the pod template's labels");

            List<Container> containers = template.getSpec().getContainers();
            assertEquals(1, containers.size(), where + ": one container");
            Container container = containers.get(0);
            assertEquals(List.of(spec.port()), container.getPorts().stream().map(ContainerPort::getContainerPort).toList(),
                    where + ": the container listens on the contract port");

            assertHttpProbe(where + " liveness", container.getLivenessProbe(), "/q/health/live", container, spec.port());
            assertHttpProbe(where + " readiness", container.getReadinessProbe(), "/q/health/ready", container, spec.port());
            if (container.getStartupProbe() != null) {
                assertHttpProbe(where + " startup", container.getStartupProbe(), "/q/health/live", container, spec.port());
            }

            assertRequestsWithinLimits(where, container.getResources());

            PodSecurityContext pod = template.getSpec().getSecurityContext();
            SecurityContext own = container.getSecurityContext();
            assertNotNull(pod, where + ": a pod securityContext");
            assertNotNull(own, where + ": a container securityContext");
            assertEquals(Boolean.TRUE, first(own.getRunAsNonRoot(), pod.getRunAsNonRoot()), where + ": runAsNonRoot");
            Long uid = first(own.getRunAsUser(), pod.getRunAsUser());
            assertTrue(uid == null || uid != 0, where + ": never uid 0");
            assertEquals(Boolean.FALSE, own.getAllowPrivilegeEscalation(), where + ": allowPrivilegeEscalation false");
            assertTrue(own.getCapabilities() != null && own.getCapabilities().getDrop().contains("ALL"), where + ": drops ALL capabilities");

            Map<String, String> annotations = template.getMetadata().getAnnotations();
            assertNotNull(annotations, where + ": Prometheus scrape annotations");
            assertEquals("true", annotations.get("prometheus.io/scrape"), where + ": prometheus.io/scrape");
            assertEquals("/q/metrics", annotations.get("prometheus.io/path"), where + ": prometheus.io/path");
            assertEquals(String.valueOf(spec.port()), annotations.get("prometheus.io/port"), where + ": prometheus.io/port");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "local", "production"})
    void deploymentsReadTheirConfigurationFromAConfigMapAndASecretOfTheRender(String overlay) {
        Rendered render = Rendered.of(overlay);
        for (ServiceSpec spec : Platform.SERVICES) {
            String where = overlay + "/" + spec.name();
            Container container = render.get(Deployment.class, spec.name()).getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, String> env = environment(render, where, container);

            assertEquals(String.valueOf(spec.port()), env.get("QUARKUS_HTTP_PORT"), where);
            JdbcUrl jdbc = JdbcUrl.parse(env.get("QUARKUS_DATASOURCE_JDBC_URL"), where);
            assertEquals(spec.database(), jdbc.database(), where + ": its own database");
            assertEquals(Platform.POSTGRES_PORT, jdbc.port(), where + ": PostgreSQL port");
            for (String key : List.of("QUARKUS_DATASOURCE_USERNAME", "KAFKA_BOOTSTRAP_SERVERS", "MP_JWT_VERIFY_ISSUER",
                    "MP_JWT_VERIFY_PUBLICKEY_LOCATION")) {
                assertFalse(env.getOrDefault(key, "").isBlank(), where + ": " + key + " must be set");
            }
            assertTrue(env.get("KAFKA_BOOTSTRAP_SERVERS").endsWith(":" + Platform.KAFKA_PORT), where + ": Kafka port");
            // The password comes from a Secret, never from a ConfigMap.
            boolean passwordFromSecret = container.getEnvFrom().stream()
                    .filter(source -> source.getSecretRef() != null)
                    .anyMatch(source -> render.secretData(source.getSecretRef().getName()).containsKey("QUARKUS_DATASOURCE_PASSWORD"));
            assertTrue(passwordFromSecret, where + ": QUARKUS_DATASOURCE_PASSWORD must come from a Secret");
        }
        for (ConfigMap configMap : render.all(ConfigMap.class)) {
            if (configMap.getData() != null) {
                configMap.getData().keySet().forEach(key -> assertFalse(key.toUpperCase().contains("PASSWORD"),
                        overlay + ": ConfigMap " + configMap.getMetadata().getName() + " holds a password (" + key + ")"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "local", "production"})
    void everyServiceSelectsOneWorkloadAndTargetsAPortItListensOn(String overlay) {
        Rendered render = Rendered.of(overlay);
        List<String> problems = new ArrayList<>();
        for (Service service : render.all(Service.class)) {
            String where = overlay + ": Service " + service.getMetadata().getName();
            Map<String, String> selector = service.getSpec().getSelector();
            if (selector == null || selector.isEmpty()) {
                problems.add(where + " selects nothing");
                continue;
            }
            List<PodTemplateSpec> selected = podTemplates(render).entrySet().stream()
                    .filter(e -> labelsInclude(e.getValue().getMetadata().getLabels(), selector))
                    .map(Map.Entry::getValue).toList();
            if (selected.size() != 1) {
                problems.add(where + " selects " + selected.size() + " workloads, not one");
                continue;
            }
            List<Container> containers = selected.get(0).getSpec().getContainers();
            for (ServicePort port : service.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort();
                boolean listens = containers.stream().anyMatch(c -> resolvePort(c, target) != null);
                if (!listens) {
                    problems.add(where + " port " + port.getPort() + " targets " + target + ", which no container declares");
                }
            }
        }
        for (ServiceSpec spec : Platform.SERVICES) {
            Service service = render.get(Service.class, spec.name());
            assertEquals(List.of(spec.port()), service.getSpec().getPorts().stream().map(ServicePort::getPort).toList(),
                    overlay + ": Service " + spec.name() + " serves the contract port");
            Deployment deployment = render.get(Deployment.class, spec.name());
            assertTrue(labelsInclude(deployment.getSpec().getTemplate().getMetadata().getLabels(), service.getSpec().getSelector()),
                    overlay + ": Service " + spec.name() + " selects the Deployment " + spec.name());
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals(spec.port(), resolvePort(container, service.getSpec().getPorts().get(0).getTargetPort()),
                    overlay + ": Service " + spec.name() + " targets the container's contract port");
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "local", "production"})
    void everyMountedConfigMapOrSecretIsInTheRender(String overlay) {
        Rendered render = Rendered.of(overlay);
        Set<String> external = overlay.equals("local") ? LOCAL_EXTERNAL_CONFIGMAPS : Set.of();
        Set<String> externalUsed = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        podTemplates(render).forEach((workload, template) -> {
            PodSpec pod = template.getSpec();
            for (Volume volume : pod.getVolumes()) {
                ConfigMapVolumeSource configMap = volume.getConfigMap();
                if (configMap != null) {
                    if (external.contains(configMap.getName())) {
                        externalUsed.add(configMap.getName());
                    } else if (render.find(ConfigMap.class, configMap.getName()).isEmpty()) {
                        problems.add(workload + " mounts ConfigMap " + configMap.getName() + ", which is not in the render");
                    }
                }
                if (volume.getSecret() != null && render.find(Secret.class, volume.getSecret().getSecretName()).isEmpty()) {
                    problems.add(workload + " mounts Secret " + volume.getSecret().getSecretName() + ", which is not in the render");
                }
            }
            for (Container container : pod.getContainers()) {
                for (EnvFromSource source : container.getEnvFrom()) {
                    if (source.getConfigMapRef() != null && render.find(ConfigMap.class, source.getConfigMapRef().getName()).isEmpty()) {
                        problems.add(workload + " reads ConfigMap " + source.getConfigMapRef().getName() + ", not in the render");
                    }
                    if (source.getSecretRef() != null && render.find(Secret.class, source.getSecretRef().getName()).isEmpty()) {
                        problems.add(workload + " reads Secret " + source.getSecretRef().getName() + ", not in the render");
                    }
                }
            }
        });
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        assertEquals(external, externalUsed, overlay + ": ConfigMaps created outside the overlay");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "local", "production"})
    void everyObjectIsInTheOverlaysNamespace(String overlay) {
        Rendered render = Rendered.of(overlay);
        String namespace = NAMESPACE.get(overlay);
        for (JsonNode document : render.documents()) {
            String kind = document.path("kind").asText();
            String actual = document.path("metadata").path("namespace").asText("");
            if (kind.equals("Namespace")) {
                assertEquals(namespace, document.path("metadata").path("name").asText(), overlay + ": the Namespace object");
                assertEquals("", actual);
            } else {
                assertEquals(namespace, actual, overlay + ": namespace of " + kind + " " + document.path("metadata").path("name").asText());
            }
        }
        if (!namespace.isEmpty()) {
            assertTrue(render.find(Namespace.class, namespace).isPresent(), overlay + " creates its namespace " + namespace);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "local", "production"})
    void partnerHostRunsThePartnerPluginsUnderItsOwnConsumerGroupsAndOffloadAsksBothHosts(String overlay) {
        Rendered render = Rendered.of(overlay);
        ServiceSpec spec = Platform.PLUGIN_HOST_PARTNER;
        Container partner = render.get(Deployment.class, spec.name()).getSpec().getTemplate().getSpec().getContainers().get(0);
        Container host = render.get(Deployment.class, "plugin-host").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(host.getImage(), partner.getImage(), overlay + ": plugin-host-partner runs plugin-host's image");
        Map<String, String> env = environment(render, overlay + "/" + spec.name(), partner);
        Map<String, String> hostEnv = environment(render, overlay + "/plugin-host", host);
        assertEquals("/deployments/partner-plugins", env.get("HOP_PLUGIN_HOST_PLUGINS_DIR"), overlay + ": partner plugins");
        assertEquals(spec.name(), env.get("HOP_CONSUMER_GROUP"), overlay + ": its own consumer groups");
        assertFalse(spec.name().equals(hostEnv.getOrDefault("HOP_CONSUMER_GROUP", "plugin-host")));
        assertEquals("/hop/" + spec.name(), env.get("HOP_EVENTS_SOURCE"), overlay + ": its events name it as their source");

        Container offload = render.get(Deployment.class, "offload-service").getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> offloadEnv = environment(render, overlay + "/offload-service", offload);
        List<String> hosts = List.of(offloadEnv.get("PLUGIN_HOST_URL"), offloadEnv.get("PLUGIN_HOST_PARTNER_URL"));
        assertEquals(List.of("http://plugin-host:8083", "http://plugin-host-partner:8085"), hosts,
                overlay + ": offload-service asks both plugin hosts");
        for (String url : hosts) {
            Matcher m = Pattern.compile("^http://([^:/]+):(\\d+)$").matcher(url);
            assertTrue(m.matches(), url);
            assertServiceListens(render, m.group(1), Integer.parseInt(m.group(2)), overlay + ": plugin host " + url);
        }
    }

    // ------------------------------------------------------------------------------------------------ local

    @Test
    void localRunsOneReplicaOfTheComposeImagesAgainstInClusterKafkaAndPostgres() throws IOException {
        Rendered local = Rendered.of("local");
        JsonNode compose = new YAMLMapper().readTree(RepoRoot.resolve("docker-compose.yml").toFile());
        for (ServiceSpec spec : Platform.SERVICES) {
            Deployment deployment = local.get(Deployment.class, spec.name());
            assertEquals(1, deployment.getSpec().getReplicas(), "local: one replica of " + spec.name());
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals(compose.path("services").path(spec.name()).path("image").asText(), container.getImage(),
                    "local: runs the image docker-compose builds for " + spec.name());

            Map<String, String> env = environment(local, "local/" + spec.name(), container);
            String kafkaHost = env.get("KAFKA_BOOTSTRAP_SERVERS").split(":")[0];
            assertServiceListens(local, kafkaHost, Platform.KAFKA_PORT, "local: Kafka of " + spec.name());
            JdbcUrl jdbc = JdbcUrl.parse(env.get("QUARKUS_DATASOURCE_JDBC_URL"), spec.name());
            assertServiceListens(local, jdbc.host(), jdbc.port(), "local: PostgreSQL of " + spec.name());
            assertEquals(Platform.DEV_ISSUER, env.get("MP_JWT_VERIFY_ISSUER"), "local: development tokens");
            assertEquals("true", env.get("HOP_SECURITY_ALLOW_DEVELOPMENT_KEY"), "local: development key explicitly allowed");
        }
        StatefulSet kafka = local.get(StatefulSet.class, "kafka");
        assertEquals(compose.path("services").path("kafka").path("image").asText(),
                kafka.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(), "local Kafka = compose Kafka");
        StatefulSet postgres = local.get(StatefulSet.class, "postgres");
        assertEquals(compose.path("services").path("postgres").path("image").asText(),
                postgres.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(), "local PostgreSQL = compose PostgreSQL");
    }

    @Test
    void localCreatesTopicsAndDatabasesFromTheSingleDeclarations() throws IOException {
        Rendered local = Rendered.of("local");
        // apply.sh creates the ConfigMap from deploy/ files: each key the overlay mounts must come from the right file.
        String apply = Files.readString(local.dir().resolve("apply.sh"));
        Map<String, String> keys = new HashMap<>();
        Matcher fromFile = Pattern.compile("--from-file=([\\w.-]+)=\"\\$deploy/([^\"]+)\"").matcher(apply);
        while (fromFile.find()) {
            keys.put(fromFile.group(1), fromFile.group(2));
            assertTrue(Files.isRegularFile(RepoRoot.resolve("deploy/" + fromFile.group(2))), "apply.sh reads a missing file " + fromFile.group(2));
        }
        assertTrue(apply.contains("create configmap hop-local-declarations"), "apply.sh creates hop-local-declarations");
        assertEquals(Map.of("kafka-topics.conf", "kafka-topics.conf", "create-kafka-topics.sh", "scripts/create-kafka-topics.sh",
                "create-databases.sql", "scripts/create-databases.sql"), keys, "apply.sh: keys of hop-local-declarations");

        Job topics = local.get(Job.class, "kafka-topics");
        PodSpec pod = topics.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        String command = String.join(" ", container.getCommand());
        Volume declarations = pod.getVolumes().stream().filter(v -> v.getConfigMap() != null).findFirst().orElseThrow();
        String mountPath = container.getVolumeMounts().stream().filter(m -> m.getName().equals(declarations.getName()))
                .findFirst().orElseThrow().getMountPath();
        assertEquals("/bin/sh " + mountPath + "/create-kafka-topics.sh kafka:" + Platform.KAFKA_PORT + " " + mountPath
                + "/kafka-topics.conf", command, "local kafka-topics Job command");
        assertTrue(keys.keySet().containsAll(declarations.getConfigMap().getItems().stream().map(i -> i.getKey()).toList()));

        StatefulSet postgres = local.get(StatefulSet.class, "postgres");
        Volume initdb = postgres.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getConfigMap() != null).findFirst().orElseThrow();
        assertEquals(List.of("create-databases.sql"), initdb.getConfigMap().getItems().stream().map(i -> i.getKey()).toList());
        assertTrue(postgres.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts().stream()
                .anyMatch(m -> m.getName().equals(initdb.getName()) && m.getMountPath().equals("/docker-entrypoint-initdb.d")),
                "local postgres runs create-databases.sql at its first start");
    }

    // ------------------------------------------------------------------------------------------------ production

    @Test
    void productionRunsAtLeastTwoReplicasWithADisruptionBudgetAndAnAutoscalerEach() {
        Rendered production = Rendered.of("production");
        for (ServiceSpec spec : Platform.SERVICES) {
            Deployment deployment = production.get(Deployment.class, spec.name());
            int replicas = deployment.getSpec().getReplicas();
            assertTrue(replicas >= 2, "production: " + spec.name() + " runs " + replicas + " replicas, at least 2 wanted");
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

            List<PodDisruptionBudget> budgets = production.all(PodDisruptionBudget.class).stream()
                    .filter(p -> labelsInclude(podLabels, p.getSpec().getSelector().getMatchLabels())).toList();
            assertEquals(1, budgets.size(), "production: one PodDisruptionBudget selects " + spec.name());
            PodDisruptionBudget budget = budgets.get(0);
            IntOrString minAvailable = budget.getSpec().getMinAvailable();
            IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
            assertTrue(minAvailable != null ^ maxUnavailable != null, spec.name() + ": PDB sets minAvailable or maxUnavailable");
            if (minAvailable != null && minAvailable.getIntVal() != null) {
                assertTrue(minAvailable.getIntVal() >= 1 && minAvailable.getIntVal() < replicas,
                        spec.name() + ": PDB minAvailable must keep a pod and still let a node drain");
            }

            List<HorizontalPodAutoscaler> autoscalers = production.all(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(spec.name())).toList();
            assertEquals(1, autoscalers.size(), "production: one HorizontalPodAutoscaler scales " + spec.name());
            HorizontalPodAutoscaler hpa = autoscalers.get(0);
            assertEquals("apps/v1", hpa.getSpec().getScaleTargetRef().getApiVersion());
            assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
            assertTrue(hpa.getSpec().getMinReplicas() >= 2, spec.name() + ": HPA minReplicas >= 2");
            assertTrue(hpa.getSpec().getMaxReplicas() > hpa.getSpec().getMinReplicas(), spec.name() + ": HPA can scale up");
            assertTrue(replicas >= hpa.getSpec().getMinReplicas() && replicas <= hpa.getSpec().getMaxReplicas(),
                    spec.name() + ": the Deployment's replicas lie within the HPA's range");
            assertFalse(hpa.getSpec().getMetrics().isEmpty(), spec.name() + ": HPA metrics");
            hpa.getSpec().getMetrics().stream().filter(m -> m.getResource() != null).forEach(metric -> assertNotNull(
                    deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests()
                            .get(metric.getResource().getName()),
                    spec.name() + ": HPA on " + metric.getResource().getName() + " needs a request for it"));
        }
    }

    /** The check deploy/kafka-topics.conf refers to: its topics and the KafkaTopic resources must be the same. */
    @Test
    void productionKafkaTopicsEqualKafkaTopicsConf() throws IOException {
        Set<Topic> declared = new HashSet<>(Platform.declaredTopics());
        assertEquals(Platform.declaredTopics().size(), declared.size(), "kafka-topics.conf declares a topic twice");

        // The hand-kept file itself, as written ...
        List<JsonNode> fileTopics = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class)
                .readValues(RepoRoot.resolve("deploy/overlays/production/kafka-topics.yaml").toFile())) {
            it.forEachRemaining(d -> {
                if (d != null && !d.isNull()) {
                    fileTopics.add(d);
                }
            });
        }
        fileTopics.forEach(d -> assertEquals(STRIMZI + "/KafkaTopic", StrictKubernetes.key(d), "kafka-topics.yaml holds KafkaTopic resources only"));
        assertEquals(topicsByName(declared), topicsByName(kafkaTopics(fileTopics)),
                "deploy/overlays/production/kafka-topics.yaml must declare exactly the topics of deploy/kafka-topics.conf");

        // ... and what production deploys.
        Rendered production = Rendered.of("production");
        List<JsonNode> rendered = production.custom(STRIMZI, "KafkaTopic");
        assertEquals(topicsByName(declared), topicsByName(kafkaTopics(rendered)),
                "the production render must declare exactly the topics of deploy/kafka-topics.conf");

        String cluster = production.custom(STRIMZI, "Kafka").get(0).path("metadata").path("name").asText();
        int brokers = nodePools(production, "broker").stream().mapToInt(p -> p.path("spec").path("replicas").asInt()).sum();
        for (JsonNode topic : rendered) {
            String name = topicName(topic);
            assertEquals(cluster, topic.path("metadata").path("labels").path("strimzi.io/cluster").asText(),
                    "KafkaTopic " + name + " must be labelled for the Kafka cluster " + cluster);
            assertAllowedKeys(topic.path("spec"), Set.of("topicName", "partitions", "replicas", "config"), "KafkaTopic " + name + " spec");
            int replicas = topic.path("spec").path("replicas").asInt(-1);
            assertTrue(replicas >= 1 && replicas <= brokers, "KafkaTopic " + name + ": replicas " + replicas + " for " + brokers + " brokers");
            int minIsr = topic.path("spec").path("config").path("min.insync.replicas").asInt(1);
            assertTrue(minIsr < replicas || replicas == 1, "KafkaTopic " + name + ": min.insync.replicas below replicas");
        }
    }

    @Test
    void productionKafkaIsAStrimziKraftClusterWithNodePools() throws IOException {
        Rendered production = Rendered.of("production");
        List<JsonNode> clusters = production.custom(STRIMZI, "Kafka");
        assertEquals(1, clusters.size(), "production: one Strimzi Kafka");
        JsonNode kafka = clusters.get(0);
        String name = kafka.path("metadata").path("name").asText();
        JsonNode spec = kafka.path("spec");
        assertTrue(spec.path("zookeeper").isMissingNode(), "KRaft: no ZooKeeper");
        assertAllowedKeys(spec, Set.of("kafka", "entityOperator", "cruiseControl", "kafkaExporter", "clusterCa", "clientsCa",
                "maintenanceTimeWindows"), "Kafka spec");
        assertAllowedKeys(spec.path("kafka"), Set.of("version", "metadataVersion", "listeners", "config", "authorization",
                "rack", "template", "metricsConfig", "logging", "jvmOptions", "resources"), "Kafka spec.kafka (replicas and storage belong to node pools)");
        assertEquals("enabled", kafka.path("metadata").path("annotations").path("strimzi.io/node-pools").asText(), "node pools");
        assertEquals("enabled", kafka.path("metadata").path("annotations").path("strimzi.io/kraft").asText(), "KRaft");
        assertEquals(Platform.kafkaVersion(), spec.path("kafka").path("version").asText(),
                "Kafka version = the kafka.version of the root pom (the services' clients)");
        assertTrue(spec.path("entityOperator").has("topicOperator"), "the Topic Operator manages the KafkaTopic resources");

        JsonNode plain = null;
        for (JsonNode listener : spec.path("kafka").path("listeners")) {
            if (listener.path("port").asInt() == Platform.KAFKA_PORT) {
                plain = listener;
            }
        }
        assertNotNull(plain, "a listener on " + Platform.KAFKA_PORT);
        assertEquals("internal", plain.path("type").asText());
        assertFalse(plain.path("tls").asBoolean(true), "the services connect without TLS on " + Platform.KAFKA_PORT);

        List<JsonNode> controllers = nodePools(production, "controller");
        List<JsonNode> brokers = nodePools(production, "broker");
        int controllerCount = controllers.stream().mapToInt(p -> p.path("spec").path("replicas").asInt()).sum();
        assertTrue(controllerCount >= 3 && controllerCount % 2 == 1, "an odd KRaft quorum of at least 3 controllers: " + controllerCount);
        assertTrue(brokers.stream().mapToInt(p -> p.path("spec").path("replicas").asInt()).sum() >= 3, "at least 3 brokers");
        for (JsonNode pool : production.custom(STRIMZI, "KafkaNodePool")) {
            String poolName = pool.path("metadata").path("name").asText();
            assertEquals(name, pool.path("metadata").path("labels").path("strimzi.io/cluster").asText(), "node pool " + poolName + " cluster label");
            assertTrue(pool.path("spec").path("storage").has("type"), "node pool " + poolName + " storage");
        }
        int minIsr = spec.path("kafka").path("config").path("min.insync.replicas").asInt(1);
        int replication = spec.path("kafka").path("config").path("default.replication.factor").asInt(1);
        assertTrue(minIsr < replication, "min.insync.replicas < default.replication.factor, so one broker may be down");
        assertEquals(Boolean.FALSE, spec.path("kafka").path("config").path("auto.create.topics.enable").booleanValue(),
                "topics are declared, not auto-created");

        for (ServiceSpec service : Platform.SERVICES) {
            Container container = production.get(Deployment.class, service.name()).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals(name + "-kafka-bootstrap:" + Platform.KAFKA_PORT,
                    environment(production, service.name(), container).get("KAFKA_BOOTSTRAP_SERVERS"),
                    service.name() + ": the bootstrap Service Strimzi creates for " + name);
        }
    }

    @Test
    void productionPostgresIsACloudNativePgClusterWithEveryServicesDatabase() {
        Rendered production = Rendered.of("production");
        List<JsonNode> clusters = production.custom(CNPG, "Cluster");
        assertEquals(1, clusters.size(), "production: one CloudNativePG Cluster");
        JsonNode cluster = clusters.get(0);
        String clusterName = cluster.path("metadata").path("name").asText();
        assertTrue(cluster.path("spec").path("instances").asInt() >= 2, "PostgreSQL with a standby: instances >= 2");
        assertFalse(cluster.path("spec").path("storage").path("size").asText("").isEmpty(), "Cluster storage.size");

        Map<String, String> rolePasswordSecrets = new TreeMap<>();
        for (JsonNode role : cluster.path("spec").path("managed").path("roles")) {
            assertTrue(role.path("login").asBoolean(false), "role " + role.path("name").asText() + " can log in");
            rolePasswordSecrets.put(role.path("name").asText(), role.path("passwordSecret").path("name").asText());
        }

        Map<String, String> owners = new TreeMap<>();
        for (JsonNode database : production.custom(CNPG, "Database")) {
            JsonNode spec = database.path("spec");
            assertAllowedKeys(spec, Set.of("name", "owner", "cluster", "ensure", "databaseReclaimPolicy", "encoding", "locale",
                    "template", "extensions", "schemas"), "Database " + database.path("metadata").path("name").asText());
            assertEquals(clusterName, spec.path("cluster").path("name").asText(), "Database " + spec.path("name").asText() + " cluster");
            assertTrue(spec.path("ensure").asText("present").equals("present"));
            owners.put(spec.path("name").asText(), spec.path("owner").asText());
        }
        assertEquals(new TreeSet<>(Platform.databases()), owners.keySet(), "production: the five databases of the contract and plugin-host-partner's");

        for (ServiceSpec service : Platform.SERVICES) {
            Container container = production.get(Deployment.class, service.name()).getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, String> env = environment(production, service.name(), container);
            JdbcUrl jdbc = JdbcUrl.parse(env.get("QUARKUS_DATASOURCE_JDBC_URL"), service.name());
            assertEquals(clusterName + "-rw", jdbc.host(), service.name() + ": the read-write Service of " + clusterName);
            String owner = owners.get(service.database());
            assertEquals(owner, env.get("QUARKUS_DATASOURCE_USERNAME"), service.name() + ": logs in as the owner of " + service.database());
            String secretName = rolePasswordSecrets.get(owner);
            assertNotNull(secretName, "role " + owner + " is managed by the Cluster, with a password Secret");
            Secret roleSecret = production.get(Secret.class, secretName);
            assertEquals("kubernetes.io/basic-auth", roleSecret.getType(), secretName + ": CloudNativePG reads basic-auth Secrets");
            Map<String, String> role = Rendered.secretValues(roleSecret);
            assertEquals(owner, role.get("username"), secretName + ": username");
            assertEquals(role.get("password"), env.get("QUARKUS_DATASOURCE_PASSWORD"),
                    service.name() + ": its database password must equal the one of role " + owner + " (" + secretName + ")");
        }
    }

    @Test
    void productionVerifiesTokensOfAConfigurableOidcProvider() {
        Rendered production = Rendered.of("production");
        for (ServiceSpec spec : Platform.SERVICES) {
            Container container = production.get(Deployment.class, spec.name()).getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, String> env = environment(production, spec.name(), container);
            String issuer = env.get("MP_JWT_VERIFY_ISSUER");
            String keys = env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
            assertTrue(issuer.startsWith("https://") && !issuer.equals(Platform.DEV_ISSUER),
                    spec.name() + ": production trusts a real OIDC issuer, not " + issuer);
            assertTrue(keys.startsWith("https://") && !keys.contains("dev-jwt"),
                    spec.name() + ": production verifies with the provider's JWKS, not " + keys);
            assertTrue(keys.startsWith(issuer.replaceAll("/+$", "")) || keys.contains("jwks") || keys.contains("certs"),
                    spec.name() + ": the JWKS URL belongs to the issuer");
            assertTrue(env.get("HOP_SECURITY_ALLOW_DEVELOPMENT_KEY") == null,
                    spec.name() + ": production never allows the development key");
        }
    }

    @Test
    void productionImagesComeFromARegistryWithAReleaseTag() {
        Rendered production = Rendered.of("production");
        for (ServiceSpec spec : Platform.SERVICES) {
            String image = production.get(Deployment.class, spec.name()).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
            Matcher matcher = Pattern.compile("^([^/]+\\.[^/]+)/.+/" + Pattern.quote(spec.module()) + ":([^:/@]+)$").matcher(image);
            assertTrue(matcher.matches(), spec.name() + ": production image from a registry, with a tag: " + image);
            String tag = matcher.group(2);
            assertFalse(tag.equals("latest") || tag.equals("dev") || tag.contains("SNAPSHOT"), spec.name() + ": a release tag, not " + tag);
        }
    }

    // ------------------------------------------------------------------------------------------------ the validator itself

    @Test
    void strictReadingRejectsMisspeltAndMisplacedFields() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode deployment = yaml.readTree(RepoRoot.resolve("deploy/base/usage-service/deployment.yaml").toFile());
        StrictKubernetes.read(deployment);

        JsonNode misspelt = deployment.deepCopy();
        ((ObjectNode) misspelt.at("/spec/template/spec/containers/0")).putObject("livenesProbe");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> StrictKubernetes.read(misspelt));
        assertTrue(error.getMessage().contains("livenesProbe"), error.getMessage());

        JsonNode misplaced = deployment.deepCopy();
        ((ObjectNode) misplaced.at("/spec")).put("envFrom", "x");
        assertThrows(IllegalArgumentException.class, () -> StrictKubernetes.read(misplaced));

        JsonNode unquoted = yaml.readTree(RepoRoot.resolve("deploy/base/usage-service/configmap.yaml").toFile()).deepCopy();
        StrictKubernetes.read(unquoted);
        ((ObjectNode) unquoted.path("data")).put("QUARKUS_HTTP_PORT", 8084);
        assertThrows(IllegalArgumentException.class, () -> StrictKubernetes.read(unquoted), "ConfigMap data values are strings");

        JsonNode wrongApi = deployment.deepCopy();
        ((ObjectNode) wrongApi).put("apiVersion", "extensions/v1beta1");
        assertThrows(IllegalArgumentException.class, () -> StrictKubernetes.read(wrongApi));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    record JdbcUrl(String host, int port, String database) {
        static JdbcUrl parse(String url, String where) {
            assertNotNull(url, where + ": QUARKUS_DATASOURCE_JDBC_URL");
            Matcher matcher = Pattern.compile("^jdbc:postgresql://([^:/]+):(\\d+)/([^?/]+)(\\?.*)?$").matcher(url);
            assertTrue(matcher.matches(), where + ": not a PostgreSQL JDBC URL with host, port and database: " + url);
            return new JdbcUrl(matcher.group(1), Integer.parseInt(matcher.group(2)), matcher.group(3));
        }
    }

    /** The environment a container gets from its envFrom sources, failing if a key comes from two sources. */
    private static Map<String, String> environment(Rendered render, String where, Container container) {
        List<EnvFromSource> sources = container.getEnvFrom();
        assertTrue(sources.stream().anyMatch(s -> s.getConfigMapRef() != null), where + ": envFrom a ConfigMap");
        assertTrue(sources.stream().anyMatch(s -> s.getSecretRef() != null), where + ": envFrom a Secret");
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> origin = new HashMap<>();
        for (EnvFromSource source : sources) {
            String sourceName;
            Map<String, String> values;
            if (source.getConfigMapRef() != null) {
                sourceName = "ConfigMap " + source.getConfigMapRef().getName();
                assertTrue(render.find(ConfigMap.class, source.getConfigMapRef().getName()).isPresent(),
                        where + ": envFrom " + sourceName + ", which is not in the render");
                values = render.configMapData(source.getConfigMapRef().getName());
            } else {
                sourceName = "Secret " + source.getSecretRef().getName();
                assertTrue(render.find(Secret.class, source.getSecretRef().getName()).isPresent(),
                        where + ": envFrom " + sourceName + ", which is not in the render");
                values = render.secretData(source.getSecretRef().getName());
            }
            String prefix = Objects.requireNonNullElse(source.getPrefix(), "");
            for (Map.Entry<String, String> entry : values.entrySet()) {
                String previous = origin.put(prefix + entry.getKey(), sourceName);
                assertTrue(previous == null, where + ": " + entry.getKey() + " is set by both " + previous + " and " + sourceName);
                env.put(prefix + entry.getKey(), entry.getValue());
            }
        }
        container.getEnv().forEach(var -> env.put(var.getName(), var.getValue()));
        return env;
    }

    private static void assertHttpProbe(String where, Probe probe, String path, Container container, int port) {
        assertNotNull(probe, where + " probe");
        assertNotNull(probe.getHttpGet(), where + " probe must be an HTTP GET");
        assertEquals(path, probe.getHttpGet().getPath(), where + " probe path");
        assertEquals(port, resolvePort(container, probe.getHttpGet().getPort()), where + " probe port");
    }

    private static void assertRequestsWithinLimits(String where, ResourceRequirements resources) {
        assertNotNull(resources, where + ": resources");
        for (String resource : List.of("cpu", "memory")) {
            Quantity request = resources.getRequests() == null ? null : resources.getRequests().get(resource);
            Quantity limit = resources.getLimits() == null ? null : resources.getLimits().get(resource);
            assertNotNull(request, where + ": a " + resource + " request");
            assertNotNull(limit, where + ": a " + resource + " limit");
            BigDecimal requested = Quantity.getAmountInBytes(request);
            BigDecimal limited = Quantity.getAmountInBytes(limit);
            assertTrue(requested.signum() > 0 && requested.compareTo(limited) <= 0,
                    where + ": " + resource + " request " + request + " must be positive and within the limit " + limit);
        }
    }

    /** The container port a probe or Service port names (by number or by name), or null. */
    private static Integer resolvePort(Container container, IntOrString port) {
        if (port == null) {
            return null;
        }
        for (ContainerPort declared : container.getPorts()) {
            if (port.getIntVal() != null ? port.getIntVal().equals(declared.getContainerPort())
                    : port.getStrVal().equals(declared.getName())) {
                return declared.getContainerPort();
            }
        }
        return null;
    }

    private static void assertServiceListens(Rendered render, String host, int port, String what) {
        Service service = render.find(Service.class, host)
                .orElseThrow(() -> new AssertionError(what + ": no in-cluster Service '" + host + "' in the render"));
        assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == port),
                what + ": Service " + host + " does not serve port " + port);
    }

    private static Map<String, PodTemplateSpec> podTemplates(Rendered render) {
        Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
        render.all(Deployment.class).forEach(d -> templates.put("Deployment " + d.getMetadata().getName(), d.getSpec().getTemplate()));
        render.all(StatefulSet.class).forEach(s -> templates.put("StatefulSet " + s.getMetadata().getName(), s.getSpec().getTemplate()));
        render.all(Job.class).forEach(j -> templates.put("Job " + j.getMetadata().getName(), j.getSpec().getTemplate()));
        return templates;
    }

    private static boolean labelsInclude(Map<String, String> labels, Map<String, String> selector) {
        return labels != null && selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static List<JsonNode> nodePools(Rendered render, String role) {
        return render.custom(STRIMZI, "KafkaNodePool").stream()
                .filter(p -> containsText(p.path("spec").path("roles"), role)).toList();
    }

    private static boolean containsText(JsonNode array, String text) {
        for (JsonNode item : array) {
            if (item.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static String topicName(JsonNode topic) {
        return topic.path("spec").path("topicName").asText(topic.path("metadata").path("name").asText());
    }

    private static List<Topic> kafkaTopics(List<JsonNode> documents) {
        List<Topic> topics = new ArrayList<>();
        for (JsonNode document : documents) {
            JsonNode spec = document.path("spec");
            assertTrue(spec.path("partitions").isInt(), "KafkaTopic " + topicName(document) + ": partitions must be an integer");
            topics.add(new Topic(topicName(document), spec.path("partitions").asInt(),
                    spec.path("config").path("cleanup.policy").asText("delete")));
        }
        return topics;
    }

    private static Map<String, Topic> topicsByName(Collection<Topic> topics) {
        Map<String, Topic> byName = new TreeMap<>();
        for (Topic topic : topics) {
            assertTrue(byName.put(topic.name(), topic) == null, "topic " + topic.name() + " declared twice");
        }
        return byName;
    }

    private static void assertAllowedKeys(JsonNode node, Set<String> allowed, String where) {
        Set<String> unknown = new TreeSet<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        });
        assertTrue(unknown.isEmpty(), where + ": unexpected fields " + unknown);
    }
}
