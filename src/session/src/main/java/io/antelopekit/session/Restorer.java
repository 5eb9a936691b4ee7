package io.antelopekit.session;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SessionKit}'s restores: the stored session that matches a {@link RestoreArgs} (or the
 * current one, or every one), rebuilt with the kit's settings and a wallet rebuilt from its
 * stored data; stored again only when the arguments change it or ask for a new default. See
 * {@link SessionKit#restore(RestoreArgs)}.
 */
final class Restorer {

    private final KitChains chains;
    private final KitWallets wallets;
    private final SessionMaker maker;
    private final StoredSessions stored;
    private final KitEvents events;

    Restorer(KitChains chains, KitWallets wallets, SessionMaker maker, StoredSessions stored, KitEvents events) {
        this.chains = Objects.requireNonNull(chains, "chains");
        this.wallets = Objects.requireNonNull(wallets, "wallets");
        this.maker = Objects.requireNonNull(maker, "maker");
        this.stored = Objects.requireNonNull(stored, "stored");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** The stored sessions whose wallet is registered in the kit, in storage order. */
    Flux<SerializedSession> sessions() {
        return Flux.defer(() -> stored.list()
                .flatMapMany(Flux::fromIterable)
                .filter(s -> wallets.registered(s.walletPlugin().id())));
    }

    /** The current session (the list's entry of it wins); empty when none is stored. */
    Mono<Session> restoreCurrent() {
        return Mono.defer(() -> stored.current().flatMap(current -> {
            // the list's entry wins; the current entry is only the fallback (they are written together)
            RestoreArgs args = RestoreArgs.of(current).withWalletPlugin(current.walletPlugin().id(), null);
            return restoreMatching(args, current, null);
        }));
    }

    /**
     * The session {@code args} names; see {@link SessionKit#restore(RestoreArgs, LoginOptions)}.
     *
     * @param options the transact plugins, their options and whether it becomes the default, or
     *     null for the kit's plugins and {@code args.setAsDefault()}
     */
    Mono<Session> restore(RestoreArgs args, LoginOptions options) {
        Objects.requireNonNull(args, "args");
        return Mono.defer(() -> {
            chains.get(args.chain(), "restore chain");
            return restoreMatching(args, null, options);
        });
    }

    /** Every stored session whose wallet is registered, in storage order; the defaults stay as they are. */
    Flux<Session> restoreAll() {
        return sessions().concatMap(s -> Mono.fromCallable(() -> {
            Session session = maker.fromStored(s, null);
            events.emit(new SessionEvent(SessionEvent.Type.RESTORE, session.chain().id(), s));
            return session;
        }));
    }

    private Mono<Session> restoreMatching(RestoreArgs args, SerializedSession fallback, LoginOptions options) {
        boolean setAsDefault = options != null ? options.setAsDefault() : args.setAsDefault();
        return stored.candidates(args).flatMap(list -> {
            SerializedSession found = find(list, args);
            if (found == null) {
                found = fallback;
            }
            boolean store = setAsDefault;
            if (found == null) {
                if (!args.isComplete()) {
                    return Mono.empty();
                }
                // WharfKit: nothing stored matches, but the arguments describe a whole session
                found = new SerializedSession(args.chain().toString(), args.actor().toString(),
                        args.permission().toString(),
                        new SerializedSession.WalletData(args.walletPlugin(), args.walletData()), args.data(), null);
                store = true;
            } else if (args.walletData() != null && !args.walletData().equals(found.walletPlugin().data())) {
                // the arguments' wallet data replaces the stored one
                found = new SerializedSession(found.chain(), found.actor(), found.permission(),
                        new SerializedSession.WalletData(found.walletPlugin().id(), args.walletData()),
                        found.data(), found.isDefault());
                store = true;
            }
            SerializedSession restored = found;
            Session session = maker.fromStored(restored, options);
            // stored again, or (where sessions expire) its life started again
            Mono<Optional<StoredSessions.Key>> persisted = store ? stored.put(session.serialize(), setAsDefault)
                    : stored.touch(StoredSessions.Key.of(restored)).thenReturn(Optional.empty());
            return persisted.map(previous -> {
                events.stored(SessionEvent.Type.RESTORE, restored, setAsDefault, previous);
                return session;
            });
        });
    }

    /**
     * The stored session on {@code args.chain()} matching what {@code args} names (the chain's
     * default among several matches), or the chain's default when it names nothing; null if none.
     */
    static SerializedSession find(List<SerializedSession> list, RestoreArgs args) {
        boolean anyCriterion = args.actor() != null || args.permission() != null || args.walletPlugin() != null;
        SerializedSession first = null;
        for (SerializedSession s : list) {
            StoredSessions.Key k = StoredSessions.Key.of(s);
            if (!k.chain().equals(args.chain())
                    || args.actor() != null && !args.actor().equals(k.actor())
                    || args.permission() != null && !args.permission().equals(k.permission())
                    || args.walletPlugin() != null && !args.walletPlugin().equals(s.walletPlugin().id())) {
                continue;
            }
            if (Boolean.TRUE.equals(s.isDefault())) {
                return s;
            }
            if (anyCriterion && first == null) {
                first = s;
            }
        }
        return first;
    }
}
