package dev.millrace.broker.protocol.types;

import java.util.List;

/**
 * The declaration DSL: every message is declared once, each field with its own version range, in the
 * order of Kafka's message definitions. Meant for static import:
 *
 * <pre>{@code
 * MessageSchema REQUEST = message("ProduceRequest", "3-13", "9+",
 *     field("TransactionalId", STRING, "3+").nullable("3+").defaultNull(),
 *     field("Acks", INT16, "0+"),
 *     array("TopicData", "TopicProduceData", "0+",
 *         field("Name", STRING, "0-12"),
 *         field("TopicId", UUID, "13+")));
 * }</pre>
 */
public final class Schema {

    private Schema() {
    }

    /** A top-level message: name, valid versions, flexible versions, then its fields in wire order. */
    public static MessageSchema message(String name, String validVersions, String flexibleVersions,
                                        FieldDecl... fields) {
        return new MessageSchema(name, Versions.parse(validVersions), Versions.parse(flexibleVersions),
                List.of(fields));
    }

    /** A field of a primitive type. */
    public static FieldDecl field(String name, Type type, String versions) {
        return new FieldDecl(name, Field.Kind.VALUE, type, null, null, versions);
    }

    /** An array of primitives, e.g. {@code []int32}. */
    public static FieldDecl arrayOf(String name, Type elementType, String versions) {
        if (elementType == Type.RECORDS) {
            throw new IllegalArgumentException("Arrays of records do not exist in the protocol: " + name);
        }
        return new FieldDecl(name, Field.Kind.ARRAY, elementType, null, null, versions);
    }

    /** An array of structs; {@code structName} is the element type's name in Kafka's declaration. */
    public static FieldDecl array(String name, String structName, String versions, FieldDecl... fields) {
        return new FieldDecl(name, Field.Kind.STRUCT_ARRAY, null, structName, List.of(fields), versions);
    }

    /** A single nested struct (not an array), e.g. a tagged {@code LeaderIdAndEpoch}. */
    public static FieldDecl struct(String name, String structName, String versions, FieldDecl... fields) {
        return new FieldDecl(name, Field.Kind.STRUCT, null, structName, List.of(fields), versions);
    }
}
