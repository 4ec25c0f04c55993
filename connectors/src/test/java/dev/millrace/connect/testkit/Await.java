package dev.millrace.connect.testkit;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes, then fails with a description of the last state. */
public final class Await {
    private Await() {
    }

    public static void until(String what, long timeoutMs, BooleanSupplier condition) {
        until(what, timeoutMs, condition, () -> "");
    }

    public static void until(String what, long timeoutMs, BooleanSupplier condition, Supplier<String> lastState) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what + " " + lastState.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
