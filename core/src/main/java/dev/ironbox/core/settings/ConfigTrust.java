package dev.ironbox.core.settings;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Trust in project config files ({@code ./ironbox.toml}), as {@code direnv allow} has it: what {@code config show}
 * reports, and what {@code config trust} and {@code config untrust} change. The composition root implements it;
 * implementations are thread-safe.
 */
public interface ConfigTrust {

    /**
     * The configuration as it applies now, and the project file's trust.
     *
     * @throws InvalidConfigurationException when a config file or the trust store cannot be read or is wrong
     */
    ConfigReview review();

    /**
     * Trusts the content {@code file} has now (read once: the bytes hashed are the bytes checked), replacing what was
     * trusted at its place before.
     *
     * @param file the config file, absolute
     * @return the file as trusted, with the settings that apply only because it is
     * @throws InvalidConfigurationException when the file is missing or wrong (nothing is trusted then), or the trust
     *     store cannot be written
     */
    ProjectFileTrust trust(Path file);

    /**
     * Forgets the trust in {@code file}'s place, whatever its content.
     *
     * @param file the config file, absolute; it need not exist any more
     * @return whether it was trusted
     * @throws InvalidConfigurationException when the trust store cannot be read or written
     */
    boolean untrust(Path file);

    /** No project files: {@code config show} sees {@code config} as it is; trust is refused. */
    static ConfigTrust unsupported(RunConfiguration config) {
        return new ConfigTrust() {
            @Override
            public ConfigReview review() {
                return new ConfigReview(config, config.file().stream().toList(), Optional.empty());
            }

            @Override
            public ProjectFileTrust trust(Path file) {
                throw new InvalidConfigurationException("this Ironbox reads no project config file to trust");
            }

            @Override
            public boolean untrust(Path file) {
                throw new InvalidConfigurationException("this Ironbox reads no project config file to untrust");
            }
        };
    }
}
