package dev.millrace.tools.consume;

/**
 * Where {@code consume} starts reading assigned partitions: from the earliest offset, from the end (only
 * new records, the default) or from one offset, given as {@code --offset earliest|latest|N} or
 * {@code --from-beginning}.
 */
public record StartPosition(Kind kind, long offset) {

    public enum Kind { EARLIEST, LATEST, OFFSET }

    public static final StartPosition EARLIEST = new StartPosition(Kind.EARLIEST, -1);
    public static final StartPosition LATEST = new StartPosition(Kind.LATEST, -1);

    /** Parses an {@code --offset} value; throws {@link IllegalArgumentException} with the accepted forms. */
    public static StartPosition parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("earliest")) {
            return EARLIEST;
        }
        if (t.equalsIgnoreCase("latest")) {
            return LATEST;
        }
        try {
            long offset = Long.parseLong(t);
            if (offset >= 0) {
                return new StartPosition(Kind.OFFSET, offset);
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("--offset must be earliest, latest or an offset >= 0, not '" + text + "'");
    }
}
