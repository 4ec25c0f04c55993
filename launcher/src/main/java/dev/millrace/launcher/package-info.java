/**
 * The distribution's entry point for {@code bin/millrace start}: the broker, started exactly as its own main
 * starts it, with the connector runtime inside the same process (DESIGN: one command starts everything on one
 * machine). The broker module does not depend on connectors; this module joins them.
 */
package dev.millrace.launcher;
