package dev.millrace.connect.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The status {@code trace} of a failure: the message first (what to fix), then the stack trace. */
final class Traces {
    private Traces() {
    }

    static String of(Throwable t) {
        StringWriter out = new StringWriter();
        String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        out.append(message).append('\n');
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
