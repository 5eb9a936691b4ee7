package io.antelopekit.chain.transaction;

import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.chain.transaction.Action;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Shared fixtures of the transaction tests. */
final class TransactionTestData {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HexFormat HEX = HexFormat.of();

    /** A test key from the conformance vectors; never use it for anything real. */
    static final String KEY_1 = "PVT_K1_2vmkuPB7sYNMBkHQsskHuzWprXKTAdYn6tG6MjbVGBiqZXw5G8";
    static final String KEY_2 = "PVT_K1_2FcZffMJMvKSgjVHukPF8BduuUNLspJCQ8u3Zx79nLxNeCWRDA";
    static final Checksum256 EOS_CHAIN =
            Checksum256.from("aca376f206b8fc25a6ed44dbdc66547c36c6c33e3a119ffbeaef943642f0e906");

    /** expiration 2024-10-30T08:16:03, ref_block_num 39902, prefix 2742546871, net 0, cpu 57, delay 2090335. */
    static final String HEADER_HEX = "43eb2167" + "de9b" + "b7f177a3" + "00" + "39" + "dfca7f";
    /** eosio.token::transfer by eosio@active with data 0102 (names little-endian). */
    static final String ACTION_HEX = "00a6823403ea3055" + "000000572d3ccdcd" + "01" + "0000000000ea3055"
            + "00000000a8ed3232" + "02" + "0102";

    private TransactionTestData() {
    }

    static TransactionHeader header() {
        return new TransactionHeader(TimePointSec.from("2024-10-30T08:16:03"), 39902, 2742546871L, 0, 57, 2090335);
    }

    static Action transfer() {
        return Action.of(Name.from("eosio.token"), Name.from("transfer"), List.of(PermissionLevel.from("eosio@active")),
                Bytes.from("0102"));
    }

    static Transaction transaction() {
        return Transaction.of(header(), transfer());
    }

    static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    private static volatile List<JsonNode> recorded;

    /** Every executed transaction of the recorded {@code get_block} responses (node JSON form). */
    static List<JsonNode> recordedBlockTransactions() {
        List<JsonNode> r = recorded;
        if (r == null) {
            r = List.copyOf(readRecordedBlockTransactions());
            recorded = r;
        }
        return r;
    }

    private static List<JsonNode> readRecordedBlockTransactions() {
        Path dir = Path.of(System.getProperty("antelopekit.mockData", "../conformance/mock-data"));
        List<JsonNode> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dir.resolve("index.tsv"))) {
                String[] cols = line.split("\t");
                if (cols.length < 4 || !cols[3].equals("get_block")) {
                    continue;
                }
                JsonNode block = JSON.readTree(dir.resolve(cols[0]).toFile()).get("json");
                for (JsonNode receipt : block.path("transactions")) {
                    if (receipt.get("trx").isObject()) {
                        out.add(receipt.get("trx"));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
