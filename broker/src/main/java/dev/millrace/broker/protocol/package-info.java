/**
 * The Kafka wire protocol as the broker speaks it: the APIs we implement and advertise ({@link
 * dev.millrace.broker.protocol.ApiKey}), request and response headers, error codes ({@link
 * dev.millrace.broker.protocol.Errors}) and the ApiVersions fallback for too-new clients. Message layouts live
 * in {@code message}, the codec engine in {@code types}. Nothing here touches the network or the log.
 *
 * <p>How a request is served, in codec terms (the frame's int32 size prefix already removed):
 * <ol>
 *   <li>{@link dev.millrace.broker.protocol.RequestHeader#read}; if {@code header.api()} is null, close the
 *       connection.</li>
 *   <li>If {@link dev.millrace.broker.protocol.ApiVersionsFallback#appliesTo} the header, answer with
 *       {@link dev.millrace.broker.protocol.ApiVersionsFallback#write} and do not parse the body. Otherwise a
 *       version outside {@link dev.millrace.broker.protocol.ApiKey#isSupported} closes the connection, as
 *       Kafka does (e.g. Produce v0-2).</li>
 *   <li>{@code Struct body = api.request().read(in, version)}: a {@code ProtocolException} means a malformed
 *       request (close the connection).</li>
 *   <li>Build the answer with {@code api.response().newStruct()}, setting fields unconditionally: fields a
 *       version lacks are skipped on write.</li>
 *   <li>Write it: a {@code MessageOutput} whose {@code current()} first gets the size placeholder and
 *       {@link dev.millrace.broker.protocol.ResponseHeader#write} with
 *       {@code api.responseHeaderVersion(version)}; then {@code api.response().write(body, version, out)};
 *       patch the size into {@code parts().get(0)} (always the buffer the placeholder went into) and write
 *       the parts in order. Or, without file records: {@code sizeOf} first and one buffer.</li>
 * </ol>
 */
package dev.millrace.broker.protocol;
