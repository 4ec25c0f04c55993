/** The {@code topics} tool: create, list, describe, delete and alter topics through the Admin client. */
package dev.millrace.tools.topics;
