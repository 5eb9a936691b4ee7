package io.antelopekit.chain;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * A token: the chain, the contract that issues it and its symbol, as WharfKit's
 * {@code TokenIdentifier}. Its JSON form is {@code {"chain": hex, "contract": name, "symbol": "4,EOS"}}.
 *
 * @param chain the chain id
 * @param contract the token contract, e.g. {@code eosio.token}
 * @param symbol the symbol with its precision, e.g. {@code 4,EOS}
 */
public record TokenIdentifier(@JsonProperty("chain") Checksum256 chain, @JsonProperty("contract") Name contract,
        @JsonProperty("symbol") Symbol symbol) {

    public TokenIdentifier {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(symbol, "symbol");
    }

    /** The token {@code symbol} (e.g. {@code "4,EOS"}) of {@code contract} on {@code chain}. */
    public static TokenIdentifier of(Checksum256 chain, String contract, String symbol) {
        return new TokenIdentifier(chain, Name.from(Objects.requireNonNull(contract, "contract")),
                Symbol.from(Objects.requireNonNull(symbol, "symbol")));
    }
}
