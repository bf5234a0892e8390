/**
 * Images: {@link dev.ironbox.core.image.ImageBuilder} (an image from a host rootfs directory, {@code RootfsArchive},
 * {@code RootfsSources}), {@link dev.ironbox.core.image.HostTools} (the tools image), {@link
 * dev.ironbox.core.image.BusyboxRootfs}, {@code ImageProvisioner} (pull or build before a run), {@code
 * ProgressInputStream}. Host I/O: {@code ImageBuilder}, {@code HostTools}, {@code BusyboxRootfs}, {@code
 * RootfsArchive}, {@code RootfsSources} (they read host files).
 */
package dev.ironbox.core.image;
