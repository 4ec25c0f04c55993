package dev.millrace.connect.data;

import dev.millrace.connect.errors.DataException;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Arbitrary-precision decimals as Connect encodes them: BYTES holding the two's-complement big-endian unscaled
 * value, with the scale in the schema's {@code "scale"} parameter.
 */
public final class Decimal {
    public static final String LOGICAL_NAME = "org.apache.kafka.connect.data.Decimal";
    public static final String SCALE_FIELD = "scale";

    private Decimal() {
    }

    public static SchemaBuilder builder(int scale) {
        return SchemaBuilder.bytes().name(LOGICAL_NAME).parameter(SCALE_FIELD, Integer.toString(scale)).version(1);
    }

    public static Schema schema(int scale) {
        return builder(scale).build();
    }

    /** The unscaled bytes of {@code value}, which must carry the schema's scale. */
    public static byte[] fromLogical(Schema schema, BigDecimal value) {
        int scale = scale(schema);
        if (value.scale() != scale) {
            throw new DataException("BigDecimal has mismatching scale value for given Decimal schema: "
                    + value.scale() + " instead of " + scale);
        }
        return value.unscaledValue().toByteArray();
    }

    public static BigDecimal toLogical(Schema schema, byte[] value) {
        return new BigDecimal(new BigInteger(value), scale(schema));
    }

    public static int scale(Schema schema) {
        String scale = schema.parameters() == null ? null : schema.parameters().get(SCALE_FIELD);
        if (scale == null) {
            throw new DataException("Invalid Decimal schema: scale parameter not found");
        }
        try {
            return Integer.parseInt(scale);
        } catch (NumberFormatException e) {
            throw new DataException("Invalid scale parameter found in Decimal schema: " + scale, e);
        }
    }
}
