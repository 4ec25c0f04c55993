/** User sessions: a session-window count (inactivity gap, grace), written with session-windowed keys. */
package dev.millrace.examples.sessions;
