/**
 * Kafka Connect's REST API on Netty's HTTP codec: {@link dev.millrace.connect.runtime.rest.RestServer} owns the
 * channel, {@link dev.millrace.connect.runtime.rest.ConnectorsRoutes} maps each path and method to a
 * {@link dev.millrace.connect.runtime.Herder} call and Connect's status codes and error bodies.
 */
package dev.millrace.connect.runtime.rest;
