package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.TimePoint;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@code /v1/chain/get_account}: an account's permissions, resources and stake.
 *
 * <pre>{@code
 * AccountInfo account = ChainJson.mapper().readValue(body, AccountInfo.class);
 * Authority active = account.permission(Name.from("active")).orElseThrow().requiredAuth();
 * }</pre>
 *
 * <p>Resource figures are -1 for an unlimited account. {@code voterInfo} and {@code rexInfo}
 * stay JSON: their layout differs between chains (FIO, WAX, ...).
 *
 * @param accountName the account
 * @param headBlockNum head block number when the node answered
 * @param headBlockTime head block time when the node answered
 * @param privileged whether the account is privileged
 * @param lastCodeUpdate when its contract was last set (the epoch if never)
 * @param created when it was created
 * @param coreLiquidBalance its liquid balance of the core token, if the chain has one
 * @param ramQuota RAM quota in bytes
 * @param netWeight NET weight staked to it
 * @param cpuWeight CPU weight staked to it
 * @param netLimit its NET limits, in bytes
 * @param cpuLimit its CPU limits, in microseconds
 * @param ramUsage RAM used in bytes
 * @param permissions its permissions
 * @param totalResources resources staked to it, from the system contract
 * @param selfDelegatedBandwidth what it staked to itself, or {@code null}
 * @param refundRequest its pending unstake, or {@code null}
 * @param voterInfo its voter record, or {@code null}
 * @param rexInfo its REX balance, or {@code null}
 * @param subjectiveCpuBillLimit its subjective CPU billing, on nodes that track it
 * @param eosioAnyLinkedActions actions linked to its {@code eosio.any} permission
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AccountInfo(
        Name accountName,
        long headBlockNum,
        TimePoint headBlockTime,
        boolean privileged,
        TimePoint lastCodeUpdate,
        TimePoint created,
        Asset coreLiquidBalance,
        @Int64 long ramQuota,
        @Int64 long netWeight,
        @Int64 long cpuWeight,
        AccountResourceLimit netLimit,
        AccountResourceLimit cpuLimit,
        @Int64 long ramUsage,
        List<Permission> permissions,
        TotalResources totalResources,
        DelegatedBandwidth selfDelegatedBandwidth,
        RefundRequest refundRequest,
        JsonNode voterInfo,
        JsonNode rexInfo,
        AccountResourceLimit subjectiveCpuBillLimit,
        List<LinkedAction> eosioAnyLinkedActions) {

    /** Copies the lists; a JSON null becomes {@code null}. */
    public AccountInfo {
        permissions = Models.copy(permissions);
        eosioAnyLinkedActions = Models.copy(eosioAnyLinkedActions);
        voterInfo = Models.node(voterInfo);
        rexInfo = Models.node(rexInfo);
    }

    /**
     * One of the account's permissions.
     *
     * @param name the permission name, such as {@code active}
     * @return the permission, or empty if the account has none of that name
     */
    public Optional<Permission> permission(Name name) {
        Objects.requireNonNull(name, "name");
        if (permissions == null) {
            return Optional.empty();
        }
        for (Permission p : permissions) {
            if (name.equals(p.permName())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
