/**
 * The network layer: the Netty listener and the per-connection pipeline (frames, request decoding and
 * dispatch, responses leaving in request order). Request semantics live in {@code handler}.
 */
package dev.millrace.broker.network;
