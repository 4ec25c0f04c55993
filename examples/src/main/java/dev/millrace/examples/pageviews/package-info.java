/** Page views per user per minute: a tumbling-window count with a grace period, final results only (suppress). */
package dev.millrace.examples.pageviews;
