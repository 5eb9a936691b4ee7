package io.antelopekit.chain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A chain a session works on. {@link Chains} holds the definitions of the public chains.
 *
 * <pre>{@code
 * ChainDefinition devnet = ChainDefinition.of(devnet.chainId(), devnet.url());
 * ChainDefinition jungle = Chains.JUNGLE4.withUrls(List.of("https://my-jungle-node.example"));
 * }</pre>
 *
 * <p>Its JSON form is WharfKit's with a list of endpoints:
 * {@code {"id", "url", "urls", "name"?, "logo"?, "explorer"?: {"prefix", "suffix"},
 * "systemToken"?: {"chain", "contract", "symbol"}}}. Read back, it also takes WharfKit's
 * {@code url} alone, a logo as {@code {"light", "dark"}}, {@code systemTokenSymbol} with
 * {@code systemTokenContract}, and the older form of this class (the explorer as a URL prefix,
 * the system token as a symbol such as {@code "4,EOS"} of {@code eosio.token}).
 *
 * @param id the chain id
 * @param urls one or more API endpoints
 * @param name a display name, or {@code null}
 * @param logo the chain's logo, or {@code null}
 * @param explorer where a block explorer shows a transaction, or {@code null}
 * @param systemToken the system token (its {@code chain} is {@link #id}), or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainDefinition(@JsonProperty("id") Checksum256 id, @JsonProperty("urls") List<String> urls,
        @JsonProperty("name") String name, @JsonProperty("logo") URI logo,
        @JsonProperty("explorer") ExplorerDefinition explorer, @JsonProperty("systemToken") TokenIdentifier systemToken) {

    /** The contract of a system token given by its symbol alone. */
    static final String DEFAULT_TOKEN_CONTRACT = "eosio.token";

    public ChainDefinition {
        Objects.requireNonNull(id, "id");
        urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("chain " + id + " needs at least one url");
        }
        if (systemToken != null && !systemToken.chain().equals(id)) {
            throw new IllegalArgumentException("the system token " + systemToken.symbol() + " of " + systemToken.contract()
                    + " is on chain " + systemToken.chain() + ", not on chain " + id);
        }
    }

    /**
     * A chain with its explorer as a transaction URL prefix and its system token as a symbol
     * (e.g. {@code "4,EOS"}) of {@code eosio.token}; either may be {@code null}.
     *
     * @throws io.antelopekit.chain.InvalidValueException when the symbol is not one
     */
    public ChainDefinition(Checksum256 id, List<String> urls, String name, String explorer, String systemToken) {
        this(id, urls, name, null, explorer == null ? null : ExplorerDefinition.of(explorer),
                systemToken == null ? null : TokenIdentifier.of(Objects.requireNonNull(id, "id"),
                        DEFAULT_TOKEN_CONTRACT, systemToken.strip()));
    }

    /** A chain with its id and endpoints only. */
    public static ChainDefinition of(Checksum256 id, String... urls) {
        return new ChainDefinition(id, List.of(urls), null, null, null, null);
    }

    /** The first endpoint; WharfKit's {@code url}. */
    @JsonProperty("url")
    public String url() {
        return urls.get(0);
    }

    /** The page of transaction {@code transactionId} on this chain's explorer, or {@code null} without one. */
    public String explorerUrl(Checksum256 transactionId) {
        return explorer == null ? null : explorer.url(transactionId);
    }

    /** This chain with other endpoints. */
    public ChainDefinition withUrls(List<String> urls) {
        return new ChainDefinition(id, urls, name, logo, explorer, systemToken);
    }

    /** This chain with another display name ({@code null}: none). */
    public ChainDefinition withName(String name) {
        return new ChainDefinition(id, urls, name, logo, explorer, systemToken);
    }

    /** This chain with another logo ({@code null}: none). */
    public ChainDefinition withLogo(URI logo) {
        return new ChainDefinition(id, urls, name, logo, explorer, systemToken);
    }

    /** This chain with another explorer ({@code null}: none). */
    public ChainDefinition withExplorer(ExplorerDefinition explorer) {
        return new ChainDefinition(id, urls, name, logo, explorer, systemToken);
    }

    /** This chain with the system token {@code symbol} of {@code contract}. */
    public ChainDefinition withSystemToken(Name contract, Symbol symbol) {
        return new ChainDefinition(id, urls, name, logo, explorer, new TokenIdentifier(id, contract, symbol));
    }

    /**
     * Reads the JSON form, WharfKit's or this class's, old or new (see the class comment).
     *
     * @throws IllegalArgumentException when a field is missing or malformed
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ChainDefinition fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a chain definition is a JSON object, not " + json);
        }
        Checksum256 id = Checksum256.from(text(json, "id", true));
        List<String> urls = new ArrayList<>();
        JsonNode list = json.get("urls");
        if (list != null && list.isArray()) {
            list.forEach(u -> urls.add(u.asText()));
        } else if (json.hasNonNull("url")) {
            urls.add(text(json, "url", true));
        }
        URI logo = null;
        JsonNode l = json.get("logo");
        if (l != null && l.isTextual()) {
            logo = URI.create(l.asText());
        } else if (l != null && l.isObject()) {
            String variant = l.hasNonNull("light") ? text(l, "light", true) : text(l, "dark", false);
            logo = variant == null ? null : URI.create(variant);
        }
        ExplorerDefinition explorer = null;
        JsonNode e = json.get("explorer");
        if (e != null && e.isTextual()) {
            explorer = ExplorerDefinition.of(e.asText());
        } else if (e != null && e.isObject()) {
            explorer = new ExplorerDefinition(text(e, "prefix", true), text(e, "suffix", false));
        }
        TokenIdentifier token = null;
        JsonNode t = json.get("systemToken");
        if (t != null && t.isTextual()) {
            token = TokenIdentifier.of(id, DEFAULT_TOKEN_CONTRACT, t.asText().strip());
        } else if (t != null && t.isObject()) {
            String chain = text(t, "chain", false);
            token = new TokenIdentifier(chain == null ? id : Checksum256.from(chain), Name.from(text(t, "contract", true)),
                    Symbol.from(text(t, "symbol", true)));
        } else if (json.hasNonNull("systemTokenSymbol") && json.hasNonNull("systemTokenContract")) {
            token = TokenIdentifier.of(id, text(json, "systemTokenContract", true), text(json, "systemTokenSymbol", true));
        }
        return new ChainDefinition(id, urls, text(json, "name", false), logo, explorer, token);
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException("a chain definition's " + field + " is missing in " + node);
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("a chain definition's " + field + " is not a string: " + v);
        }
        return v.asText();
    }
}
