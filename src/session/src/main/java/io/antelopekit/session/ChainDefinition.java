package io.antelopekit.session;

import io.antelopekit.chain.Checksum256;

import java.util.List;
import java.util.Objects;

/**
 * A chain a session works on.
 *
 * <pre>{@code
 * ChainDefinition devnet = ChainDefinition.of(devnet.chainId(), devnet.url());
 * }</pre>
 *
 * @param id the chain id
 * @param urls one or more API endpoints
 * @param name a display name, or {@code null}
 * @param explorer a block explorer's transaction URL prefix, or {@code null}
 * @param systemToken the system token's symbol (e.g. {@code 4,EOS}), or {@code null}
 */
public record ChainDefinition(Checksum256 id, List<String> urls, String name, String explorer, String systemToken) {

    public ChainDefinition {
        Objects.requireNonNull(id, "id");
        urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("chain " + id + " needs at least one url");
        }
    }

    /** A chain with its id and endpoints only. */
    public static ChainDefinition of(Checksum256 id, String... urls) {
        return new ChainDefinition(id, List.of(urls), null, null, null);
    }
}
