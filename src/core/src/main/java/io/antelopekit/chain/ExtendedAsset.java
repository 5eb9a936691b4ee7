package io.antelopekit.chain;

import java.util.Objects;

/**
 * An asset together with the contract that issued it (ABI {@code extended_asset}), so that
 * two tokens with the same symbol on different contracts are told apart. JSON is an object
 * {@code {"quantity":"1.0000 EOS","contract":"eosio.token"}}.
 *
 * <pre>{@code
 * ExtendedAsset x = new ExtendedAsset(Asset.from("1.0000 EOS"), Name.from("eosio.token"));
 * x.toString();   // "1.0000 EOS@eosio.token"
 * }</pre>
 *
 * @param quantity the amount and symbol
 * @param contract the token contract's account
 */
public record ExtendedAsset(Asset quantity, Name contract) implements BinaryEncodable {

    /**
     * @throws NullPointerException if either part is null
     */
    public ExtendedAsset {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(contract, "contract");
    }

    /** Reads an asset and a contract name. */
    public static ExtendedAsset decode(BinaryReader in) {
        Asset quantity = Asset.decode(in);
        return new ExtendedAsset(quantity, Name.decode(in));
    }

    @Override
    public void encode(BinaryWriter out) {
        quantity.encode(out);
        contract.encode(out);
    }

    /** {@code quantity@contract}, as the node prints it: {@code 1.0000 EOS@eosio.token}. */
    @Override
    public String toString() {
        return quantity + "@" + contract;
    }
}
