package io.antelopekit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Checksum256;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The kit's chain registry, with real clients (nothing is sent: no request is made). */
class KitChainsTest {

    static final ChainDefinition A = ChainDefinition.of(
            Checksum256.from("aca376f206b8fc25a6ed44dbdc66547c36c6c33e3a119ffbeaef943642f0e906"), "http://127.0.0.1:9");
    static final ChainDefinition B = ChainDefinition.of(
            Checksum256.from("73e4385a2708e6d7048834fbc1079f2fabb17b3c125b146af438971e90716c4d"), "http://127.0.0.1:9");
    static final ChainDefinition C = ChainDefinition.of(
            Checksum256.from("1064487b3cd1a897ce03ae5b6a865651747e2e152090f99c1d19d44e01aea5a4"), "http://127.0.0.1:9");

    /** Every client made here, closed after each test. */
    private final List<ChainClient> clients = new ArrayList<>();
    /** The chains the kit asked for a client. */
    private final List<ChainDefinition> built = new ArrayList<>();

    private ChainClient client() {
        ChainClient c = ChainClient.builder().endpoints("http://127.0.0.1:9").build();
        clients.add(c);
        return c;
    }

    private final Function<ChainDefinition, ChainClient> newClient = chain -> {
        built.add(chain);
        return client();
    };

    @AfterEach
    void close() {
        clients.forEach(ChainClient::dispose);
    }

    @Test
    void theChainsKeepTheirOrderAndEachHasItsClientAndCache() {
        KitChains chains = KitChains.of(List.of(B, A), Map.of(), Map.of(), newClient);

        assertThat(chains.definitions()).containsExactly(B, A);
        assertThat(chains.ids()).containsExactly(B.id(), A.id());
        assertThat(built).containsExactly(B, A);
        KitChains.Chain a = chains.get(A.id(), "chain");
        assertThat(a.definition()).isSameAs(A);
        assertThat(a.client()).isSameAs(clients.get(1));
        assertThat(a.owned()).isTrue();
        assertThat(a.abiCache()).isInstanceOf(DefaultAbiCache.class)
                .isNotSameAs(chains.get(B.id(), "chain").abiCache());
        assertThat(chains.find(A.id())).isEqualTo(a);
        assertThat(chains.find(C.id())).isNull();
        assertThat(chains.find(null)).isNull();
    }

    @Test
    void aLookupOfAnotherChainNamesItAndTheKitsChains() {
        KitChains chains = KitChains.of(List.of(A, B), Map.of(), Map.of(), newClient);

        assertThatThrownBy(() -> chains.get(C.id(), "restore chain"))
                .isInstanceOf(UnknownChainException.class)
                .hasMessage("restore chain " + C.id() + " is not a chain of this kit (it has [" + A.id() + ", "
                        + B.id() + "])");
        assertThatThrownBy(() -> chains.get(null, "login option chains"))
                .isInstanceOf(UnknownChainException.class)
                .hasMessageStartingWith("login option chains null is not a chain of this kit");
    }

    @Test
    void disposeClosesTheClientsBuiltForTheKitAndNotThoseGiven() {
        ChainClient given = client();
        KitChains chains = KitChains.of(List.of(A, B), Map.of(A.id(), given), Map.of(), newClient);
        assertThat(built).containsExactly(B);
        assertThat(chains.get(A.id(), "chain").owned()).isFalse();
        ChainClient owned = chains.get(B.id(), "chain").client();

        chains.dispose();

        assertThat(owned.isDisposed()).isTrue();
        assertThat(given.isDisposed()).isFalse();
    }

    @Test
    void aClientOrCacheGivenForAnotherChainIsRefusedBeforeAnyClientIsBuilt() {
        ChainClient given = client();
        assertThatThrownBy(() -> KitChains.of(List.of(A, B), Map.of(C.id(), given), Map.of(), newClient))
                .isInstanceOf(UnknownChainException.class)
                .hasMessage("a client was given for chain " + C.id() + ", which is not among the kit's chains ["
                        + A.id() + ", " + B.id() + "]");
        AbiCache cache = DefaultAbiCache.of(given);
        assertThatThrownBy(() -> KitChains.of(List.of(A), Map.of(), Map.of(C.id(), cache), newClient))
                .isInstanceOf(UnknownChainException.class)
                .hasMessageContaining("an ABI cache was given for chain " + C.id());
        assertThat(built).isEmpty();
        assertThat(given.isDisposed()).isFalse();
    }

    @Test
    void aClientThatCannotBeBuiltClosesTheOnesBuiltBefore() {
        ChainClient given = client();
        IllegalStateException failure = new IllegalStateException("no pool for chain C");
        Function<ChainDefinition, ChainClient> failsOnC = chain -> {
            if (chain.equals(C)) {
                throw failure;
            }
            return newClient.apply(chain);
        };

        assertThatThrownBy(() -> KitChains.of(List.of(A, B, C), Map.of(B.id(), given), Map.of(), failsOnC))
                .isSameAs(failure);
        assertThat(built).containsExactly(A);
        assertThat(clients.get(1).isDisposed()).isTrue();
        assertThat(given.isDisposed()).isFalse();
    }

    @Test
    void aGivenCacheIsSharedAsItIs() {
        ChainClient given = client();
        AbiCache cache = DefaultAbiCache.of(given);

        KitChains chains = KitChains.of(List.of(A, B), Map.of(), Map.of(B.id(), cache), newClient);

        assertThat(chains.get(B.id(), "chain").abiCache()).isSameAs(cache);
        assertThat(chains.get(A.id(), "chain").abiCache()).isNotSameAs(cache);
    }

    @Test
    void aBuiltClientHasTheChainsUrlsAndTheCustomizersChanges() {
        List<ChainDefinition> customized = new ArrayList<>();
        ChainDefinition twoUrls = ChainDefinition.of(A.id(), "http://127.0.0.1:9", "http://127.0.0.1:10");

        ChainClient c = KitChains.newClient(twoUrls, null, (chain, builder) -> customized.add(chain));
        clients.add(c);

        assertThat(customized).containsExactly(twoUrls);
        assertThat(c.toString()).contains("http://127.0.0.1:9").contains("http://127.0.0.1:10");
    }

    @Test
    void chainListHelpersFindByIdInOrder() {
        assertThat(KitChains.find(List.of(A, B), B.id())).isSameAs(B);
        assertThat(KitChains.find(List.of(A, B), C.id())).isNull();
        assertThat(KitChains.ids(List.of(B, C))).containsExactly(B.id(), C.id());
    }
}
