/**
 * Copying between the host and a session: {@link dev.ironbox.core.copy.FileCopier} (in and out), {@code SourceTree}
 * (the host source walked without following a sandbox's links), {@code CopyOut} and {@code SafeExtraction} (a
 * hostile tar extracted under a pinned directory, bounded in size, depth and entries), {@code CopyExec}, {@code
 * BytePipe}. Host I/O: {@code SourceTree}, {@code CopyOut} and {@code SafeExtraction}, through {@code host}.
 */
package dev.ironbox.core.copy;
