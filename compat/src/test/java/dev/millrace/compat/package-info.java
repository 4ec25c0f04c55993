/**
 * Millrace against kafka-clients 3.9, the last release that still has the API versions Kafka 4.0 removed
 * (KIP-896): codec round trips at every version both declare, and a real broker answering those old versions
 * over a socket (docs/decisions/004-old-api-versions.md).
 */
package dev.millrace.compat;
