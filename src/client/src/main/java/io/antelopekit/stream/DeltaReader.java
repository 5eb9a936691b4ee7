package io.antelopekit.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.antelopekit.AntelopeException;
import io.antelopekit.abi.Abi;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Name;
import io.antelopekit.stream.ship.ShipDelta;
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
 * The contract rows of a block's table deltas that a filter wants, decoded through the ABIs. A
 * contract whose {@code account} row changed its ABI in the block has its rows of that block, and
 * later ones, decoded with the new ABI.
 */
final class DeltaReader {

    private static final String ACCOUNT = "account";

    private final StreamAbis abis;

    DeltaReader(StreamAbis abis) {
        this.abis = abis;
    }

    Mono<List<TableDelta>> read(Block block, List<ShipDelta> deltas, TableFilter filter, long undoneFrom) {
        Set<Name> contracts = new LinkedHashSet<>();
        List<ShipDelta> wanted = new ArrayList<>();
        for (ShipDelta d : deltas) {
            if (ACCOUNT.equals(d.table()) && d.present()) {
                applyAbi(d.row());
            } else if (d.isContractRow()) {
                JsonNode row = d.row();
                Name code = name(row, "code");
                Name scope = name(row, "scope");
                Name table = name(row, "table");
                if (code != null && scope != null && table != null && filter.matches(code, scope, table)) {
                    contracts.add(code);
                    wanted.add(d);
                }
            }
        }
        if (wanted.isEmpty()) {
            return Mono.just(List.of());
        }
        return Flux.fromIterable(contracts)
                .concatMap(c -> abis.get(c).map(abi -> Map.entry(c, abi)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new)
                .map(known -> {
                    List<TableDelta> out = new ArrayList<>();
                    for (ShipDelta d : wanted) {
                        out.add(delta(block, d, known, out.isEmpty() ? undoneFrom : 0));
                    }
                    return out;
                });
    }

    private static TableDelta delta(Block block, ShipDelta d, Map<Name, Optional<Abi>> known, long undoneFrom) {
        JsonNode row = d.row();
        Name code = name(row, "code");
        Name table = name(row, "table");
        Bytes raw = Bytes.from(row.path("value").asText());
        Abi abi = known.getOrDefault(code, Optional.empty()).orElse(null);
        return new TableDelta(block.num(), block.id(), block.timestamp(), block.irreversible(), undoneFrom, code,
                name(row, "scope"), table, Long.parseUnsignedLong(row.path("primary_key").asText()), name(row, "payer"),
                d.present(), raw, decode(abi, table, raw));
    }

    private static JsonNode decode(Abi abi, Name table, Bytes value) {
        if (abi == null) {
            return MissingNode.getInstance();
        }
        Optional<String> type = abi.tableType(table);
        if (type.isEmpty()) {
            return MissingNode.getInstance();
        }
        try {
            return abi.decode(type.get(), value.bytes());
        } catch (AntelopeException | IllegalArgumentException e) {
            return MissingNode.getInstance();
        }
    }

    /** An {@code account} row's ABI is the account's from here on. */
    private void applyAbi(JsonNode row) {
        Name account = name(row, "name");
        if (account == null || !row.has("abi")) {
            return;
        }
        try {
            byte[] bytes = Bytes.from(row.path("abi").asText()).bytes();
            abis.set(account, bytes.length == 0 ? null : Abi.fromBinary(bytes));
        } catch (AntelopeException | IllegalArgumentException e) {
            // the node accepted it; if it does not read here, keep the old ABI
        }
    }

    private static Name name(JsonNode row, String field) {
        String text = row.path(field).asText(null);
        return text != null && Name.isValid(text) ? Name.from(text) : null;
    }
}
