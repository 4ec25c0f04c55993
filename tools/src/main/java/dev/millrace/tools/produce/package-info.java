/** The {@code produce} tool: sends lines of standard input as records, like Kafka's console producer. */
package dev.millrace.tools.produce;
