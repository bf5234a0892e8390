/**
 * Interrupt-safe steps shared by core and the engine adapters (exported API): {@link
 * dev.ironbox.core.concurrent.Uninterruptibly} runs an engine call to its end through an interrupt and undoes what
 * it made late; {@link dev.ironbox.core.concurrent.Interrupts} recognises an interrupt wrapped in another exception.
 * No host I/O.
 */
package dev.ironbox.core.concurrent;
