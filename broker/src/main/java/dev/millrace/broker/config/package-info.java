/**
 * Configuration: the declared tables of keys (Kafka's property names and defaults), parsing and
 * validation, and the broker's own settings. An invalid or unknown key stops start-up with a
 * {@link dev.millrace.broker.config.ConfigException} naming it.
 */
package dev.millrace.broker.config;
