package dev.millrace.streams.kstream.internals.foreignkeyjoin;

import java.util.Objects;

/** A left row's subscription to a foreign key: what the right side should do, for which left key and value hash. */
public record SubscriptionWrapper<K>(byte[] hash, Instruction instruction, K primaryKey, Integer primaryPartition) {
    /** What the right side does with a subscription. */
    public enum Instruction {
        /** Forget the subscription, answer nothing (the row moved to another foreign key that will answer). */
        DELETE_KEY_NO_PROPAGATE((byte) 0),
        /** Forget the subscription and answer null (the row was deleted). */
        DELETE_KEY_AND_PROPAGATE((byte) 1),
        /** Subscribe and answer with the foreign row, or null when there is none. */
        PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE((byte) 2),
        /** Subscribe and answer only if there is a foreign row (a new row of an inner join). */
        PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE((byte) 3);

        final byte value;

        Instruction(byte value) {
            this.value = value;
        }

        static Instruction of(byte value) {
            for (Instruction i : values()) if (i.value == value) return i;
            throw new IllegalArgumentException("Unknown instruction byte value = " + value);
        }
    }

    public SubscriptionWrapper {
        Objects.requireNonNull(instruction, "instruction cannot be null. Required by downstream processor.");
        Objects.requireNonNull(primaryKey, "primaryKey cannot be null. Required by downstream processor.");
    }
}
