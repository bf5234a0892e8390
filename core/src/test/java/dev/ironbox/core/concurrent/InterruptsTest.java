package dev.ironbox.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import org.junit.jupiter.api.Test;

class InterruptsTest {

    @Test
    void anEngineErrorCausedByAnInterruptBecomesAnInterruptedException() {
        ContainerFailureException error = new ContainerFailureException("inspect failed",
                new IllegalStateException(new ClosedByInterruptException()));
        assertThat(Interrupts.asInterruptedIfSo(error)).hasCause(error);
    }

    @Test
    void anEngineErrorOnAnInterruptedThreadBecomesAnInterruptedException() {
        Thread.currentThread().interrupt();
        assertThat(Interrupts.asInterruptedIfSo(new ContainerFailureException("x"))).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void otherEngineErrorsAreRethrownAsTheyAre() {
        ContainerFailureException timeout = new ContainerFailureException("slow", new SocketTimeoutException());
        assertThatThrownBy(() -> Interrupts.asInterruptedIfSo(timeout)).isSameAs(timeout);
        ContainerFailureException plain = new ContainerFailureException("refused");
        assertThatThrownBy(() -> Interrupts.asInterruptedIfSo(plain)).isSameAs(plain);
    }
}
