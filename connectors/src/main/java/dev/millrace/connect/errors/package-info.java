/** The exceptions connectors and the runtime throw; a {@code ConnectException}'s message becomes a status trace. */
package dev.millrace.connect.errors;
