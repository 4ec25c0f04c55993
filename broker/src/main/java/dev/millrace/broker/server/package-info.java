/**
 * The server process: command-line arguments, start-up (log recovery before the listener opens) and clean
 * shutdown. {@link dev.millrace.broker.server.MillraceServer} is the {@code bin/millrace start} entry point
 * and what tests embed.
 */
package dev.millrace.broker.server;
