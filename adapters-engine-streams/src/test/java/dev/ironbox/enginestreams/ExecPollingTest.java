package dev.ironbox.enginestreams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.port.out.ExecPort.ExecExit;
import dev.ironbox.enginestreams.ExecPolling.ExecState;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExecPollingTest {

    private static final ExecState STARTING = new ExecState(false, OptionalInt.empty());
    private static final ExecState RUNNING = new ExecState(true, OptionalInt.empty());

    /** Answers the given states in turn, then the last one again and again. */
    private static ExecPolling.Inspection engine(ExecState... states) {
        Deque<ExecState> left = new ArrayDeque<>(List.of(states));
        return () -> left.size() > 1 ? left.poll() : left.peek();
    }

    private static ExecState ended(int code) {
        return new ExecState(true, OptionalInt.of(code));
    }

    @Test
    void theProcessHasStartedOnceTheEngineSaysSoOrItsOutputEnded() throws Exception {
        assertThat(ExecPolling.awaitProcessStart(engine(STARTING, STARTING, RUNNING), timeout -> false)).isTrue();
        AtomicInteger looks = new AtomicInteger();
        assertThat(ExecPolling.awaitProcessStart(() -> {
            looks.incrementAndGet();
            return STARTING;
        }, timeout -> true)).isTrue();
        assertThat(looks).hasValue(1);
    }

    @Test
    void theExitCodeIsPolledUntilTheEngineHasOneAndPastTheDeadlineLookedAtOnce() throws Exception {
        long far = Timeouts.deadline(Duration.ofMinutes(5));
        assertThat(ExecPolling.exitCode(engine(RUNNING, RUNNING, ended(3)), far)).hasValue(3);
        long passed = Timeouts.deadline(Duration.ZERO);
        assertThat(ExecPolling.exitCode(engine(ended(4)), passed)).hasValue(4);
        assertThat(ExecPolling.exitCode(engine(RUNNING), passed)).isEmpty();
    }

    @Test
    void atTheEndAProcessThatEndedOnItsOwnIsNotTimedOut() throws Exception {
        AtomicInteger kills = new AtomicInteger();
        ExecExit exit = ExecPolling.atTheEnd("exec x", by -> OptionalInt.of(0), Timeouts.deadline(Duration.ZERO),
                kills::incrementAndGet, Duration.ZERO, null);
        assertThat(exit).isEqualTo(new ExecExit(OptionalInt.of(0), false));
        assertThat(kills).hasValue(0);
    }

    @Test
    void atTheDeadlineTheKillRunsAndTheEnginesCodeAfterItIsKept() throws Exception {
        AtomicInteger kills = new AtomicInteger();
        Deque<OptionalInt> codes = new ArrayDeque<>(List.of(OptionalInt.empty(), OptionalInt.of(137)));
        AtomicInteger outputWaits = new AtomicInteger();
        ExecExit exit = ExecPolling.atTheEnd("exec x", by -> codes.poll(), Timeouts.deadline(Duration.ZERO),
                kills::incrementAndGet, Duration.ofSeconds(1), timeout -> outputWaits.incrementAndGet() > 0);
        assertThat(exit).isEqualTo(new ExecExit(OptionalInt.of(137), true));
        assertThat(kills).hasValue(1);
        assertThat(outputWaits).hasValue(1);
    }

    @Test
    void withoutAKillOrWithTheExecGoneAfterItTheDeadlinePassedWithoutACode() throws Exception {
        assertThat(ExecPolling.atTheEnd("exec x", by -> OptionalInt.empty(), Timeouts.deadline(Duration.ZERO), null,
                Duration.ZERO, null)).isEqualTo(new ExecExit(OptionalInt.empty(), true));
        Deque<Boolean> first = new ArrayDeque<>(List.of(true));
        assertThat(ExecPolling.atTheEnd("exec x", by -> {
            if (first.poll() != null) {
                return OptionalInt.empty();
            }
            throw new ContainerFailureException("no such exec");
        }, Timeouts.deadline(Duration.ZERO), () -> { }, Duration.ZERO, null))
                .isEqualTo(new ExecExit(OptionalInt.empty(), true));
    }
}
