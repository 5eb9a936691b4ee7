package io.antelopekit.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Shared inputs of the benchmarks. */
final class Fixtures {

    /** A chain id (Jungle 4). */
    static final String CHAIN_ID = "73e4385a2708e6d7048834fbc1079f2fabb17b3c125b146af438971e90716c4d";

    /** A test key from the conformance vectors: never use it for anything real. */
    static final String K1_KEY = "5HtZrngA3azMZSR5hb9RR1R5hhzqRGnBQNBB5A4upNhJnPbgZU7";

    private Fixtures() {
    }

    static String tokenAbiJson() {
        try (InputStream in = Fixtures.class.getResourceAsStream("/io/antelopekit/devnet/eosio.token.abi.json")) {
            if (in == null) {
                throw new IllegalStateException("eosio.token ABI missing from the SDK jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The eosio.token transfer action's data, as a bot would hold it. */
    record Transfer(String from, String to, String quantity, String memo) {
    }
}
