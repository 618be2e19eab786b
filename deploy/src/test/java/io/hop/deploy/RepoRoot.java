package io.hop.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The root of the checkout: system property {@code hop.root} (set by the parent pom), else the nearest folder up holding bin/infra. */
final class RepoRoot {

    private static final Path ROOT = resolve();

    private RepoRoot() {
    }

    static Path get() {
        return ROOT;
    }

    static Path resolve(String relative) {
        return ROOT.resolve(relative);
    }

    private static Path resolve() {
        String property = System.getProperty("hop.root");
        if (property != null && !property.isBlank()) {
            Path root = Path.of(property).toAbsolutePath().normalize();
            if (Files.isRegularFile(root.resolve("bin/infra"))) {
                return root;
            }
            throw new IllegalStateException("hop.root=" + property + " holds no bin/infra: not the repository root");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin/infra"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no -Dhop.root and no folder holding bin/infra above " + Path.of("").toAbsolutePath());
    }
}
