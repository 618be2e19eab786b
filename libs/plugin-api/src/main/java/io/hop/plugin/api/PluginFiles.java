package io.hop.plugin.api;

import java.io.IOException;
import java.util.Optional;

/** Read-only access to the data files shipped with a plugin. */
@FunctionalInterface
public interface PluginFiles {

    /** The file's bytes, or empty when the plugin has no such file; names cannot leave the plugin's folder. */
    Optional<byte[]> read(String name) throws IOException;
}
