/**
 * The {@code groups} tool: list, describe and delete consumer groups, and reset or delete their committed
 * offsets, with the flags and table layouts of kafka-consumer-groups, through the Admin client only.
 */
package dev.millrace.tools.groups;
