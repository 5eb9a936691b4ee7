package io.antelopekit.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.antelopekit.AntelopeException;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.model.BlockTransaction;
import io.antelopekit.api.model.BlockTrx;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.transaction.Compression;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.transaction.PackedTransaction;
import io.antelopekit.chain.transaction.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The actions of a block's executed transactions, in order, with their positions: the ones a
 * filter wants, decoded through the ABIs. Over HTTP, transactions the node gives only as an id
 * (deferred) and context-free actions have no position; from a state history node, every action
 * trace of an executed transaction but the context-free ones has one.
 */
final class ActionReader {

    private static final Name EOSIO = Name.from("eosio");
    private static final Name SETABI = Name.from("setabi");
    private static final String EXECUTED = "executed";

    private final StreamAbis abis;

    ActionReader(StreamAbis abis) {
        this.abis = abis;
    }

    /** One executed transaction's action runs, in order. */
    record Executed(io.antelopekit.chain.Checksum256 id, List<Run> runs) {
    }

    /**
     * An action as one receiver ran it.
     *
     * @param index its index among the transaction's actions (or action traces)
     */
    record Run(Action action, Name receiver, boolean inline, boolean notification, int index) {
        /** A top-level action as its contract ran it. */
        static Run topLevel(Action action, int index) {
            return new Run(action, action.account(), false, false, index);
        }
    }

    /**
     * The events of {@code block} (read over HTTP: its top-level actions) that pass {@code filter},
     * skipping positions up to {@code skipThrough} (-1 for none).
     */
    Mono<List<ActionEvent>> read(Block block, ActionFilter filter, int skipThrough) {
        List<Executed> executed = new ArrayList<>();
        for (BlockTransaction t : block.transactions()) {
            BlockTrx trx = t.trx();
            if (!EXECUTED.equals(t.status()) || trx == null || trx.isIdOnly() || trx.packedTrx() == null) {
                continue;
            }
            Transaction tx = unpack(block, trx);
            List<Run> runs = new ArrayList<>();
            for (int i = 0; i < tx.actions().size(); i++) {
                runs.add(Run.topLevel(tx.actions().get(i), i));
            }
            executed.add(new Executed(trx.id(), runs));
        }
        return read(block, executed, filter, skipThrough);
    }

    /**
     * The events of {@code executed}, the action runs of {@code block}'s executed transactions,
     * that pass {@code filter}, skipping positions up to {@code skipThrough} (-1 for none).
     */
    Mono<List<ActionEvent>> read(Block block, List<Executed> executed, ActionFilter filter, int skipThrough) {
        Set<Name> contracts = new LinkedHashSet<>();
        boolean setsAbi = false;
        for (Executed tx : executed) {
            for (Run r : tx.runs()) {
                Action a = r.action();
                if (filter.wants(a.account(), a.name(), r.receiver())) {
                    contracts.add(a.account());
                }
                setsAbi |= isSetAbi(r);
            }
        }
        if (contracts.isEmpty()) {
            return Mono.just(List.of());
        }
        boolean anySetAbi = setsAbi;
        return Flux.fromIterable(contracts)
                .concatMap(c -> abis.get(c).map(abi -> Map.entry(c, abi)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new)
                .map(known -> events(block, filter, skipThrough, executed, known, anySetAbi));
    }

    private List<ActionEvent> events(Block block, ActionFilter filter, int skipThrough, List<Executed> executed,
            Map<Name, Optional<Abi>> known, boolean setsAbi) {
        List<ActionEvent> out = new ArrayList<>();
        int position = 0;
        for (Executed tx : executed) {
            for (Run r : tx.runs()) {
                int at = position++;
                Action a = r.action();
                if (setsAbi && isSetAbi(r)) {
                    applySetAbi(a, known);
                }
                if (at <= skipThrough || !filter.wants(a.account(), a.name(), r.receiver())) {
                    continue;
                }
                Abi abi = known.getOrDefault(a.account(), Optional.empty()).orElse(null);
                ActionEvent e = new ActionEvent(block.num(), block.id(), block.timestamp(), block.irreversible(), tx.id(),
                        r.index(), at, a, decode(abi, a), r.receiver(), r.inline(), r.notification());
                if (filter.matches(e, abi == null || !e.isDecoded() ? Set.of() : abis.nameFields(abi, a.name()))) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static Transaction unpack(Block block, BlockTrx trx) {
        try {
            Compression compression = trx.compressionType() == null ? Compression.NONE : trx.compressionType();
            String cfd = trx.packedContextFreeData() == null ? "" : trx.packedContextFreeData();
            return PackedTransaction.of(trx.signatures(), compression, Bytes.from(cfd), Bytes.from(trx.packedTrx()))
                    .transaction();
        } catch (AntelopeException | IllegalArgumentException e) {
            throw new ChainStreamException("transaction " + trx.id() + " of block " + block.num()
                    + " does not unpack: " + e.getMessage());
        }
    }

    private static JsonNode decode(Abi abi, Action a) {
        if (abi == null) {
            return MissingNode.getInstance();
        }
        Optional<String> type = abi.actionType(a.name());
        if (type.isEmpty()) {
            return MissingNode.getInstance();
        }
        try {
            return abi.decode(type.get(), a.data().bytes());
        } catch (AntelopeException | IllegalArgumentException e) {
            return MissingNode.getInstance();
        }
    }

    /** Whether {@code r} is an {@code eosio::setabi} as the system contract ran it (not a notification of one). */
    private static boolean isSetAbi(Run r) {
        Action a = r.action();
        return a.account().equals(EOSIO) && a.name().equals(SETABI) && !r.notification();
    }

    /** The contract's ABI from here on is the one the action sets (for this block and the stream). */
    private void applySetAbi(Action a, Map<Name, Optional<Abi>> known) {
        try {
            BinaryReader in = new BinaryReader(a.data().bytes());
            Name account = Name.decode(in);
            byte[] bytes = in.readBytesWithLength();
            Abi abi = bytes.length == 0 ? null : Abi.fromBinary(bytes);
            abis.set(account, abi);
            if (known.containsKey(account)) {
                known.put(account, Optional.ofNullable(abi));
            }
        } catch (AntelopeException | IllegalArgumentException e) {
            // the node executed it, so it was valid there; if it does not read here, keep the old ABI
        }
    }
}
