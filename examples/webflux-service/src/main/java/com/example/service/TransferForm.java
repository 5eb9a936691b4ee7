package com.example.service;

import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Name;
import io.antelopekit.session.ActionRequest;
import io.antelopekit.spring.security.AntelopePrincipal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the page sends for a transfer from the signed-in user.
 *
 * @param to       the account to send to
 * @param quantity the amount, such as {@code 1.0000 EOS}
 * @param memo     the memo (may be absent)
 */
record TransferForm(String to, String quantity, String memo) {

    /**
     * The {@code eosio.token::transfer} from {@code who}, signed by their session's signer.
     *
     * @throws io.antelopekit.chain.InvalidValueException naming the field, for a bad account or quantity
     */
    ActionRequest toAction(AntelopePrincipal who) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", who.permissionLevel().actor().toString());
        data.put("to", Name.from(Objects.requireNonNull(to, "to")).toString());
        data.put("quantity", Asset.from(Objects.requireNonNull(quantity, "quantity")).toString());
        data.put("memo", memo == null ? "" : memo);
        return ActionRequest.of("eosio.token", "transfer", data);
    }
}
