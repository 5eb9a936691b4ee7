package io.antelopekit.api.model;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a 64-bit integer field that a node writes the way its JSON writer (fc) does: as a
 * string when the magnitude is above {@code 0xffffffff}, as a number otherwise. Reading accepts
 * both forms (Jackson coerces numeric strings).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@JacksonAnnotationsInside
@JsonSerialize(using = Int64.Serializer.class)
@interface Int64 {

    /** Writes a {@code long} as fc does. */
    final class Serializer extends StdSerializer<Long> {

        private static final long serialVersionUID = 1L;
        private static final long MAX_NUMBER = 0xffffffffL;

        Serializer() {
            super(Long.class);
        }

        @Override
        public void serialize(Long value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            long v = value;
            if (v > MAX_NUMBER || v < -MAX_NUMBER) {
                gen.writeString(Long.toString(v));
            } else {
                gen.writeNumber(v);
            }
        }
    }
}
