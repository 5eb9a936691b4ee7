package io.antelopekit.devnet;

import io.antelopekit.abi.AbiDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The ABIs the devnet serves for its built-in contracts, read once from the package's resources. */
final class Resources {

    private static final AbiDefinition EOSIO = load("eosio.abi.json");
    private static final AbiDefinition TOKEN = load("eosio.token.abi.json");
    private static final AbiDefinition KITTEST = load("kittest.abi.json");
    private static final AbiDefinition PAYOUT = load("kitpayout.abi.json");

    private Resources() {
    }

    /** The {@code eosio} ABI, trimmed to the native actions the devnet runs. */
    static AbiDefinition eosioAbi() {
        return EOSIO;
    }

    static AbiDefinition tokenAbi() {
        return TOKEN;
    }

    /** The ABI of {@code kittest}, the built-in test contract. */
    static AbiDefinition kittestAbi() {
        return KITTEST;
    }

    /** The ABI of {@code kitpayout}, the built-in contract that sends an inline action. */
    static AbiDefinition payoutAbi() {
        return PAYOUT;
    }

    private static AbiDefinition load(String name) {
        try (InputStream in = Resources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource io/antelopekit/devnet/" + name + " is missing");
            }
            return AbiDefinition.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
