package io.antelopekit.crypto;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/** Makes Jackson fail instead of writing a private key. */
final class PrivateKeySerializer extends StdSerializer<PrivateKey> {

    private static final long serialVersionUID = 1L;

    PrivateKeySerializer() {
        super(PrivateKey.class);
    }

    @Override
    public void serialize(PrivateKey value, JsonGenerator gen, SerializerProvider provider) throws JsonMappingException {
        throw JsonMappingException.from(gen, "refusing to serialize private key " + value
                + " to JSON: use toSecretString() explicitly if the secret must be written");
    }
}
