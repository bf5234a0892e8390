/**
 * The tar format, read and written over streams with hostile-input bounds: {@link dev.ironbox.core.tar.TarReader}
 * (ustar, PAX, GNU long names), {@link dev.ironbox.core.tar.TarWriter}. No host I/O: extraction onto the host is
 * {@code copy.SafeExtraction}.
 */
package dev.ironbox.core.tar;
