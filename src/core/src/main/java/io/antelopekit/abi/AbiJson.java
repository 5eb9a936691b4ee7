package io.antelopekit.abi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** The Jackson mappers of this package. */
final class AbiJson {

    /** Reads and writes {@link AbiDefinition}: node field names, unknown fields ignored like a node does. */
    static final ObjectMapper DEFINITIONS = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * Converts decoded JSON to records and maps: ABI {@code snake_case} field names match
     * {@code camelCase} record components, and chain value types read from and write to their
     * string forms.
     */
    static final ObjectMapper RECORDS = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new ChainTypesModule())
            .build();

    private AbiJson() {
    }

    /** Whether {@code c} is one of the SDK's chain value types with a string form. */
    static boolean isChainValue(Class<?> c) {
        if (c.isInterface() || c.isEnum() || c.isArray() || c.isPrimitive()) {
            return false;
        }
        String pkg = c.getPackageName();
        if (!pkg.equals("io.antelopekit.chain") && !pkg.equals("io.antelopekit.crypto")
                || c.getSimpleName().contains("Private")) {
            return false;
        }
        if (c.isRecord()) {
            return c.getRecordComponents().length == 1 && numberFactory(c) != null;
        }
        return stringFactory(c) != null;
    }

    /** {@code static X of(long)} or {@code of(int)}, for value types that are numbers. */
    static Method numberFactory(Class<?> c) {
        for (Class<?> arg : new Class<?>[] {long.class, int.class}) {
            try {
                Method m = c.getMethod("of", arg);
                if (Modifier.isStatic(m.getModifiers()) && c.isAssignableFrom(m.getReturnType())) {
                    return m;
                }
            } catch (NoSuchMethodException e) {
                // try the next
            }
        }
        return null;
    }

    static Method stringFactory(Class<?> c) {
        for (String name : new String[] {"from", "fromString", "parse"}) {
            try {
                Method m = c.getMethod(name, String.class);
                if (Modifier.isStatic(m.getModifiers()) && c.isAssignableFrom(m.getReturnType())) {
                    return m;
                }
            } catch (NoSuchMethodException e) {
                // try the next name
            }
        }
        return null;
    }

    private static final class ChainTypesModule extends SimpleModule {

        private static final long serialVersionUID = 1L;

        ChainTypesModule() {
            super("antelopekit-chain-types");
        }

        @Override
        public void setupModule(SetupContext context) {
            super.setupModule(context);
            context.addDeserializers(new Deserializers.Base() {
                @Override
                public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
                        BeanDescription beanDesc) {
                    Class<?> c = type.getRawClass();
                    return isChainValue(c) ? new StringFormDeserializer(c) : null;
                }
            });
            context.addSerializers(new Serializers.Base() {
                @Override
                public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription beanDesc) {
                    return isChainValue(type.getRawClass()) ? ToStringSerializer.instance : null;
                }
            });
        }
    }

    /** Reads a chain value type from its string form (numbers as their decimal text). */
    private static final class StringFormDeserializer extends StdScalarDeserializer<Object> {

        private static final long serialVersionUID = 1L;

        private final transient Method factory;
        private final transient Method numberFactory;

        StringFormDeserializer(Class<?> c) {
            super(c);
            this.factory = stringFactory(c);
            this.numberFactory = numberFactory(c);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                return ctxt.handleUnexpectedToken(handledType(), p);
            }
            String text = p.getText();
            if (handledType().getSimpleName().equals("Float128") && text.startsWith("0x")) {
                text = text.substring(2);
            }
            try {
                if (numberFactory != null && (t == JsonToken.VALUE_NUMBER_INT || factory == null)) {
                    long v = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : Long.parseLong(text.trim());
                    return numberFactory.getParameterTypes()[0] == int.class ? numberFactory.invoke(null, Math.toIntExact(v))
                            : numberFactory.invoke(null, v);
                }
                if (factory == null) {
                    return ctxt.handleUnexpectedToken(handledType(), p);
                }
                return factory.invoke(null, text);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                return ctxt.handleWeirdStringValue(handledType(), text, "%s",
                        cause == null ? e.toString() : cause.getMessage());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (ArithmeticException | NumberFormatException e) {
                return ctxt.handleWeirdStringValue(handledType(), text, "%s", e.getMessage());
            }
        }
    }
}
