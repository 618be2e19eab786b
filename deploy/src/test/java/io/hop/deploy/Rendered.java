package io.hop.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;

/** One Kustomize folder rendered by kubectl: the documents as read, and the core objects as strict fabric8 objects. */
record Rendered(String name, Path dir, List<JsonNode> documents, List<HasMetadata> objects, List<String> problems) {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    /** "base" is deploy/base; any other name is deploy/overlays/NAME. Rendered once per test JVM. */
    static Rendered of(String name) {
        return CACHE.computeIfAbsent(name, Rendered::load);
    }

    private static Rendered load(String name) {
        Path dir = RepoRoot.resolve(name.equals("base") ? "deploy/base" : "deploy/overlays/" + name);
        try {
            String yaml = Kustomize.render(dir);
            List<JsonNode> documents = new ArrayList<>();
            try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
                while (it.hasNext()) {
                    JsonNode document = it.next();
                    if (document != null && !document.isNull() && !document.isMissingNode()) {
                        documents.add(document);
                    }
                }
            }
            List<HasMetadata> objects = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (JsonNode document : documents) {
                if (StrictKubernetes.isCoreKind(document)) {
                    try {
                        objects.add(StrictKubernetes.read(document));
                    } catch (IllegalArgumentException e) {
                        problems.add(e.getMessage());
                    }
                }
            }
            return new Rendered(name, dir, List.copyOf(documents), List.copyOf(objects), List.copyOf(problems));
        } catch (IOException e) {
            throw new AssertionError("cannot render " + dir + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + dir, e);
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(this.name + ": no " + type.getSimpleName() + " " + name));
    }

    /** Custom resources (not core kinds) of one apiVersion and kind, as documents. */
    List<JsonNode> custom(String apiVersion, String kind) {
        return documents.stream()
                .filter(d -> d.path("apiVersion").asText().equals(apiVersion) && d.path("kind").asText().equals(kind))
                .toList();
    }

    /** The data of a ConfigMap named in this render. */
    Map<String, String> configMapData(String configMapName) {
        ConfigMap configMap = get(ConfigMap.class, configMapName);
        return configMap.getData() == null ? Map.of() : configMap.getData();
    }

    /** The decoded values of a Secret named in this render (data and stringData). */
    Map<String, String> secretData(String secretName) {
        return secretValues(get(Secret.class, secretName));
    }

    static Map<String, String> secretValues(Secret secret) {
        Map<String, String> values = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> values.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        return values;
    }

    @Override
    public String toString() {
        return name;
    }
}
