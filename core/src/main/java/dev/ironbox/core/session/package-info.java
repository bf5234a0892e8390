/**
 * Sessions: {@link dev.ironbox.core.session.Sessions} (start, exec, copy, stop), {@code SessionBackstop} (ends, from
 * outside the sandbox, a session idle too long or past its deadline), {@code SessionActivity} (when each session was
 * last busy), {@code AttachedSessions} (the attached sessions this process started, released on close or when they
 * stop on their own). Host I/O: {@code SessionActivity} only (a state directory under {@code $XDG_STATE_HOME}).
 */
package dev.ironbox.core.session;
