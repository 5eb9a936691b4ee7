package io.antelopekit.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * A session as stored, in WharfKit's JSON shape:
 * {@code {"chain", "actor", "permission", "walletPlugin": {"id", "data"}, "data"?, "default"?}}.
 *
 * @param chain the chain id (hex)
 * @param actor the account
 * @param permission the permission
 * @param walletPlugin the wallet's id and data
 * @param data application data, or {@code null}
 * @param isDefault whether it is its chain's default session, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SerializedSession(@JsonProperty("chain") String chain, @JsonProperty("actor") String actor,
        @JsonProperty("permission") String permission, @JsonProperty("walletPlugin") WalletData walletPlugin,
        @JsonProperty("data") JsonNode data, @JsonProperty("default") Boolean isDefault) {

    public SerializedSession {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(walletPlugin, "walletPlugin");
    }

    /** This session marked as its chain's default, or not. */
    public SerializedSession withDefault(boolean isDefault) {
        return new SerializedSession(chain, actor, permission, walletPlugin, data, isDefault);
    }

    /**
     * The wallet part: its id and its serialized data.
     *
     * @param id the wallet id
     * @param data the wallet's data
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WalletData(@JsonProperty("id") String id, @JsonProperty("data") JsonNode data) {
        public WalletData {
            Objects.requireNonNull(id, "id");
        }
    }
}
