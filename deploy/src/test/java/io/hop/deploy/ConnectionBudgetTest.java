package io.hop.deploy;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.hop.deploy.Platform.ServiceSpec;

/**
 * The production PostgreSQL accepts every connection the services can open: each service at its autoscaler's maximum,
 * plus the surge pods of a rolling update, each holding its whole JDBC pool and reactive client (deploy/README.md,
 * "Connection budget").
 */
class ConnectionBudgetTest {

    /** superuser_reserved_connections (3), CloudNativePG's instance manager and probes, monitoring, an admin shell. */
    static final int HEADROOM = 20;

    @Test
    void productionPostgresAcceptsEveryServiceAtItsAutoscalersMaximumWithFullPools() throws IOException {
        Rendered production = Rendered.of("production");
        Map<String, String> demand = new TreeMap<>();
        int needed = HEADROOM;
        for (ServiceSpec service : Platform.SERVICES) {
            Deployment deployment = production.get(Deployment.class, service.name());
            HorizontalPodAutoscaler hpa = production.all(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(service.name())).findFirst()
                    .orElseThrow(() -> new AssertionError("no HPA scales " + service.name()));
            int pods = hpa.getSpec().getMaxReplicas() + surge(deployment, hpa.getSpec().getMaxReplicas());
            int pool = poolSize(production, service, deployment.getSpec().getTemplate().getSpec().getContainers().get(0));
            demand.put(service.name(), pods + " pods x " + pool);
            needed += pods * pool;
        }
        JsonNode cluster = production.custom("postgresql.cnpg.io/v1", "Cluster").get(0);
        JsonNode maxConnections = cluster.path("spec").path("postgresql").path("parameters").path("max_connections");
        assertTrue(maxConnections.isTextual(), "the Cluster sets postgresql.parameters.max_connections (a string)");
        int allowed = Integer.parseInt(maxConnections.asText());
        assertTrue(allowed >= needed, "max_connections " + allowed + " < " + needed + " needed: " + demand + " + "
                + HEADROOM + " headroom");
    }

    private static int surge(Deployment deployment, int replicas) {
        IntOrString maxSurge = deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge();
        assertNotNull(maxSurge, deployment.getMetadata().getName() + ": rolling update maxSurge");
        if (maxSurge.getIntVal() != null) {
            return maxSurge.getIntVal();
        }
        int percent = Integer.parseInt(maxSurge.getStrVal().replace("%", ""));
        return (int) Math.ceil(replicas * percent / 100.0);
    }

    /**
     * The connections a pod may open: its JDBC pool ({@code quarkus.datasource.jdbc.max-size}, which every service
     * sets) plus any reactive client's ({@code hop.provisioning.device-config.connections}), each from the pod's
     * ConfigMaps, else from the service's application.properties.
     */
    private static int poolSize(Rendered render, ServiceSpec service, Container container) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                RepoRoot.resolve(service.module() + "/src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        String jdbc = setting(render, container, properties, "quarkus.datasource.jdbc.max-size");
        assertNotNull(jdbc, service.module() + ": sets quarkus.datasource.jdbc.max-size explicitly");
        String reactive = setting(render, container, properties, "hop.provisioning.device-config.connections");
        return Integer.parseInt(jdbc.trim()) + (reactive == null ? 0 : Integer.parseInt(reactive.trim()));
    }

    private static String setting(Rendered render, Container container, Properties properties, String property) {
        String variable = property.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                String value = render.configMapData(source.getConfigMapRef().getName()).get(variable);
                if (value != null) {
                    return value;
                }
            }
        }
        return properties.getProperty(property);
    }
}
