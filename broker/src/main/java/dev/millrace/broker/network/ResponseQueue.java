package dev.millrace.broker.network;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The responses of one connection in request order. Requests may complete out of order (a parked fetch,
 * a produce waiting on its partition's thread), but Kafka clients match responses by position, so a
 * completed response leaves only when every earlier one has left. Used from the channel's event loop only.
 */
final class ResponseQueue {

    /** One request's place in the queue; {@code parts} is null until its response is ready. */
    static final class Slot {
        private List<Object> parts;
        private boolean done;

        void complete(List<Object> encodedParts) {
            this.parts = encodedParts;
            this.done = true;
        }

        /** The encoded response, or null when there is none (yet, or ever: acks=0). */
        List<Object> parts() {
            return parts;
        }
    }

    /** Receives the encoded parts of each response that may now be written. */
    interface Sink {
        void write(List<Object> parts);
    }

    private final ArrayDeque<Slot> slots = new ArrayDeque<>();

    Slot reserve() {
        Slot slot = new Slot();
        slots.addLast(slot);
        return slot;
    }

    int pending() {
        return slots.size();
    }

    /** Writes every completed response at the head of the queue; returns how many were written. */
    int drain(Sink sink) {
        int written = 0;
        while (!slots.isEmpty() && slots.peekFirst().done) {
            Slot slot = slots.pollFirst();
            if (slot.parts() != null) {
                sink.write(slot.parts());
            }
            written++;
        }
        return written;
    }

    /** Drops responses that can no longer be sent (connection closed), returning them for release. */
    List<Slot> clear() {
        List<Slot> dropped = List.copyOf(slots);
        slots.clear();
        return dropped;
    }
}
