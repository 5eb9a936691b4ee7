package io.antelopekit.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.Symbol;
import io.antelopekit.crypto.PublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a devnet starts from: its chain id, accounts with their keys, tokens with balances and
 * contracts registered with an ABI. Immutable; built in Java or read from JSON.
 *
 * <p>{@code eosio} (privileged) and {@code eosio.token} always exist, with their
 * {@linkplain DevAccount dev keys} unless given other keys. An account given no key gets its
 * dev key. Balances are issued at genesis: a token's supply starts as the sum of its balances.
 *
 * <pre>{@code
 * Genesis g = Genesis.builder()
 *         .account("alice")                                  // dev key
 *         .account("bob", PublicKey.from("PUB_K1_..."))
 *         .token("eosio", "1000000.0000 EOS")                 // on eosio.token
 *         .balance("alice", "100.0000 EOS")
 *         .build();
 * }</pre>
 *
 * <p>The JSON form ({@link #fromJson(String)}):
 * <pre>{@code
 * {"chain_id": "<64 hex digits, optional>", "core_symbol": "4,EOS",
 *  "accounts": [{"name": "alice"}, {"name": "bob", "key": "PUB_K1_..."},
 *               {"name": "carol", "owner_key": "PUB_K1_...", "active_key": "PUB_K1_...", "privileged": false}],
 *  "tokens": [{"contract": "eosio.token", "issuer": "eosio", "max_supply": "1000000.0000 EOS",
 *              "balances": {"alice": "100.0000 EOS"}}],
 *  "contracts": [{"account": "todoapp", "abi": { ...an ABI as get_abi gives it... }}]}
 * }</pre>
 */
public final class Genesis {

    /** The chain id when none is given: SHA-256 of {@code "antelopekit devnet"}. */
    public static final Checksum256 DEFAULT_CHAIN_ID =
            Checksum256.hash("antelopekit devnet".getBytes(StandardCharsets.UTF_8));
    /** The token contract: {@code eosio.token}. */
    public static final Name TOKEN = Name.from("eosio.token");
    /** The core symbol when none is given: {@code 4,EOS}. */
    public static final Symbol DEFAULT_CORE_SYMBOL = Symbol.from("4,EOS");
    /** The accounts of the default genesis besides {@code eosio} and {@code eosio.token}. */
    static final List<String> DEFAULT_USERS = List.of("alice", "bob", "carol", "dave");

    /**
     * An account at genesis.
     *
     * @param name the account (at most 12 characters, as {@code newaccount} requires)
     * @param ownerKey the key of its {@code owner} permission
     * @param activeKey the key of its {@code active} permission
     * @param privileged whether it is privileged (as {@code eosio} is)
     */
    public record Account(Name name, PublicKey ownerKey, PublicKey activeKey, boolean privileged) {
        public Account {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(ownerKey, "ownerKey");
            Objects.requireNonNull(activeKey, "activeKey");
        }
    }

    /**
     * A token at genesis.
     *
     * @param contract the token contract (runs the {@code eosio.token} code)
     * @param issuer the issuer
     * @param maxSupply the maximum supply, with the token's symbol
     * @param balances the balances issued at genesis (in insertion order)
     */
    public record Token(Name contract, Name issuer, Asset maxSupply, Map<Name, Asset> balances) {
        public Token {
            Objects.requireNonNull(contract, "contract");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(maxSupply, "maxSupply");
            balances = Collections.unmodifiableMap(new LinkedHashMap<>(balances));
        }
    }

    /**
     * A contract registered with its ABI: its actions are authorised, decoded and recorded.
     *
     * @param account the contract account
     * @param abi its ABI
     */
    public record Contract(Name account, AbiDefinition abi) {
        public Contract {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(abi, "abi");
        }
    }

    private final Checksum256 chainId;
    private final Symbol coreSymbol;
    private final List<Account> accounts;
    private final List<Token> tokens;
    private final List<Contract> contracts;

    private Genesis(Checksum256 chainId, Symbol coreSymbol, List<Account> accounts, List<Token> tokens,
            List<Contract> contracts) {
        this.chainId = chainId;
        this.coreSymbol = coreSymbol;
        this.accounts = List.copyOf(accounts);
        this.tokens = List.copyOf(tokens);
        this.contracts = List.copyOf(contracts);
    }

    /**
     * The default genesis: dev accounts {@code alice}, {@code bob}, {@code carol} and
     * {@code dave} besides {@code eosio} and {@code eosio.token}, and the token
     * {@code 10000000000.0000 EOS} issued by {@code eosio}, of which each dev account holds
     * {@code 1000000.0000 EOS}.
     */
    public static Genesis defaults() {
        Builder b = builder().token("eosio", "10000000000.0000 EOS");
        for (String user : DEFAULT_USERS) {
            b.account(user).balance(user, "1000000.0000 EOS");
        }
        return b.build();
    }

    /** An empty builder: only {@code eosio} and {@code eosio.token}, no token. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this genesis, to add to it. */
    public Builder mutate() {
        Builder b = new Builder();
        b.chainId = chainId;
        b.coreSymbol = coreSymbol;
        for (Account a : accounts) {
            b.accounts.put(a.name(), a);
        }
        for (Token t : tokens) {
            b.tokens.put(new TokenKey(t.contract(), t.maxSupply().symbol().code().value()), new TokenDraft(t));
        }
        for (Contract c : contracts) {
            b.contracts.put(c.account(), c);
        }
        return b;
    }

    /**
     * Reads the JSON form (see the class description).
     *
     * @throws DevnetException if the JSON is malformed or an entry is invalid; the message names the entry
     */
    public static Genesis fromJson(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new DevnetException("genesis is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new DevnetException("genesis must be a JSON object");
        }
        Builder b = builder();
        String at = "genesis";
        try {
            if (root.hasNonNull("chain_id")) {
                at = "genesis.chain_id";
                b.chainId(Checksum256.from(root.get("chain_id").asText()));
            }
            if (root.hasNonNull("core_symbol")) {
                at = "genesis.core_symbol";
                b.coreSymbol(root.get("core_symbol").asText());
            }
            JsonNode accounts = root.path("accounts");
            for (int i = 0; i < accounts.size(); i++) {
                JsonNode a = accounts.get(i);
                at = "genesis.accounts[" + i + "]";
                Name name = Name.from(text(a, "name", at));
                DevAccount dev = DevAccount.of(name);
                PublicKey key = a.hasNonNull("key") ? PublicKey.from(a.get("key").asText()) : dev.publicKey();
                PublicKey owner = a.hasNonNull("owner_key") ? PublicKey.from(a.get("owner_key").asText()) : key;
                PublicKey active = a.hasNonNull("active_key") ? PublicKey.from(a.get("active_key").asText()) : key;
                b.account(new Account(name, owner, active, a.path("privileged").asBoolean(false)));
            }
            JsonNode tokens = root.path("tokens");
            for (int i = 0; i < tokens.size(); i++) {
                JsonNode t = tokens.get(i);
                at = "genesis.tokens[" + i + "]";
                String contract = t.hasNonNull("contract") ? t.get("contract").asText() : TOKEN.toString();
                b.token(contract, text(t, "issuer", at), text(t, "max_supply", at));
                for (Map.Entry<String, JsonNode> e : t.path("balances").properties()) {
                    at = "genesis.tokens[" + i + "].balances." + e.getKey();
                    b.balance(contract, e.getKey(), e.getValue().asText());
                }
            }
            JsonNode contracts = root.path("contracts");
            for (int i = 0; i < contracts.size(); i++) {
                JsonNode c = contracts.get(i);
                at = "genesis.contracts[" + i + "]";
                if (!c.path("abi").isObject()) {
                    throw new DevnetException(at + ".abi is missing or not an object");
                }
                b.contract(Name.from(text(c, "account", at)), AbiDefinition.fromJson(c.get("abi")));
            }
        } catch (DevnetException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DevnetException(at + ": " + e.getMessage(), e);
        }
        return b.build();
    }

    /**
     * Reads the JSON form from a file.
     *
     * @throws DevnetException if the file cannot be read or its content is invalid
     */
    public static Genesis fromFile(Path path) {
        try {
            return fromJson(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DevnetException("cannot read genesis file " + path + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new DevnetException(at + "." + field + " is missing or not a string");
        }
        return v.textValue();
    }

    public Checksum256 chainId() {
        return chainId;
    }

    public Symbol coreSymbol() {
        return coreSymbol;
    }

    /** The accounts, {@code eosio} and {@code eosio.token} first. */
    public List<Account> accounts() {
        return accounts;
    }

    public List<Token> tokens() {
        return tokens;
    }

    public List<Contract> contracts() {
        return contracts;
    }

    /** The accounts whose keys are their {@linkplain DevAccount dev keys}, with those keys. */
    public List<DevAccount> devAccounts() {
        List<DevAccount> out = new ArrayList<>();
        for (Account a : accounts) {
            DevAccount dev = DevAccount.of(a.name());
            if (dev.publicKey().equals(a.ownerKey()) && dev.publicKey().equals(a.activeKey())) {
                out.add(dev);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Genesis[chain " + chainId + ", " + accounts.size() + " accounts, " + tokens.size() + " tokens, "
                + contracts.size() + " contracts]";
    }

    private record TokenKey(Name contract, long code) {
    }

    private static final class TokenDraft {
        final Name contract;
        final Name issuer;
        final Asset maxSupply;
        final Map<Name, Asset> balances = new LinkedHashMap<>();

        TokenDraft(Name contract, Name issuer, Asset maxSupply) {
            this.contract = contract;
            this.issuer = issuer;
            this.maxSupply = maxSupply;
        }

        TokenDraft(Token t) {
            this(t.contract(), t.issuer(), t.maxSupply());
            balances.putAll(t.balances());
        }
    }

    /** Builds a {@link Genesis}; not thread-safe. */
    public static final class Builder {
        private Checksum256 chainId = DEFAULT_CHAIN_ID;
        private Symbol coreSymbol = DEFAULT_CORE_SYMBOL;
        private final Map<Name, Account> accounts = new LinkedHashMap<>();
        private final Map<TokenKey, TokenDraft> tokens = new LinkedHashMap<>();
        private final Map<Name, Contract> contracts = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder chainId(Checksum256 chainId) {
            this.chainId = Objects.requireNonNull(chainId, "chainId");
            return this;
        }

        /** The core symbol, such as {@code "4,EOS"} (for {@code core_liquid_balance}). */
        public Builder coreSymbol(String symbol) {
            this.coreSymbol = Symbol.from(symbol);
            return this;
        }

        /** An account with its {@linkplain DevAccount dev key}. */
        public Builder account(String name) {
            DevAccount dev = DevAccount.of(name);
            return account(new Account(dev.name(), dev.publicKey(), dev.publicKey(), false));
        }

        /** An account whose owner and active key is {@code key}. */
        public Builder account(String name, PublicKey key) {
            return account(new Account(Name.from(name), key, key, false));
        }

        /**
         * An account.
         *
         * @throws DevnetException if the account is already defined or its name is too long
         */
        public Builder account(Account account) {
            Objects.requireNonNull(account, "account");
            if (account.name().toString().length() > 12 || account.name().isEmpty()) {
                throw new DevnetException("genesis account \"" + account.name()
                        + "\": account names have 1 to 12 characters");
            }
            if (accounts.putIfAbsent(account.name(), account) != null) {
                throw new DevnetException("genesis account \"" + account.name() + "\" is defined twice");
            }
            return this;
        }

        /** A token on {@code eosio.token}, such as {@code token("eosio", "1000000.0000 EOS")}. */
        public Builder token(String issuer, String maxSupply) {
            return token(TOKEN.toString(), issuer, maxSupply);
        }

        /**
         * A token on a token contract.
         *
         * @throws DevnetException if the token is already defined or the supply is not positive
         */
        public Builder token(String contract, String issuer, String maxSupply) {
            Asset max = Asset.from(maxSupply);
            if (max.units() <= 0) {
                throw new DevnetException("genesis token " + maxSupply + ": the maximum supply must be positive");
            }
            TokenKey key = new TokenKey(Name.from(contract), max.symbol().code().value());
            if (tokens.putIfAbsent(key, new TokenDraft(Name.from(contract), Name.from(issuer), max)) != null) {
                throw new DevnetException("genesis token " + max.symbol() + " of " + contract + " is defined twice");
            }
            return this;
        }

        /** A balance of a token of {@code eosio.token} held at genesis. */
        public Builder balance(String account, String quantity) {
            return balance(TOKEN.toString(), account, quantity);
        }

        /**
         * A balance held at genesis.
         *
         * @throws DevnetException if the token is not defined (before) or the quantity is negative
         *     or of another precision
         */
        public Builder balance(String contract, String account, String quantity) {
            Asset q = Asset.from(quantity);
            TokenDraft t = tokens.get(new TokenKey(Name.from(contract), q.symbol().code().value()));
            if (t == null) {
                throw new DevnetException("genesis balance " + quantity + " of " + account + ": no token "
                        + q.symbol().code() + " defined on " + contract + " before it");
            }
            if (!t.maxSupply.symbol().equals(q.symbol())) {
                throw new DevnetException("genesis balance " + quantity + " of " + account + ": symbol precision "
                        + "mismatch with the token " + t.maxSupply.symbol());
            }
            if (q.units() < 0) {
                throw new DevnetException("genesis balance " + quantity + " of " + account + " is negative");
            }
            Asset old = t.balances.get(Name.from(account));
            t.balances.put(Name.from(account), old == null ? q : Asset.of(old.units() + q.units(), q.symbol()));
            return this;
        }

        /** A contract registered with its ABI (JSON, as {@code get_abi} gives it). */
        public Builder contract(String account, String abiJson) {
            return contract(Name.from(account), AbiDefinition.fromJson(abiJson));
        }

        /**
         * A contract registered with its ABI.
         *
         * @throws DevnetException if the contract is defined twice or its ABI does not compile
         */
        public Builder contract(Name account, AbiDefinition abi) {
            try {
                Abi.from(abi);
            } catch (RuntimeException e) {
                throw new DevnetException("genesis contract " + account + ": its ABI does not compile: "
                        + e.getMessage(), e);
            }
            if (contracts.putIfAbsent(account, new Contract(account, abi)) != null) {
                throw new DevnetException("genesis contract " + account + " is defined twice");
            }
            return this;
        }

        /**
         * The genesis. Token and contract accounts not defined are created with their dev keys.
         *
         * @throws DevnetException if a token's issuer or a balance's holder is not an account, or
         *     balances exceed a token's maximum supply
         */
        public Genesis build() {
            Map<Name, Account> all = new LinkedHashMap<>();
            addDefault(all, ChainState.EOSIO, true);
            addDefault(all, TOKEN, false);
            for (TokenDraft t : tokens.values()) {
                addDefault(all, t.contract, false);
            }
            for (Contract c : contracts.values()) {
                addDefault(all, c.account(), false);
            }
            List<Token> built = new ArrayList<>();
            for (TokenDraft t : tokens.values()) {
                if (!all.containsKey(t.issuer)) {
                    throw new DevnetException("genesis token " + t.maxSupply.symbol() + ": issuer " + t.issuer
                            + " is not an account");
                }
                long sum = 0;
                for (Map.Entry<Name, Asset> e : t.balances.entrySet()) {
                    if (!all.containsKey(e.getKey())) {
                        throw new DevnetException("genesis balance " + e.getValue() + ": " + e.getKey()
                                + " is not an account");
                    }
                    sum += e.getValue().units();
                    if (sum > t.maxSupply.units() || sum < 0) {
                        throw new DevnetException("genesis balances of " + t.maxSupply.symbol()
                                + " exceed its maximum supply " + t.maxSupply);
                    }
                }
                built.add(new Token(t.contract, t.issuer, t.maxSupply, t.balances));
            }
            return new Genesis(chainId, coreSymbol, new ArrayList<>(all.values()), built,
                    new ArrayList<>(contracts.values()));
        }

        private void addDefault(Map<Name, Account> all, Name name, boolean privileged) {
            if (all.containsKey(name)) {
                return;
            }
            Account a = accounts.get(name);
            if (a == null) {
                DevAccount dev = DevAccount.of(name);
                a = new Account(name, dev.publicKey(), dev.publicKey(), privileged);
            } else if (privileged && !a.privileged()) {
                a = new Account(a.name(), a.ownerKey(), a.activeKey(), true);
            }
            all.put(name, a);
            // then the accounts in the order given
            if (name.equals(TOKEN)) {
                for (Account other : accounts.values()) {
                    all.putIfAbsent(other.name(), other);
                }
            }
        }
    }
}
