package io.antelopekit.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.AntelopeException;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.model.AbiResponse;
import io.antelopekit.api.model.AccountInfo;
import io.antelopekit.api.model.AccountsByAuthorizersResponse;
import io.antelopekit.api.model.BlockInfo;
import io.antelopekit.api.model.BlockResponse;
import io.antelopekit.api.model.ChainErrorBody;
import io.antelopekit.api.model.ChainInfo;
import io.antelopekit.api.model.ChainJson;
import io.antelopekit.api.model.CurrencyBalance;
import io.antelopekit.api.model.RawAbiResponse;
import io.antelopekit.api.model.RequiredKeysResponse;
import io.antelopekit.api.model.TableRowsResponse;
import io.antelopekit.api.model.TransactionResponse;
import io.antelopekit.api.model.TransactionStatus;
import io.antelopekit.chain.Name;
import java.util.Base64;
import java.util.List;

/**
 * How {@link ChainClient} reads node answers: JSON into the models with {@link ChainJson#mapper()},
 * and a binary ABI from {@code get_raw_abi}.
 */
final class Answers {

    private static final ObjectMapper MAPPER = ChainJson.mapper();

    private Answers() {
    }

    /**
     * Builds the readers of every model a client reads. Jackson builds a type's deserializer under
     * a lock the first time it reads that type; doing it once, before the first request, means no
     * event loop ever waits on that lock when two first answers race.
     */
    static void warmUp() {
        for (Class<?> type : List.of(ChainInfo.class, AccountInfo.class, AbiResponse.class, RawAbiResponse.class,
                BlockResponse.class, BlockInfo.class, TableRowsResponse.class, CurrencyBalance.class,
                RequiredKeysResponse.class, AccountsByAuthorizersResponse.class, TransactionResponse.class,
                TransactionStatus.class, JsonNode.class, ChainErrorBody.class)) {
            MAPPER.readerFor(type);
        }
    }

    /** Reads a success answer into {@code type}; a {@link MalformedResponseException} when it does not map. */
    static <T> Transport.Decoder<T> json(Class<T> type) {
        return (url, status, bytes) -> Transport.readJson(MAPPER, url, status, bytes, type);
    }

    /**
     * Reads a {@code get_raw_abi} answer into the compiled ABI of {@code account}: {@code null} (so
     * empty) when the account has none, a {@link MalformedResponseException} when it does not decode.
     */
    static Transport.Decoder<Abi> abi(Name account) {
        return (url, status, bytes) -> {
            RawAbiResponse raw = Transport.readJson(MAPPER, url, status, bytes, RawAbiResponse.class);
            try {
                byte[] abi = base64(raw.abiBase64());
                return abi.length == 0 ? null : Abi.fromBinary(abi);
            } catch (AntelopeException | IllegalArgumentException e) {
                throw Transport.malformed(url, status, bytes, "binary ABI of " + account, e);
            }
        };
    }

    /**
     * Base64 as nodes write it: some pad with more {@code =} than the standard allows, so the
     * padding is dropped before decoding.
     */
    static byte[] base64(String s) {
        if (s == null) {
            return new byte[0];
        }
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        return Base64.getDecoder().decode(end == s.length() ? s : s.substring(0, end));
    }
}
