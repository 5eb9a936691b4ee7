package io.antelopekit.spring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.antelopekit.api.model.ChainJson;
import java.io.IOException;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.deser.Deserializers;
import tools.jackson.databind.deser.KeyDeserializers;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.Serializers;

/**
 * antelopekit's types in a Jackson 3 ({@code tools.jackson}) mapper, such as the one Spring Boot 4
 * builds for WebFlux's codecs: every type of antelopekit's packages ({@code io.antelopekit.*}) and
 * every Jackson 2 tree ({@code com.fasterxml.jackson.databind.JsonNode}) is written and read by the
 * SDK's own Jackson 2 mapper ({@link ChainJson#mapper()}), so it has the same JSON in both: value
 * types ({@code Name}, {@code Asset}, {@code Checksum256}, {@code PermissionLevel},
 * {@code PublicKey}, {@code Signature}, ...) as their canonical strings, the chain API's records
 * in the node's snake_case, a {@code JsonNode} as the JSON it holds, a
 * {@link io.antelopekit.session.TransactEvent} with its {@code type}. Without it Jackson 3 knows
 * none of antelopekit's Jackson 2 serializers and writes a {@code JsonNode} as its bean
 * properties ({@code {"nodeType":"STRING","textual":true,...}}), and it cannot read one at all.
 *
 * <p>The auto-configuration defines it as a bean when Jackson 3 is on the class path, and Spring
 * Boot adds every {@link JacksonModule} bean to its {@code JsonMapper}. Without Spring Boot:
 * {@code JsonMapper.builder().addModule(new AntelopeJacksonModule()).build()}. It needs nothing of
 * Spring. Types the application nests inside its own classes (a record with a {@code Name} field,
 * a {@code Map<String, JsonNode>}) go through it too; map keys of antelopekit's types are read
 * from their canonical strings (Jackson 3 writes keys with {@code toString()}, which is that
 * string).
 *
 * <p>A value is copied token by token between the two libraries (no text in between), so it
 * works with any format and inside {@code valueToTree}. A value that the SDK's mapper cannot read
 * (a malformed name, a wrong type) fails as a Jackson 3 {@link DatabindException} naming the
 * type, which Spring answers as {@code 400 Bad Request}; a private key is refused as Jackson 2
 * refuses it.
 */
public class AntelopeJacksonModule extends JacksonModule {

    private final ObjectMapper sdkMapper;

    /** With the SDK's shared mapper, {@link ChainJson#mapper()}. */
    public AntelopeJacksonModule() {
        this(ChainJson.mapper());
    }

    /**
     * With another Jackson 2 mapper, such as a copy of {@link ChainJson#newMapper()} with the
     * application's settings.
     *
     * @param sdkMapper the Jackson 2 mapper that writes and reads antelopekit's types
     */
    public AntelopeJacksonModule(ObjectMapper sdkMapper) {
        this.sdkMapper = Objects.requireNonNull(sdkMapper, "sdkMapper");
    }

    /**
     * Whether this module writes and reads {@code type}: antelopekit's types (but not its examples')
     * and Jackson 2 trees.
     *
     * @param type a class
     * @return whether the SDK's mapper handles it
     */
    public static boolean handles(Class<?> type) {
        if (TreeNode.class.isAssignableFrom(type)) {
            return true;
        }
        String name = type.getName();
        return name.startsWith("io.antelopekit.") && !name.startsWith("io.antelopekit.example");
    }

    @Override
    public String getModuleName() {
        return "antelopekit";
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public void setupModule(SetupContext context) {
        context.addSerializers(new Serializers() {
            @Override
            public ValueSerializer<?> findSerializer(SerializationConfig config, JavaType type,
                    BeanDescription.Supplier beanDesc, com.fasterxml.jackson.annotation.JsonFormat.Value format) {
                return handles(type.getRawClass()) ? new Writer(type.getRawClass()) : null;
            }

            @Override
            public ValueSerializer<?> findEnumSerializer(SerializationConfig config, JavaType type,
                    BeanDescription.Supplier beanDesc, com.fasterxml.jackson.annotation.JsonFormat.Value format) {
                return findSerializer(config, type, beanDesc, format);
            }
        });
        context.addDeserializers(new Deserializers() {
            @Override
            public ValueDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
                    BeanDescription.Supplier beanDesc) {
                return handles(type.getRawClass()) ? new Reader(sdkType(type)) : null;
            }

            @Override
            public ValueDeserializer<?> findEnumDeserializer(JavaType type, DeserializationConfig config,
                    BeanDescription.Supplier beanDesc) {
                return findBeanDeserializer(type, config, beanDesc);
            }

            @Override
            public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
                return handles(valueType);
            }
        });
        context.addKeyDeserializers(new KeyDeserializers() {
            @Override
            public KeyDeserializer findKeyDeserializer(JavaType type, DeserializationConfig config,
                    BeanDescription.Supplier beanDesc) {
                return handles(type.getRawClass()) && !TreeNode.class.isAssignableFrom(type.getRawClass())
                        ? new KeyReader(sdkType(type)) : null;
            }
        });
    }

    /** The Jackson 2 type of a Jackson 3 type (the class and its type parameters). */
    private com.fasterxml.jackson.databind.JavaType sdkType(JavaType type) {
        var factory = sdkMapper.getTypeFactory();
        if (type.isArrayType()) {
            return factory.constructArrayType(sdkType(type.getContentType()));
        }
        int n = type.containedTypeCount();
        if (n == 0) {
            return factory.constructType(type.getRawClass());
        }
        com.fasterxml.jackson.databind.JavaType[] parameters = new com.fasterxml.jackson.databind.JavaType[n];
        for (int i = 0; i < n; i++) {
            parameters[i] = sdkType(type.containedType(i));
        }
        return factory.constructParametricType(type.getRawClass(), parameters);
    }

    /** Writes a value with the SDK's mapper, then its tokens to the Jackson 3 generator. */
    private final class Writer extends ValueSerializer<Object> {
        private final Class<?> type;

        Writer(Class<?> type) {
            this.type = type;
        }

        @Override
        public Class<?> handledType() {
            return type;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializationContext ctxt) throws JacksonException {
            TokenBuffer buffer = new TokenBuffer(sdkMapper, false);
            try {
                sdkMapper.writeValue(buffer, value);
                try (com.fasterxml.jackson.core.JsonParser p = buffer.asParser(sdkMapper)) {
                    for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                        copy(p, t, gen);
                    }
                }
            } catch (IOException e) {
                throw DatabindException.from(gen, "antelopekit could not write " + value.getClass().getName()
                        + ": " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
            }
        }

        /** The SDK's mapper writes the type ids of antelopekit's polymorphic types itself. */
        @Override
        public void serializeWithType(Object value, JsonGenerator gen, SerializationContext ctxt, TypeSerializer typeSer)
                throws JacksonException {
            serialize(value, gen, ctxt);
        }

        private void copy(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.core.JsonToken t, JsonGenerator gen)
                throws IOException {
            switch (t) {
                case START_OBJECT -> gen.writeStartObject();
                case END_OBJECT -> gen.writeEndObject();
                case START_ARRAY -> gen.writeStartArray();
                case END_ARRAY -> gen.writeEndArray();
                case FIELD_NAME -> gen.writeName(p.currentName());
                case VALUE_STRING -> gen.writeString(p.getText());
                case VALUE_TRUE -> gen.writeBoolean(true);
                case VALUE_FALSE -> gen.writeBoolean(false);
                case VALUE_NULL -> gen.writeNull();
                case VALUE_NUMBER_INT -> {
                    switch (p.getNumberType()) {
                        case INT -> gen.writeNumber(p.getIntValue());
                        case LONG -> gen.writeNumber(p.getLongValue());
                        default -> gen.writeNumber(p.getBigIntegerValue());
                    }
                }
                case VALUE_NUMBER_FLOAT -> {
                    switch (p.getNumberType()) {
                        case FLOAT -> gen.writeNumber(p.getFloatValue());
                        case DOUBLE -> gen.writeNumber(p.getDoubleValue());
                        default -> gen.writeNumber(p.getDecimalValue());
                    }
                }
                case VALUE_EMBEDDED_OBJECT -> {
                    Object o = p.getEmbeddedObject();
                    if (o instanceof byte[] bytes) {
                        gen.writeBinary(bytes);
                    } else {
                        gen.writePOJO(o);
                    }
                }
                default -> throw new IllegalStateException("unexpected token " + t);
            }
        }
    }

    /** Copies the value's tokens from the Jackson 3 parser, then reads them with the SDK's mapper. */
    private final class Reader extends ValueDeserializer<Object> {
        private final com.fasterxml.jackson.databind.JavaType type;

        Reader(com.fasterxml.jackson.databind.JavaType type) {
            this.type = type;
        }

        @Override
        public Class<?> handledType() {
            return type.getRawClass();
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            TokenBuffer buffer = new TokenBuffer(sdkMapper, false);
            try {
                copyValue(p, buffer);
                try (com.fasterxml.jackson.core.JsonParser q = buffer.asParser(sdkMapper)) {
                    q.nextToken();
                    return sdkMapper.readValue(q, type);
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof JacksonException j) {
                    throw j;
                }
                throw DatabindException.from(p, "cannot read " + type.getRawClass().getSimpleName() + ": "
                        + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
            }
        }

        /** The SDK's mapper reads the type ids of antelopekit's polymorphic types itself. */
        @Override
        public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer typeDeserializer)
                throws JacksonException {
            return deserialize(p, ctxt);
        }

        /** JSON {@code null} is Jackson 2's {@code NullNode} for a tree, as Jackson 2 reads it; {@code null} otherwise. */
        @Override
        public Object getNullValue(DeserializationContext ctxt) {
            return TreeNode.class.isAssignableFrom(type.getRawClass()) && type.getRawClass().isInstance(NullNode.getInstance())
                    ? NullNode.getInstance() : null;
        }
    }

    /** Reads a map key of an antelopekit type from its canonical string. */
    private final class KeyReader extends KeyDeserializer {
        private final com.fasterxml.jackson.databind.JavaType type;

        KeyReader(com.fasterxml.jackson.databind.JavaType type) {
            this.type = type;
        }

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws JacksonException {
            try {
                return sdkMapper.convertValue(key, type);
            } catch (IllegalArgumentException e) {
                throw DatabindException.from(ctxt, "cannot read the key '" + key + "' as "
                        + type.getRawClass().getSimpleName() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Copies the parser's current value (a scalar, or an object or array with everything in it) into the buffer. */
    private static void copyValue(JsonParser p, TokenBuffer out) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.PROPERTY_NAME) {
            // inside an object whose start a caller has consumed (Jackson passes objects so to some deserializers)
            out.writeStartObject();
            for (; t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
                out.writeFieldName(p.currentName());
                p.nextToken();
                copyValue(p, out);
            }
            out.writeEndObject();
            return;
        }
        int depth = 0;
        do {
            switch (t) {
                case START_OBJECT -> {
                    out.writeStartObject();
                    depth++;
                }
                case END_OBJECT -> {
                    out.writeEndObject();
                    depth--;
                }
                case START_ARRAY -> {
                    out.writeStartArray();
                    depth++;
                }
                case END_ARRAY -> {
                    out.writeEndArray();
                    depth--;
                }
                case PROPERTY_NAME -> out.writeFieldName(p.currentName());
                case VALUE_STRING -> out.writeString(p.getString());
                case VALUE_TRUE -> out.writeBoolean(true);
                case VALUE_FALSE -> out.writeBoolean(false);
                case VALUE_NULL -> out.writeNull();
                case VALUE_NUMBER_INT -> {
                    switch (p.getNumberType()) {
                        case INT -> out.writeNumber(p.getIntValue());
                        case LONG -> out.writeNumber(p.getLongValue());
                        default -> out.writeNumber(p.getBigIntegerValue());
                    }
                }
                case VALUE_NUMBER_FLOAT -> out.writeNumber(p.getDecimalValue());   // exact, as the text has it
                case VALUE_EMBEDDED_OBJECT -> {
                    Object o = p.getEmbeddedObject();
                    if (o instanceof byte[] bytes) {
                        out.writeBinary(bytes);
                    } else {
                        out.writeObject(o);
                    }
                }
                default -> throw new IllegalStateException("unexpected token " + t);
            }
            if (depth > 0) {
                t = p.nextToken();
                if (t == null) {
                    throw new java.io.EOFException("unexpected end of input");
                }
            }
        } while (depth > 0);
    }
}
