package io.hop.deploy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renders a Kustomize folder with {@code kubectl kustomize}, offline. kubectl is found through the system property
 * {@code hop.kubectl}, the environment variable {@code KUBECTL} or the PATH. Never skipped: without kubectl the
 * tests fail and say how to install it (.ci/run installs Debian's kubernetes-client when kubectl is missing).
 */
final class Kustomize {

    static final String INSTALL_HINT = "install kubectl (Debian: 'apt-get install -y kubernetes-client', as .ci/run does) "
            + "or name it with -Dhop.kubectl=/path/to/kubectl or KUBECTL=/path/to/kubectl";

    private Kustomize() {
    }

    /** The rendered multi-document YAML of {@code dir}. */
    static String render(Path dir) throws IOException, InterruptedException {
        String kubectl = kubectl();
        Process process = new ProcessBuilder(kubectl, "kustomize", dir.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        CompletableFuture<byte[]> stdout = drain(process.getInputStream());
        CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("'" + kubectl + " kustomize " + dir + "' did not finish within 120 s");
        }
        String errors = new String(stderr.join(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError("'" + kubectl + " kustomize " + dir + "' failed (exit " + process.exitValue() + "):\n" + errors);
        }
        return new String(stdout.join(), StandardCharsets.UTF_8);
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                return e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
    }

    static String kubectl() {
        for (String configured : new String[] {System.getProperty("hop.kubectl"), System.getenv("KUBECTL")}) {
            if (configured != null && !configured.isBlank()) {
                if (!Files.isExecutable(Path.of(configured))) {
                    throw new AssertionError("kubectl '" + configured + "' is not an executable file");
                }
                return configured;
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Path.of(dir, "kubectl").toString();
            }
        }
        throw new AssertionError("kubectl not found on PATH (" + String.join(", ", List.of(path.split(File.pathSeparator)))
                + "): the Kubernetes manifests cannot be rendered. " + INSTALL_HINT);
    }
}
