package dev.millrace.connect.json;

/** How {@link JsonConverter} writes Decimal values ({@code decimal.format}): Connect's two choices. */
public enum DecimalFormat {
    /** The unscaled two's-complement bytes, base64-encoded, as a JSON string (Connect's default). */
    BASE64,
    /** A JSON number. */
    NUMERIC
}
