package dev.millrace.broker.handler;

import dev.millrace.broker.protocol.types.Struct;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fetch waiting for data: it listens to appends on its partitions and completes as soon as enough bytes
 * are readable, or when its wait time runs out — whichever comes first, exactly once. No polling: appends
 * wake it, and a single timer task ends the wait. On each append it counts the readable bytes from the
 * positions of its fetch offsets and of the high watermarks ({@link FetchHandler.FetchReader#bytesAvailable}),
 * and reads the log only once they reach {@code MinBytes}, as Kafka's delayed fetch does.
 */
final class DelayedFetch {
    private final FetchHandler.FetchReader reader;
    private final List<FetchHandler.Wanted> wanted;
    private final int minBytes;
    private final CompletableFuture<Struct> result = new CompletableFuture<>();
    private final AtomicBoolean done = new AtomicBoolean();
    private final Runnable onAppend = this::tryComplete;
    private volatile ScheduledFuture<?> timeout;

    DelayedFetch(FetchHandler.FetchReader reader, List<FetchHandler.Wanted> wanted, int minBytes) {
        this.reader = reader;
        this.wanted = wanted;
        this.minBytes = minBytes;
    }

    CompletableFuture<Struct> park(ScheduledExecutorService timer, int maxWaitMs) {
        for (FetchHandler.Wanted w : wanted) {
            if (w.partition() != null) {
                w.partition().addAppendListener(onAppend);
            }
        }
        timeout = timer.schedule(this::expire, maxWaitMs, TimeUnit.MILLISECONDS);
        // An append may have landed between the first read and the registration above.
        tryComplete();
        return result;
    }

    private void tryComplete() {
        if (done.get()) {
            return;
        }
        if (reader.countedBytes() >= minBytes) {
            finish(reader.read().response());
        } else if (reader.hasUncountedData()) {
            FetchHandler.FetchReader.Result attempt = reader.read();
            if (attempt.bytes() >= minBytes || attempt.hasError()) {
                finish(attempt.response());
            }
        }
    }

    private void expire() {
        if (!done.get()) {
            finish(reader.read().response());
        }
    }

    private void finish(Struct response) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        for (FetchHandler.Wanted w : wanted) {
            if (w.partition() != null) {
                w.partition().removeAppendListener(onAppend);
            }
        }
        ScheduledFuture<?> t = timeout;
        if (t != null) {
            t.cancel(false);
        }
        result.complete(response);
    }
}
