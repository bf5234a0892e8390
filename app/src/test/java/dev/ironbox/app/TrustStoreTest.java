package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's trust store: where, how it is written, and what it refuses to believe. */
class TrustStoreTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @TempDir
    Path home;

    @Test
    void itLivesInTheUsersOwnConfigArea() {
        assertThat(TrustStore.of(Map.of("HOME", home.toString())).file())
                .isEqualTo(home.resolve(".config/ironbox/trusted.toml"));
        assertThat(TrustStore.of(Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", "/xdg")).file())
                .isEqualTo(Path.of("/xdg/ironbox/trusted.toml"));
    }

    @Test
    void itIsWrittenAtomicallyForTheUserAlone() throws Exception {
        TrustStore store = TrustStore.of(Map.of("HOME", home.toString()));
        Path file = Path.of("/work/a \"quoted\\\" project/ironbox.toml");

        store.trust(file, A);

        assertThat(store.trusts(file, A)).isTrue();
        assertThat(store.trusts(file, B)).as("other content").isFalse();
        assertThat(store.trusts(Path.of("/work/other/ironbox.toml"), A)).as("another place").isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file().getParent())))
                .isEqualTo("rwx------");
        try (var files = Files.list(store.file().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no half-written file left").containsExactlyInAnyOrder("trusted.toml", "trusted.toml.lock");
        }

        store.trust(file, B);
        assertThat(store.trusts(file, A)).as("trusting new content replaces the old").isFalse();
        assertThat(store.entries()).containsExactly(Map.entry(file.toString(), B));
        assertThat(store.untrust(file)).isTrue();
        assertThat(store.untrust(file)).isFalse();
        assertThat(store.trusts(file, B)).isFalse();
    }

    @Test
    void aStoreOthersMayWriteIsRefused() throws Exception {
        TrustStore store = TrustStore.of(Map.of("HOME", home.toString()));
        store.trust(Path.of("/p/ironbox.toml"), A);
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-rw-r--"));

        assertThatThrownBy(() -> store.trusts(Path.of("/p/ironbox.toml"), A))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("the trust store " + store.file() + " may be written by others (rw-rw-r--), who could "
                        + "trust a project file for you; make it writable by you alone (chmod go-w " + store.file()
                        + ")");
    }

    @Test
    void aBrokenStoreIsOneLineNamingIt() throws Exception {
        TrustStore store = TrustStore.of(Map.of("HOME", home.toString()));
        Files.createDirectories(store.file().getParent());
        Files.writeString(store.file(), "[[trusted]]\npath = \"/p/ironbox.toml\"\nsha256 = \"short\"\n");

        assertThatThrownBy(() -> store.trusts(Path.of("/p/ironbox.toml"), "short"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("broken trust store " + store.file() + ": an entry without a path or a SHA-256");
    }

    @Test
    void aPlaceIsTheRealPathOfItsDirectoryAndItsOwnName() throws Exception {
        Path real = Files.createDirectories(home.resolve("real"));
        Path link = Files.createSymbolicLink(home.resolve("link"), real);
        Path file = Files.writeString(real.resolve("ironbox.toml"), "");
        Path linkedFile = Files.createSymbolicLink(home.resolve("ironbox.toml"), file);

        assertThat(TrustStore.location(link.resolve("ironbox.toml"))).isEqualTo(file.toRealPath());
        assertThat(TrustStore.location(linkedFile)).as("the file itself is not followed")
                .isEqualTo(home.toRealPath().resolve("ironbox.toml"));
    }
}
