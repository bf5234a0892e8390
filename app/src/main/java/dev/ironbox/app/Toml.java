package dev.ironbox.app;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;

/**
 * The one TOML mapper of the config file and the trust store, built at the first read: a start without a config file
 * (e.g. {@code ironbox --version}) loads no Jackson. A {@link TomlMapper} is thread-safe once configured.
 */
final class Toml {

    private Toml() {}

    static TomlMapper mapper() {
        return Holder.MAPPER;
    }

    /** Initialized by the JVM at the first {@link #mapper()} call, once, thread-safely. */
    private static final class Holder {
        static final TomlMapper MAPPER = new TomlMapper();
    }
}
