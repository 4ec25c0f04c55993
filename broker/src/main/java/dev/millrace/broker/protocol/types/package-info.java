/**
 * The Kafka protocol type system and codec engine: primitive wire types, varints, {@link
 * dev.millrace.broker.protocol.types.Uuid}, record-batch payloads ({@link
 * dev.millrace.broker.protocol.types.Records}), the schema declaration DSL ({@link
 * dev.millrace.broker.protocol.types.Schema}), and the generic {@link dev.millrace.broker.protocol.types.Struct}
 * values that {@link dev.millrace.broker.protocol.types.MessageSchema} reads from and writes to Netty buffers.
 *
 * <p>A message is declared once with per-field version ranges, the way Kafka's message JSON files do;
 * each schema precomputes, per version, the ordered list of regular fields and the tagged fields, so the
 * read and write loops walk arrays and never look anything up by name. Hot paths address fields through
 * {@link dev.millrace.broker.protocol.types.Field} handles resolved once, and numbers are stored unboxed.
 */
package dev.millrace.broker.protocol.types;
