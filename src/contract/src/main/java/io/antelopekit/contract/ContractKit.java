package io.antelopekit.contract;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Name;
import io.antelopekit.session.AbiCache;
import io.antelopekit.session.Session;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Loads {@link Contract}s of one chain, each ABI fetched once and shared through an
 * {@link AbiCache} (the same cache a {@code SessionKit} uses, when built from a session).
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * ContractKit kit = ContractKit.of(session);            // the session's client and ABI cache
 * kit.load("eosio.token")
 *    .flatMapMany(token -> token.table("accounts", "alice").all())
 *    .subscribe(row -> System.out.println(row.get("balance")));
 * }</pre>
 */
public final class ContractKit {

    private final ChainClient client;
    private final AbiCache abis;

    private ContractKit(ChainClient client, AbiCache abis) {
        this.client = client;
        this.abis = abis;
    }

    /**
     * A kit with its own ABI cache.
     *
     * @param client a client of the chain
     * @return the kit
     */
    public static ContractKit of(ChainClient client) {
        return of(client, AbiCache.of(Objects.requireNonNull(client, "client")));
    }

    /**
     * A kit sharing an ABI cache, such as {@code SessionKit.abiCache(chainId)}.
     *
     * @param client a client of the chain
     * @param abis the cache
     * @return the kit
     */
    public static ContractKit of(ChainClient client, AbiCache abis) {
        return new ContractKit(Objects.requireNonNull(client, "client"), Objects.requireNonNull(abis, "abis"));
    }

    /**
     * A kit on a session's chain, with its client and ABI cache.
     *
     * @param session the session
     * @return the kit
     */
    public static ContractKit of(Session session) {
        Objects.requireNonNull(session, "session");
        return of(session.client(), session.abiCache());
    }

    /** @return the client */
    public ChainClient client() {
        return client;
    }

    /** @return the ABI cache */
    public AbiCache abiCache() {
        return abis;
    }

    /**
     * The contract at {@code account}, with its ABI from the cache (fetched on first use).
     *
     * @param account the contract account
     * @return the contract; an error if the account has no ABI or the fetch fails
     */
    public Mono<Contract> load(Name account) {
        Objects.requireNonNull(account, "account");
        return abis.abi(account).map(abi -> Contract.of(client, account, abi));
    }

    /**
     * The contract at {@code account}.
     *
     * @param account the contract account
     * @return the contract
     * @throws io.antelopekit.chain.InvalidNameException if {@code account} is not a name
     */
    public Mono<Contract> load(String account) {
        return load(Name.from(Objects.requireNonNull(account, "account")));
    }

    @Override
    public String toString() {
        return "ContractKit[" + client + "]";
    }
}
