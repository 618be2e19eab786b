package io.hop.pluginhost.capability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

import io.hop.plugin.api.PluginFiles;

/**
 * A plugin's data files: the files of its folder, read-only. A name that would leave the folder ({@code ../x}, an
 * absolute path, a symbolic link pointing out) is refused with {@link SecurityException}.
 */
public final class DirectoryFiles implements PluginFiles {

    /** At most this many bytes per file: data files are lists and small credentials, not media. */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private final Path root;

    /** @param root the plugin's folder, or null when the plugin is a bare JAR (it then has no files) */
    public DirectoryFiles(Path root) {
        try {
            this.root = root == null ? null : root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("plugin folder " + root + " is not readable", e);
        }
    }

    @Override
    public Optional<byte[]> read(String name) throws IOException {
        if (name == null || name.isBlank() || name.indexOf('\0') >= 0) {
            throw new SecurityException("not a file name: " + name);
        }
        if (root == null) {
            return Optional.empty();
        }
        Path file = root.resolve(name).normalize();
        if (!file.startsWith(root)) {
            throw new SecurityException("file " + name + " is outside the plugin's folder");
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Path real = file.toRealPath();
        if (!real.startsWith(root)) {
            throw new SecurityException("file " + name + " links outside the plugin's folder");
        }
        if (!Files.isRegularFile(real)) {
            return Optional.empty();
        }
        if (Files.size(real) > MAX_BYTES) {
            throw new IOException("file " + name + " is larger than " + MAX_BYTES + " bytes");
        }
        return Optional.of(Files.readAllBytes(real));
    }
}
