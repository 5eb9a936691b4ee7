package io.antelopekit.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.transaction.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Where a session's ABIs come from: the call's, the pinned ones, then the cache. */
class SessionAbisTest {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Name APP = Name.from("app");
    static final Name OTHER = Name.from("other");

    static Abi abi(String action) {
        return Abi.fromJson("{\"version\":\"eosio::abi/1.1\",\"types\":[],\"structs\":[{\"name\":\"" + action
                + "\",\"base\":\"\",\"fields\":[]}],\"actions\":[{\"name\":\"" + action + "\",\"type\":\"" + action
                + "\",\"ricardian_contract\":\"\"}]}");
    }

    static final Abi PINNED = abi("pinned");
    static final Abi CACHED_APP = abi("cachedapp");
    static final Abi CACHED_OTHER = abi("cachedother");
    static final Abi GIVEN = abi("given");

    /** An application's own cache: ABIs held in a map, never fetched; it records what was forgotten. */
    static final class MapAbiCache implements AbiCache {
        final Map<Name, Abi> abis = new ConcurrentHashMap<>();
        final List<Name> invalidated = new ArrayList<>();

        @Override
        public Mono<Abi> abi(Name contract) {
            return Mono.justOrEmpty(abis.get(contract))
                    .switchIfEmpty(Mono.error(() -> new SessionException("no ABI of " + contract)));
        }

        @Override
        public void invalidate(Name contract) {
            invalidated.add(contract);
            abis.remove(contract);
        }
    }

    static ChainClient unused;

    @BeforeAll
    static void client() {
        unused = ChainClient.create("http://127.0.0.1:1");
    }

    @AfterAll
    static void dispose() {
        unused.dispose();
    }

    MapAbiCache cache() {
        MapAbiCache cache = new MapAbiCache();
        cache.abis.put(APP, CACHED_APP);
        cache.abis.put(OTHER, CACHED_OTHER);
        return cache;
    }

    @Test
    void pinnedAbisComeBeforeTheCache() {
        SessionAbis abis = new SessionAbis(Map.of(APP, PINNED), cache(), unused);
        assertThat(abis.abi(APP).block(TIMEOUT)).isSameAs(PINNED);
        assertThat(abis.abi(OTHER).block(TIMEOUT)).isSameAs(CACHED_OTHER);
    }

    @Test
    void aCallsAbisComeFirst() {
        SessionAbis abis = new SessionAbis(Map.of(APP, PINNED), cache(), unused);
        assertThat(abis.lookup(Map.of(APP, GIVEN)).apply(APP).block(TIMEOUT)).isSameAs(GIVEN);
        assertThat(abis.lookup(Map.of(APP, GIVEN)).apply(OTHER).block(TIMEOUT)).isSameAs(CACHED_OTHER);
        assertThat(abis.lookup(Map.of()).apply(APP).block(TIMEOUT)).isSameAs(PINNED);
    }

    @Test
    void onlyACachedAbiIsRefreshable() {
        SessionAbis abis = new SessionAbis(Map.of(APP, PINNED), cache(), unused);
        assertThat(abis.refreshable(Map.of()).test(APP)).as("pinned").isFalse();
        assertThat(abis.refreshable(Map.of()).test(OTHER)).isTrue();
        assertThat(abis.refreshable(Map.of(OTHER, GIVEN)).test(OTHER)).as("given to the call").isFalse();
    }

    @Test
    void aBroadcastSetabiForgetsItsTargetOnly() {
        MapAbiCache cache = cache();
        SessionAbis abis = new SessionAbis(Map.of(), cache, unused);
        BinaryWriter data = new BinaryWriter();
        APP.encode(data);
        data.writeByte(0); // an empty abi
        PermissionLevel auth = PermissionLevel.from("app@active");
        Action setabi = Action.of(Name.from("eosio"), Name.from("setabi"), List.of(auth), Bytes.of(data.toByteArray()));
        Action other = Action.of(OTHER, Name.from("setabi"), List.of(auth), Bytes.of(data.toByteArray()));

        abis.invalidateSetAbi(Transaction.of(TransactionAssembler.UNSET_HEADER, List.of(other, setabi)));

        assertThat(cache.invalidated).containsExactly(APP);
        assertThat(cache.abis).containsOnlyKeys(OTHER);
    }

    @Test
    void onAnotherClientOnlyTheSessionsOwnCacheStartsAfresh() {
        MapAbiCache given = cache();
        SessionAbis shared = new SessionAbis(Map.of(APP, PINNED), given, unused);
        assertThat(shared.on(unused)).isSameAs(shared);
        assertThat(shared.cache()).isSameAs(given);

        SessionAbis own = new SessionAbis(Map.of(APP, PINNED), null, unused);
        assertThat(own.cache()).isInstanceOf(DefaultAbiCache.class);
        SessionAbis moved = own.on(unused);
        assertThat(moved.cache()).isInstanceOf(DefaultAbiCache.class).isNotSameAs(own.cache());
        assertThat(moved.abi(APP).block(TIMEOUT)).as("pinned ABIs move along").isSameAs(PINNED);
    }
}
