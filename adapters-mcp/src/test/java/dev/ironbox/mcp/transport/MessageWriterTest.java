package dev.ironbox.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MessageWriterTest {

    private static final JSONRPCNotification MESSAGE = new JSONRPCNotification("2.0", "notifications/x", null);

    @Test
    void closeDoesNotWaitForAWriteBlockedOnAClientThatStoppedReading() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                writing.countDown();
                try {
                    new CountDownLatch(1).await(); // a full pipe nobody drains
                } catch (InterruptedException e) {
                    throw new IOException("interrupted");
                }
            }
        };
        MessageWriter writer = new MessageWriter(new JacksonMcpJsonMapper(new ObjectMapper()), stuck, () -> {});
        Thread blocked = new Thread(() -> writer.write(MESSAGE));
        blocked.setDaemon(true);
        blocked.start();
        assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();

        Thread closing = new Thread(writer::close);
        closing.start();
        closing.join(30_000);

        assertThat(closing.isAlive()).as("close() waited for the blocked write").isFalse();
        blocked.interrupt();
    }

    @Test
    void aPrintStreamThatSwallowedAFailureStillMeansTheClientIsGone() {
        AtomicInteger gone = new AtomicInteger();
        PrintStream closedPipe = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        }, false);
        MessageWriter writer = new MessageWriter(new JacksonMcpJsonMapper(new ObjectMapper()), closedPipe,
                gone::incrementAndGet);

        assertThat(writer.write(MESSAGE)).isFalse();
        assertThat(writer.write(MESSAGE)).isFalse();
        assertThat(gone).hasValue(1);
    }
}
