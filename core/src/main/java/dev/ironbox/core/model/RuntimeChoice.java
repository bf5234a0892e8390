package dev.ironbox.core.model;

import java.util.Objects;

/**
 * The runtime configuration asks for, and which setting said so.
 *
 * @param runtime a runtime id ({@code docker}, {@code podman}, a third party's) or {@code auto}
 * @param source who chose it: {@link #REQUESTED} (the caller: {@code --runtime}, {@code runtime(..)}),
 *     {@code IRONBOX_RUNTIME}, the config file's path, or {@link #DEFAULT}
 */
public record RuntimeChoice(String runtime, String source) {

    /** The id that means: try every runtime by priority and take the first that works. */
    public static final String AUTO = "auto";

    /** The source of a choice the caller made explicitly. */
    public static final String REQUESTED = "requested";

    /** The source of {@code auto} when nothing chose a runtime. */
    public static final String DEFAULT = "default";

    /** @throws NullPointerException when {@code runtime} or {@code source} is {@code null} */
    public RuntimeChoice {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(source, "source");
    }

    /** Whether the choice is {@code auto}: the first runtime whose engine answers. */
    public boolean isAuto() {
        return AUTO.equals(runtime);
    }

    /** Whether the caller chose it explicitly. */
    public boolean isRequested() {
        return REQUESTED.equals(source);
    }

    /** Whether nothing chose a runtime, so it is {@code auto}. */
    public boolean isDefault() {
        return DEFAULT.equals(source);
    }
}
