package com.example.pipeline;

import io.antelopekit.chain.Asset;
import io.antelopekit.stream.BlockStream;
import io.antelopekit.stream.TableDelta;
import io.antelopekit.stream.TableFilter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * The token balances of docs/pipelines.md: follows the rows of {@code eosio.token}'s
 * {@code accounts} table (one per holder and symbol, the holder as scope) and keeps each holder's
 * balance as the last row written says, without asking the node.
 */
final class BalanceWatcher {

    private static final Logger log = LoggerFactory.getLogger(BalanceWatcher.class);

    private final BlockStream blocks;
    private final Map<String, Asset> balances = new ConcurrentHashMap<>();     // "alice EOS" -> 12.0000 EOS

    /** @param blocks a stream from a state history node ({@code stateHistory(url)}): rows come only from there */
    BalanceWatcher(BlockStream blocks) {
        this.blocks = blocks;
    }

    /** Follows the balances, emitting each row once it is recorded. */
    Flux<TableDelta> run() {
        return blocks.tableDeltas(TableFilter.all().code("eosio.token").table("accounts"))
                .doOnNext(row -> {
                    Asset balance = Asset.from(row.value().path("balance").asText());
                    String key = row.scope() + " " + balance.symbol().code();
                    if (row.present()) {
                        balances.put(key, balance);
                        log.info("{} holds {} (block {})", row.scope(), balance, row.blockNum());
                    } else {                                    // the row was removed (its value is the last one)
                        balances.remove(key);
                        log.info("{} holds no {} (block {})", row.scope(), balance.symbol().code(), row.blockNum());
                    }
                });
    }

    /** The balance of {@code account} in {@code symbol} (say "EOS") as the rows seen so far say. */
    Optional<Asset> balance(String account, String symbol) {
        return Optional.ofNullable(balances.get(account + " " + symbol));
    }
}
