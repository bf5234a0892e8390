/**
 * The entry point: {@link dev.ironbox.core.sandbox.SandboxService} implements the use cases ({@code port.in}) over
 * one runtime, from the packages beside it; {@code LimitSupport} checks a request against the engine. No host I/O of
 * its own.
 */
package dev.ironbox.core.sandbox;
