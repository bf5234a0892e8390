package dev.ironbox.mcp.tools;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.port.in.FileCopyUseCase;
import dev.ironbox.core.settings.AssistantTerms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file into or out of a session, through the same safe tar stream as {@code ironbox cp} ({@link FileCopyUseCase}):
 * the content is staged in a private directory of the server's own (mode 0700: no other user reads an assistant's
 * files), deleted when the call ends, also when it fails or is cancelled. The server's file limit holds both ways.
 */
final class FileTransfer {

    private static final Logger LOG = LoggerFactory.getLogger(FileTransfer.class);

    /**
     * Out of a session, the limit bounds the archive, headers and padding included: this much room above the file's
     * own limit lets a file of exactly the limit through; its size is checked again once it is here.
     */
    static final long ARCHIVE_OVERHEAD = 64L * 1024;

    private final FileCopyUseCase copies;
    private final AssistantTerms terms;

    FileTransfer(FileCopyUseCase copies, AssistantTerms terms) {
        this.copies = copies;
        this.terms = terms;
    }

    /**
     * Writes {@code content} to {@code path} in the session (its directory created when absent).
     *
     * @throws dev.ironbox.core.error.PolicyRefusedException when the content is larger than the server allows;
     *     nothing was written
     */
    long write(String sessionId, String path, byte[] content) throws IOException, InterruptedException {
        terms.fileBytes(content.length); // before anything is staged or sent
        int slash = path.lastIndexOf('/');
        String directory = slash == 0 ? "/" : path.substring(0, slash);
        Path staging = stagingDirectory();
        StagingText text = new StagingText().show(staging, directory);
        return staged(staging, text, () -> {
            Path file = staging.resolve(path.substring(slash + 1));
            Files.write(file, content);
            copies.copyIn(sessionId, file, directory, terms.maxFileBytes());
            return (long) content.length;
        });
    }

    /**
     * The content of the file at {@code path} in the session.
     *
     * @throws InvalidConfigurationException when the path is a directory or missing
     * @throws dev.ironbox.core.error.PolicyRefusedException when the file is larger than the server allows
     */
    byte[] read(String sessionId, String path) throws IOException, InterruptedException {
        Path staging = stagingDirectory();
        // a destination that does not exist yet: copyOut creates the file (or directory) there, under this name
        Path copy = staging.resolve("copy");
        String parent = path.lastIndexOf('/') == 0 ? "/" : path.substring(0, path.lastIndexOf('/'));
        StagingText text = new StagingText().show(copy, path).show(staging, parent);
        return staged(staging, text, () -> {
            copies.copyOut(sessionId, path, copy, terms.maxFileBytes() + ARCHIVE_OVERHEAD);
            if (Files.isDirectory(copy, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidConfigurationException(path + " is a directory; read_file reads one file");
            }
            if (!Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidConfigurationException(path + " is not a regular file; read_file reads one file");
            }
            terms.fileBytes(Files.size(copy));
            return Files.readAllBytes(copy);
        });
    }

    /** Work in a staging directory, on the host. */
    private interface StagedWork<T> {
        T run() throws IOException, InterruptedException;
    }

    /**
     * Runs {@code work}, then deletes {@code staging} whatever happened; errors name the session's paths, never the
     * host's staging paths ({@code text}).
     */
    private static <T> T staged(Path staging, StagingText text, StagedWork<T> work)
            throws IOException, InterruptedException {
        try {
            return work.run();
        } catch (IronboxException e) {
            throw text.clean(e);
        } catch (IOException e) {
            throw text.clean(e);
        } catch (UncheckedIOException e) {
            throw text.clean(e.getCause());
        } finally {
            delete(staging);
        }
    }

    /** The bytes as text, when they are valid UTF-8. */
    static String utf8(String path, byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidConfigurationException(path + " is not UTF-8 text; read it with encoding \"base64\"");
        }
    }

    private static Path stagingDirectory() throws IOException {
        return Files.createTempDirectory("ironbox-mcp-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /** Deletes the staging directory and what it holds; a failure is logged (the server must not die of it). */
    static void delete(Path directory) {
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    // a copied directory may have come without its owner's write permission
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("could not delete the staging directory {}: {}", directory, e.toString());
        }
    }
}
