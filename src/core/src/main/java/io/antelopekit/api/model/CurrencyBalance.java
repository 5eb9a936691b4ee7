package io.antelopekit.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.antelopekit.chain.Asset;
import java.util.List;

/**
 * The answer of {@code /v1/chain/get_currency_balance}: a JSON array of the account's balances
 * of a token contract, one per symbol (one at most when the request names a symbol).
 *
 * <pre>{@code
 * CurrencyBalance b = ChainJson.mapper().readValue("[\"1.0000 EOS\"]", CurrencyBalance.class);
 * b.balances().get(0);   // 1.0000 EOS
 * }</pre>
 *
 * @param balances the balances, possibly empty
 */
public record CurrencyBalance(List<Asset> balances) {

    /**
     * Copies the list.
     *
     * @param balances the balances
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public CurrencyBalance {
        balances = balances == null ? List.of() : Models.copy(balances);
    }

    /**
     * The balances, written back as the bare JSON array.
     *
     * @return the balances
     */
    @Override
    @JsonValue
    public List<Asset> balances() {
        return balances;
    }

    /**
     * Whether the account holds none of the token.
     *
     * @return true if there is no balance
     */
    public boolean isEmpty() {
        return balances.isEmpty();
    }
}
