package io.antelopekit.devnet;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.crypto.KeyType;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A development account of the devnet and its documented key.
 *
 * <p>The key is public knowledge, never a secret: the K1 private key of account {@code name} is
 * the SHA-256 of the UTF-8 text {@code "antelopekit-devnet:" + name}. It is the owner and the
 * active key of the account. {@link Devnet#DEV_ACCOUNTS} lists the accounts of the default
 * genesis; {@code DevnetMain} prints their keys. The devnet's resource payer
 * ({@link Devnet#RESOURCE_PAYER}, {@code payer@cosign}) is a dev account too: its key is
 * {@code DevAccount.of("payer").privateKey()}.
 *
 * <pre>{@code
 * DevAccount alice = DevAccount.of("alice");
 * SignedTransaction signed = trx.sign(devnet.chainId(), alice.privateKey());
 * }</pre>
 *
 * <p>{@link #toString()} shows the account and its public key only.
 *
 * @param name the account
 * @param privateKey its owner and active key
 */
public record DevAccount(Name name, PrivateKey privateKey) {

    /** The text before the account name whose SHA-256 is the account's private key. */
    public static final String SEED_PREFIX = "antelopekit-devnet:";

    public DevAccount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /** The dev account {@code name} with its documented key. */
    public static DevAccount of(Name name) {
        byte[] seed = Checksum256.hash((SEED_PREFIX + name).getBytes(StandardCharsets.UTF_8)).bytes();
        return new DevAccount(name, PrivateKey.of(KeyType.K1, seed));
    }

    /** The dev account {@code name} with its documented key. */
    public static DevAccount of(String name) {
        return of(Name.from(name));
    }

    public PublicKey publicKey() {
        return privateKey.toPublic();
    }

    /** {@code name@active}. */
    public PermissionLevel active() {
        return new PermissionLevel(name, ChainState.ACTIVE);
    }

    @Override
    public String toString() {
        return "DevAccount[" + name + ", " + publicKey() + "]";
    }
}
