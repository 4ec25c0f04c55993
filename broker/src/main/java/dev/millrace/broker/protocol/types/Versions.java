package dev.millrace.broker.protocol.types;

/**
 * An inclusive range of API versions as Kafka writes it: {@code "3+"}, {@code "0-8"}, {@code "5"} or
 * {@code "none"}. Open-ended ranges run to {@link Short#MAX_VALUE}.
 */
public record Versions(short lowest, short highest) {

    public static final Versions NONE = new Versions((short) 1, (short) 0);
    public static final Versions ALL = new Versions((short) 0, Short.MAX_VALUE);

    public static Versions parse(String text) {
        String t = text.trim();
        try {
            if (t.equals("none")) {
                return NONE;
            }
            if (t.endsWith("+")) {
                return new Versions(Short.parseShort(t.substring(0, t.length() - 1)), Short.MAX_VALUE);
            }
            int dash = t.indexOf('-');
            if (dash > 0) {
                return new Versions(Short.parseShort(t.substring(0, dash)), Short.parseShort(t.substring(dash + 1)));
            }
            short v = Short.parseShort(t);
            return new Versions(v, v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a version range: '" + text + "'", e);
        }
    }

    public boolean contains(short version) {
        return version >= lowest && version <= highest;
    }

    public boolean isEmpty() {
        return lowest > highest;
    }

    @Override
    public String toString() {
        if (isEmpty()) {
            return "none";
        }
        if (highest == Short.MAX_VALUE) {
            return lowest + "+";
        }
        return lowest == highest ? Short.toString(lowest) : lowest + "-" + highest;
    }
}
