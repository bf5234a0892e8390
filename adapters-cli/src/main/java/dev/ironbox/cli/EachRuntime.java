package dev.ironbox.cli;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.error.MessageText;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Asks one question of every installed runtime ({@code ps}, {@code cleanup}), or of the one given with
 * {@code --runtime}. A runtime that does not answer is noted, not fatal, unless it was asked for explicitly: then
 * its error propagates (exit 125). A runtime {@code auto} never picks (a cluster) that cannot be reached is not noted
 * either: it is used only when chosen on purpose, and a machine without a cluster is the usual case; asked for with
 * {@code --runtime}, it reports as any other.
 */
final class EachRuntime {

    /** A runtime that could not be asked, and why. */
    record Unreachable(String runtime, String reason) {}

    /** The answers, in {@code auto}'s order, and the runtimes that did not answer. */
    record Answers<T>(List<T> answers, List<Unreachable> unreachable) {}

    private final SandboxFactory factory;
    private final SelectRuntimeUseCase selection;

    EachRuntime(SandboxFactory factory, SelectRuntimeUseCase selection) {
        this.factory = factory;
        this.selection = selection;
    }

    /** @param requested the {@code --runtime} given, if any */
    <T> Answers<T> ask(Optional<String> requested, Function<Sandbox, T> question) {
        if (requested.isPresent()) {
            RuntimeChoice choice = selection.select(requested);
            try (Sandbox sandbox = factory.open(choice.runtime(), SandboxSettings.builder().build())) {
                return new Answers<>(List.of(question.apply(sandbox)), List.of());
            }
        }
        List<T> answers = new ArrayList<>();
        List<Unreachable> unreachable = new ArrayList<>();
        for (String runtime : installed()) {
            try (Sandbox sandbox = factory.open(runtime, SandboxSettings.builder().build())) {
                answers.add(question.apply(sandbox));
            } catch (EngineUnavailableException e) {
                if (factory.chosenByAuto(runtime)) {
                    unreachable.add(new Unreachable(runtime, String.valueOf(e.getMessage()).strip()));
                }
            } catch (IronboxException e) {
                unreachable.add(new Unreachable(runtime, String.valueOf(e.getMessage()).strip()));
            }
        }
        return new Answers<>(answers, unreachable);
    }

    /** Every installed runtime's id; {@code auto} is not one. */
    private List<String> installed() {
        return factory.knownRuntimes().stream().filter(id -> !RuntimeChoice.AUTO.equals(id)).toList();
    }

    /**
     * Writes one {@code ironbox: note: ...} line per runtime that did not answer.
     *
     * @return whether at least one runtime answered (else the caller fails: there was nothing to show)
     */
    static boolean noteUnreachable(Answers<?> answers, java.io.PrintStream err) {
        for (Unreachable runtime : answers.unreachable()) {
            err.println("ironbox: note: " + runtime.runtime() + " did not answer: "
                    + MessageText.oneLine(runtime.reason()));
        }
        err.flush();
        return !answers.answers().isEmpty();
    }
}
