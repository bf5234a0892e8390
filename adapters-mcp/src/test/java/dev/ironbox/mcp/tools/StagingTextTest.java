package dev.ironbox.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.error.UnknownSessionException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A file tool's failure never shows the server's staging paths. */
class StagingTextTest {

    private final Path staging = Path.of("/tmp/ironbox-mcp-123");
    private final StagingText text = new StagingText().show(staging.resolve("copy"), "/etc/motd").show(staging, "/etc");

    @Test
    void stagingPathsAreShownAsTheSessionPathsTheyStandFor() {
        assertThat(text.clean("cannot copy to /tmp/ironbox-mcp-123/copy; /tmp/ironbox-mcp-123/x in "
                + "/tmp/ironbox-mcp-123"))
                .isEqualTo("cannot copy to /etc/motd; /etc/x in /etc");
    }

    @Test
    void aCleanedFailureKeepsItsKindAndTheOriginalAsItsCause() {
        ContainerFailureException original = new ContainerFailureException("copying /tmp/ironbox-mcp-123/copy failed");
        IronboxException cleaned = text.clean(original);
        assertThat(cleaned).isInstanceOf(ContainerFailureException.class).hasMessage("copying /etc/motd failed")
                .hasCause(original);
        UnknownSessionException untouched = new UnknownSessionException("no session s9");
        assertThat(text.clean(untouched)).isSameAs(untouched);
    }

    @Test
    void aStagingFailureOnTheServerGivesItsReasonWithoutThePath() {
        IOException cleaned = text.clean(new FileSystemException("/tmp/ironbox-mcp-123/" + "n".repeat(300), null,
                "File name too long"));
        assertThat(cleaned).hasMessage("the server could not stage the file: File name too long");
        assertThat(text.clean(new IOException("disk /tmp/ironbox-mcp-123 is full")))
                .hasMessage("the server could not stage the file: disk /etc is full");
    }
}
