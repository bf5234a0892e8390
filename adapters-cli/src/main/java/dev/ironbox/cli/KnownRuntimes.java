package dev.ironbox.cli;

import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.port.in.SandboxFactory;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ResourceBundle;

/**
 * Help text that depends on what is installed: {@code ${bundle:ironbox.known-runtimes}} in an option description
 * becomes {@code auto, docker, podman, ...}. The factory is asked only when help is rendered.
 */
final class KnownRuntimes extends ResourceBundle {

    static final String KEY = "ironbox.known-runtimes";

    private final SandboxFactory factory;

    KnownRuntimes(SandboxFactory factory) {
        this.factory = factory;
    }

    @Override
    protected Object handleGetObject(String key) {
        if (!KEY.equals(key)) {
            return null;
        }
        try {
            return String.join(", ", factory.knownRuntimes());
        } catch (IronboxException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    @Override
    public Enumeration<String> getKeys() {
        return Collections.enumeration(List.of(KEY));
    }
}
