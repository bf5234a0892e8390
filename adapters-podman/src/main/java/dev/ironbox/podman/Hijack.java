package dev.ironbox.podman;

import dev.ironbox.enginestreams.UpgradeRefusedException;
import dev.ironbox.enginestreams.UpgradedConnection;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * Opens libpod's upgraded connections ({@link UpgradedConnection}, shared with the Docker adapter for its
 * half-close) and translates their failures into {@link LibpodException}s, as every other libpod call.
 */
final class Hijack {

    private Hijack() {}

    /**
     * Sends {@code POST path} with a JSON body on a connection of its own, asking for an upgrade.
     *
     * @return the upgraded connection, which the caller closes
     * @throws LibpodException with the engine's message when it answered an error, or when the connection broke
     */
    static UpgradedConnection open(Path socket, String path, byte[] json) {
        try {
            return UpgradedConnection.open(UnixDomainSocketAddress.of(socket), "d", path, json);
        } catch (UpgradeRefusedException refused) {
            throw new Reply(refused.status(), refused.body(), name -> refused.header(name).orElse(null)).error();
        } catch (IOException e) {
            throw new LibpodException("the connection to unix://" + socket + " broke: " + Errors.reason(e), e);
        }
    }
}
