package io.antelopekit.session;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginFactory;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.ui.HeadlessUserInterface;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.Disposable;

/**
 * The collaborators a kit wires together, built as {@link SessionKit} builds them, over real
 * parts: storage in memory, a headless user interface, clients that are never asked anything.
 */
final class KitFixture implements AutoCloseable {

    static final ChainDefinition A = ChainDefinition.of(Checksum256.from(StoredSessionsTest.A), "http://127.0.0.1:9");
    static final ChainDefinition B = ChainDefinition.of(Checksum256.from(StoredSessionsTest.B), "http://127.0.0.1:9");

    final ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
    final StoredSessions stored = new StoredSessions(storage);
    final HeadlessUserInterface ui;
    final KitChains chains = KitChains.of(List.of(A, B), Map.of(), Map.of(), c -> KitChains.newClient(c, null, null));
    final KitWallets wallets;
    final SessionMaker maker;
    final KitEvents events = new KitEvents();
    final List<SessionEvent> seen = new CopyOnWriteArrayList<>();
    private final Disposable recording = events.flux().subscribe(seen::add);

    KitFixture(List<WalletPlugin> wallets, Map<String, WalletPluginFactory> factories) {
        this(HeadlessUserInterface.create(), wallets, factories);
    }

    KitFixture(HeadlessUserInterface ui, List<WalletPlugin> wallets, Map<String, WalletPluginFactory> factories) {
        this.ui = ui;
        this.wallets = new KitWallets(wallets, factories);
        this.maker = new SessionMaker(chains, this.wallets, ui, 60, true, null, Map.of(), List.of(), Map.of());
    }

    ChainClient client(ChainDefinition chain) {
        return chains.get(chain.id(), "chain").client();
    }

    @Override
    public void close() {
        recording.dispose();
        chains.dispose();
    }
}
