package dev.ironbox.cli;

import dev.ironbox.core.settings.RunEgress;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.error.MessageText;
import dev.ironbox.core.error.UnknownSessionException;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds the runtime that holds a session: the selected one first ({@code --runtime}, {@code IRONBOX_RUNTIME}, the
 * config file, else auto's order), then every other installed runtime that answers. A session id names one
 * container, so the first runtime that knows it is the one.
 */
final class SessionFinder {

    private final SandboxFactory factory;
    private final RunEgress egress;
    private final SelectRuntimeUseCase selection;

    SessionFinder(SandboxFactory factory, RunEgress egress, SelectRuntimeUseCase selection) {
        this.factory = factory;
        this.egress = egress;
        this.selection = selection;
    }

    /** An open sandbox on the runtime that holds a session, with the session; close the sandbox. */
    record Found(Sandbox sandbox, SessionInfo session) {}

    /**
     * @param runtime the {@code --runtime} flag, when given
     * @throws UnknownSessionException when no runtime that answers knows {@code sessionId}; the message names the
     *     runtimes asked and why others could not be
     */
    Found find(String sessionId, Optional<String> runtime) {
        List<String> asked = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        RuntimeChoice choice = selection.select(runtime);
        for (String id : order(choice)) {
            Sandbox sandbox;
            try {
                sandbox = open(id);
            } catch (EngineUnavailableException e) {
                // a runtime auto never picks (a cluster) is no news when absent, unless it was chosen
                if (factory.chosenByAuto(id) || !choice.isAuto() && id.equals(choice.runtime())) {
                    unreachable.add(id + ": " + e.getMessage());
                }
                continue;
            } catch (IronboxException e) {
                unreachable.add(id + ": " + e.getMessage());
                continue;
            }
            try {
                Found found = new Found(sandbox, sandbox.session(sessionId));
                sandbox = null;
                return found;
            } catch (UnknownSessionException e) {
                asked.add(id);
            } catch (IronboxException e) {
                unreachable.add(id + ": " + e.getMessage());
            } finally {
                if (sandbox != null) {
                    sandbox.close();
                }
            }
        }
        throw new UnknownSessionException("no session " + MessageText.quote(sessionId)
                + (asked.isEmpty() ? "" : " on " + String.join(" or ", asked))
                + (unreachable.isEmpty() ? "" : "; could not ask " + String.join("; ", unreachable))
                + " (see 'ironbox session ls')");
    }

    /**
     * Hands {@code visit} an open sandbox on each runtime to look at: only {@code runtime} when the flag is given
     * (its failures propagate), else every installed runtime that answers (the others are skipped).
     */
    void forEachRuntime(Optional<String> runtime, Consumer<Sandbox> visit) {
        if (runtime.isPresent()) {
            try (Sandbox sandbox = open(selection.select(runtime).runtime())) {
                visit.accept(sandbox);
            }
            return;
        }
        selection.select(Optional.empty()); // a broken config file is reported, never skipped
        for (String id : installed()) {
            try (Sandbox sandbox = open(id)) {
                visit.accept(sandbox);
            } catch (IronboxException notAnswering) {
                // a runtime that is not running holds no session we could use
            }
        }
    }

    /** The selected runtime first (auto: the installed ones by priority), then the other installed ones. */
    private List<String> order(RuntimeChoice choice) {
        Set<String> order = new LinkedHashSet<>();
        if (!choice.isAuto()) {
            order.add(choice.runtime());
        }
        order.addAll(installed());
        return List.copyOf(order);
    }

    private List<String> installed() {
        return factory.knownRuntimes().stream().filter(id -> !RuntimeChoice.AUTO.equals(id)).toList();
    }

    private Sandbox open(String runtimeId) {
        return egress.open(runtimeId, SandboxSettings.builder().build(), Optional.empty());
    }
}
