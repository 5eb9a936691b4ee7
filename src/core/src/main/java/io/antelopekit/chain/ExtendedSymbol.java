package io.antelopekit.chain;

import java.util.Objects;

/**
 * A symbol together with the contract that issued it (ABI {@code extended_symbol}), so that
 * two tokens with the same symbol on different contracts are told apart. JSON is an object
 * {@code {"sym":"4,EOS","contract":"eosio.token"}}.
 *
 * <pre>{@code
 * ExtendedSymbol s = new ExtendedSymbol(Symbol.from("4,EOS"), Name.from("eosio.token"));
 * s.toString();   // "4,EOS@eosio.token"
 * }</pre>
 *
 * @param sym the precision and code
 * @param contract the token contract's account
 */
public record ExtendedSymbol(Symbol sym, Name contract) implements BinaryEncodable {

    /**
     * @throws NullPointerException if either part is null
     */
    public ExtendedSymbol {
        Objects.requireNonNull(sym, "sym");
        Objects.requireNonNull(contract, "contract");
    }

    /** Reads an asset and a contract name. */
    public static ExtendedSymbol decode(BinaryReader in) {
        Symbol sym = Symbol.decode(in);
        return new ExtendedSymbol(sym, Name.decode(in));
    }

    @Override
    public void encode(BinaryWriter out) {
        sym.encode(out);
        contract.encode(out);
    }

    /** {@code sym@contract}, as the node prints it: {@code 4,EOS@eosio.token}. */
    @Override
    public String toString() {
        return sym + "@" + contract;
    }
}
