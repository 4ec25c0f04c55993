/**
 * Small Streams DSL applications, each a main class runnable against a broker, and {@link
 * dev.millrace.examples.Bootstrap} and {@link dev.millrace.examples.ExampleRunner}, what their mains share.
 */
package dev.millrace.examples;
