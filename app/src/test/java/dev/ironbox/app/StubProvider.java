package dev.ironbox.app;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.EngineNote;
import dev.ironbox.core.model.RuntimeSettings;
import dev.ironbox.core.model.LimitKind;
import dev.ironbox.core.model.NamedEndpoint;
import dev.ironbox.core.port.out.ContainerCreationPort;
import dev.ironbox.core.port.out.ContainerLifecyclePort;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.ContainerRuntimeProvider;
import dev.ironbox.core.port.out.EnginePort;
import dev.ironbox.core.port.out.ExecPort;
import dev.ironbox.core.port.out.ImagePort;
import dev.ironbox.core.port.out.LogCollectionPort;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A provider for tests: its engine answers with the given limits, or is unreachable with a reason. No engine. */
final class StubProvider implements ContainerRuntimeProvider {

    private final String id;
    private final int priority;
    private final String unreachable;
    private final Set<LimitKind> limits;
    final List<String> events = new ArrayList<>();
    private Optional<NamedEndpoint> named = Optional.empty();
    private boolean chosenByAuto = true;
    private Set<String> settingNames = Set.of();
    private List<EngineNote> notes = List.of();
    /** The settings each {@link #create(RuntimeSettings)} was given. */
    final List<RuntimeSettings> settingsGiven = new ArrayList<>();

    private StubProvider(String id, int priority, String unreachable, Set<LimitKind> limits) {
        this.id = id;
        this.priority = priority;
        this.unreachable = unreachable;
        this.limits = limits;
    }

    static StubProvider working(String id, int priority) {
        return new StubProvider(id, priority, null, EnumSet.allOf(LimitKind.class));
    }

    static StubProvider unreachable(String id, int priority, String reason) {
        return new StubProvider(id, priority, reason, EnumSet.allOf(LimitKind.class));
    }

    static StubProvider withLimits(String id, int priority, Set<LimitKind> limits) {
        return new StubProvider(id, priority, null, limits);
    }

    /** This provider, saying the user named its endpoint. */
    StubProvider named(NamedEndpoint endpoint) {
        named = Optional.of(endpoint);
        return this;
    }

    /** This provider, never taken by {@code auto} (as a cluster). */
    StubProvider notChosenByAuto() {
        chosenByAuto = false;
        return this;
    }

    /** This provider, taking these settings of its own. */
    StubProvider taking(String... names) {
        settingNames = Set.of(names);
        return this;
    }

    /** This provider, whose engine says these notes. */
    StubProvider noting(EngineNote... notes) {
        this.notes = List.of(notes);
        return this;
    }

    @Override
    public boolean chosenByAuto() {
        return chosenByAuto;
    }

    @Override
    public Set<String> settingNames() {
        return settingNames;
    }

    @Override
    public ContainerRuntime create(RuntimeSettings settings) {
        settingsGiven.add(settings);
        return ContainerRuntimeProvider.super.create(settings);
    }

    @Override
    public Optional<NamedEndpoint> namedEndpoint() {
        return named;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public ContainerRuntime create() {
        events.add("create");
        if (unreachable != null) {
            throw new EngineUnavailableException(unreachable);
        }
        return new StubRuntime();
    }

    /** Only the engine and images answer. */
    private final class StubRuntime implements ContainerRuntime {

        @Override
        public String id() {
            return id;
        }

        @Override
        public EnginePort engine() {
            return new EnginePort() {
                @Override
                public EngineInfo probe() {
                    return new EngineInfo(id, "9.9", "1.0", "stub://" + id, Optional.empty(), true, "2", limits);
                }

                @Override
                public List<EngineNote> notes() {
                    return notes;
                }
            };
        }

        @Override
        public ImagePort images() {
            return new ImagePort() {
                @Override
                public boolean exists(String image) {
                    return true;
                }

                @Override
                public void pull(String image, Duration timeout) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void importRootfs(String image, InputStream rootfsTar) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public ContainerCreationPort containers() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ContainerLifecyclePort lifecycle() {
            throw new UnsupportedOperationException();
        }

        @Override
        public LogCollectionPort logs() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ExecPort exec() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            events.add("close");
        }
    }
}
