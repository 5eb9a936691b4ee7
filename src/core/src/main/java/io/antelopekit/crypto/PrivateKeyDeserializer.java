package io.antelopekit.crypto;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads a {@link PrivateKey} from a JSON string ({@code PVT_K1_}, {@code PVT_R1_} or legacy WIF).
 * Anything else fails with {@link PrivateKeyJsonException}, which names the place but never the
 * value: Jackson's own errors would quote the text of the key.
 */
final class PrivateKeyDeserializer extends StdDeserializer<PrivateKey> {

    private static final long serialVersionUID = 1L;

    PrivateKeyDeserializer() {
        super(PrivateKey.class);
    }

    @Override
    public PrivateKey deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String pointer = p.getParsingContext().pathAsPointer().toString();
        String where = pointer.isEmpty() ? "the document's root" : pointer;
        JsonToken token = p.currentToken();
        if (token != JsonToken.VALUE_STRING) {
            // skip what is there without reading it into a message (an object or array may hold a key)
            p.skipChildren();
            throw new PrivateKeyJsonException(p, pointer, "cannot read a private key at " + where
                    + ": expected a key string (PVT_K1_..., PVT_R1_... or legacy WIF), got " + describe(token), null);
        }
        String text = p.getText();
        try {
            return PrivateKey.from(text.strip());
        } catch (InvalidKeyException e) {
            // PrivateKey.from's messages never repeat the input
            throw new PrivateKeyJsonException(p, pointer, "cannot read a private key at " + where + ": " + e.getMessage(), e);
        }
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return "a " + token.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }
}
