package dev.millrace.streams.processor.internals;

import dev.millrace.streams.processor.Cancellable;
import dev.millrace.streams.processor.Punctuator;

import java.util.PriorityQueue;

/**
 * Scheduled punctuations of one clock, earliest first. A punctuation runs when the clock reaches its time, is given
 * the clock's time, and is then rescheduled one interval after its own time (skipping intervals the clock jumped
 * over), as Kafka Streams does.
 */
final class PunctuationQueue {
    static final class Schedule implements Cancellable {
        final ProcessorNode node;
        final long interval;
        final Punctuator punctuator;
        long time;
        boolean cancelled;
        final long sequence;

        Schedule(ProcessorNode node, long time, long interval, Punctuator punctuator, long sequence) {
            this.node = node;
            this.time = time;
            this.interval = interval;
            this.punctuator = punctuator;
            this.sequence = sequence;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    interface Runner {
        void punctuate(ProcessorNode node, long timestamp, Punctuator punctuator);
    }

    private final PriorityQueue<Schedule> queue = new PriorityQueue<>((a, b) ->
            a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.sequence, b.sequence));
    private long sequence;

    Cancellable schedule(ProcessorNode node, long firstTime, long interval, Punctuator punctuator) {
        Schedule s = new Schedule(node, firstTime, interval, punctuator, sequence++);
        queue.add(s);
        return s;
    }

    /** Runs every punctuation due at {@code now}; returns whether any ran. */
    boolean maybePunctuate(long now, Runner runner) {
        boolean punctuated = false;
        Schedule top = queue.peek();
        while (top != null && top.time <= now) {
            queue.poll();
            if (!top.cancelled) {
                runner.punctuate(top.node, now, top.punctuator);
                if (!top.cancelled) {
                    long next = top.time + top.interval;
                    if (now >= next) next = top.time + ((now - top.time) / top.interval + 1) * top.interval;
                    top.time = next;
                    queue.add(top);
                }
                punctuated = true;
            }
            top = queue.peek();
        }
        return punctuated;
    }
}
