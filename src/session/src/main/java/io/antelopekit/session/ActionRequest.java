package io.antelopekit.session;

import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.esr.SigningRequest;

import java.util.List;
import java.util.Objects;

/**
 * An action whose data is still a record, {@code Map} or {@code JsonNode}, encoded through the
 * session's ABI cache. Without an authorization it is authorized by the session's signer (the
 * {@code ............1@............2} placeholder).
 *
 * <pre>{@code
 * ActionRequest.of("eosio.token", "transfer",
 *         Map.of("from", "............1", "to", "bob", "quantity", "1.0000 EOS", "memo", ""))
 * }</pre>
 *
 * @param account the contract
 * @param name the action
 * @param authorization who authorizes it
 * @param data its data
 */
public record ActionRequest(Name account, Name name, List<PermissionLevel> authorization, Object data) {

    /**
     * The placeholder for the signer's actor: {@code ............1}; an alias of
     * {@link SigningRequest#PLACEHOLDER_ACTOR} (the same object), kept so that code building
     * actions for a session needs no signing-request import.
     */
    public static final Name PLACEHOLDER_ACTOR = SigningRequest.PLACEHOLDER_ACTOR;
    /** The placeholder for the signer's permission: {@code ............2}; an alias of {@link SigningRequest#PLACEHOLDER_PERMISSION}. */
    public static final Name PLACEHOLDER_PERMISSION = SigningRequest.PLACEHOLDER_PERMISSION;
    /** The signer's permission level, as placeholders; an alias of {@link SigningRequest#PLACEHOLDER_AUTH}. */
    public static final PermissionLevel PLACEHOLDER_SIGNER = SigningRequest.PLACEHOLDER_AUTH;

    public ActionRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(name, "name");
        authorization = List.copyOf(Objects.requireNonNull(authorization, "authorization"));
        Objects.requireNonNull(data, "data");
    }

    /** An action authorized by the session's signer. */
    public static ActionRequest of(String account, String name, Object data) {
        return new ActionRequest(Name.from(account), Name.from(name), List.of(PLACEHOLDER_SIGNER), data);
    }

    /** An action with its own authorization. */
    public static ActionRequest of(String account, String name, List<PermissionLevel> authorization, Object data) {
        return new ActionRequest(Name.from(account), Name.from(name), authorization, data);
    }
}
