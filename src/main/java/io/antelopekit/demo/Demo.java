package io.antelopekit.demo;

import io.antelopekit.abi.Abi;
import io.antelopekit.chain.Action;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Compression;
import io.antelopekit.chain.PackedTransaction;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.SignedTransaction;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.Transaction;
import io.antelopekit.chain.TransactionHeader;
import io.antelopekit.crypto.KeyType;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.PublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

/**
 * The README's first command: what the SDK does today, step by step with timings.
 *
 * <p>It compiles the {@code eosio.token} ABI, encodes a transfer from a plain record, builds
 * and signs a transaction for Jungle 4 with a freshly generated key, packs it (zlib), recovers
 * the signer and decodes everything back. The embedded devnet, the chain client and the Session
 * Kit join this demo as they land.
 */
public final class Demo {

    /** The action data of {@code eosio.token::transfer}, as an application holds it. */
    public record Transfer(String from, String to, Asset quantity, String memo) {
    }

    private static final Checksum256 JUNGLE4 =
            Checksum256.from("73e4385a2708e6d7048834fbc1079f2fabb17b3c125b146af438971e90716c4d");

    private long last = System.nanoTime();

    private Demo() {
    }

    public static void main(String[] args) {
        new Demo().run();
    }

    private void run() {
        System.out.println("antelopekit demo (offline: chain types, ABI, keys, transactions)");

        Abi token = Abi.fromJson(resource("/io/antelopekit/devnet/eosio.token.abi.json"));
        step("compiled the eosio.token ABI", token.definition().structs().size() + " structs, actions "
                + token.definition().actions().stream().map(a -> a.name().toString()).toList());

        PrivateKey key = PrivateKey.generate(KeyType.K1);
        PublicKey pub = key.toPublic();
        step("generated a K1 key", pub + " (legacy " + pub.toLegacyString() + "); the key prints as " + key);

        Transfer transfer = new Transfer("alice", "bob", Asset.from("1.2500 EOS"), "hello from antelopekit");
        Action action = Action.of("eosio.token", "transfer", PermissionLevel.from("alice@active"), transfer, token);
        step("encoded " + transfer, "data " + action.data());

        TransactionHeader header = TransactionHeader.of(
                TimePointSec.fromInstant(Instant.now().plusSeconds(120)),
                Checksum256.from("0a4f3bb5e8e9c2b5d1b1a0f2b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f"));
        Transaction trx = Transaction.of(header, action);
        step("built a transaction", "id " + trx.id() + ", " + trx.pack().length + " bytes packed");

        SignedTransaction signed = trx.sign(JUNGLE4, key);
        step("signed it for Jungle 4", signed.signatures().get(0).toString());

        Set<PublicKey> signers = signed.recoverSigners(JUNGLE4);
        step("recovered the signer", signers + (signers.contains(pub) ? " = our key" : " != our key (unexpected)"));

        PackedTransaction packed = signed.pack(Compression.ZLIB);
        step("packed with zlib", packed.packedTrx().length() + " bytes, id " + packed.id());

        SignedTransaction back = packed.unpack();
        step("unpacked and decoded the transfer", back.transaction().actions().get(0).decodeData(token).toString());
        System.out.println("done");
    }

    private void step(String what, String detail) {
        long now = System.nanoTime();
        System.out.printf("%8.2f ms  %s%n            %s%n", (now - last) / 1e6, what, detail);
        last = System.nanoTime();
    }

    private static String resource(String path) {
        try (InputStream in = Demo.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
