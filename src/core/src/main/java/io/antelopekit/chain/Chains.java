package io.antelopekit.chain;


import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The public Antelope chains WharfKit knows ({@code @wharfkit/common}'s {@code Chains}): id,
 * display name, a public API endpoint (Greymass's, as WharfKit lists them), logo, block explorer
 * where WharfKit gives one, and system token.
 *
 * <pre>{@code
 * SessionKit kit = SessionKit.builder().appName("my app")
 *         .chains(Chains.JUNGLE4, Chains.WAX.withUrls(List.of("https://my-wax-node.example")))
 *         ...
 * }</pre>
 *
 * <p>The endpoints are public nodes with rate limits; a service should give its own with
 * {@link ChainDefinition#withUrls}. XPR Network was called Proton: {@link #XPR} is WharfKit's
 * {@code Proton} and {@code XPR}. WharfKit's {@code Vaulta} (the EOS chain with its new token) is
 * not here: it shares the EOS chain id.
 */
public final class Chains {

    private static final String LOGOS = "https://assets.wharfkit.com/chain/";

    /** EOS, system token {@code 4,EOS} of {@code eosio.token}. */
    public static final ChainDefinition EOS = chain("aca376f206b8fc25a6ed44dbdc66547c36c6c33e3a119ffbeaef943642f0e906",
            "EOS", "https://eos.greymass.com", "eos.png", "https://bloks.io/transaction/", "eosio.token", "4,EOS");

    /** FIO, system token {@code 9,FIO} of {@code eosio.token}. */
    public static final ChainDefinition FIO = chain("21dcae42c0182200e93f954a074011f9048a7624c6fe81d3c9541a614a88bd1c",
            "FIO", "https://fio.greymass.com", "fio.png", "https://fio.bloks.io/transaction/", "eosio.token", "9,FIO");

    /** FIO's testnet, system token {@code 9,FIO} of {@code fio.token}. */
    public static final ChainDefinition FIO_TESTNET = chain("b20901380af44ef59c5918439a1f9a41d83669020319a80574b804a5f95cbd7e",
            "FIO (Testnet)", "https://fiotestnet.greymass.com", "fio.png", "https://fio-test.bloks.io/transaction/",
            "fio.token", "9,FIO");

    /** Jungle 4, the EOS testnet, system token {@code 4,EOS} of {@code eosio.token}. */
    public static final ChainDefinition JUNGLE4 = chain("73e4385a2708e6d7048834fbc1079f2fabb17b3c125b146af438971e90716c4d",
            "Jungle 4 (Testnet)", "https://jungle4.greymass.com", "jungle.png", null, "eosio.token", "4,EOS");

    /** Kylin, an EOS testnet, system token {@code 4,EOS} of {@code eosio.token}. */
    public static final ChainDefinition KYLIN = chain("5fff1dae8dc8e2fc4d5b23b2c7665c97f9e9d8edf2b6485a86ba311c25639191",
            "Kylin (Testnet)", "https://kylintestnet.greymass.com", null, null, "eosio.token", "4,EOS");

    /** Libre, system token {@code 4,LIBRE} of {@code eosio.token}. */
    public static final ChainDefinition LIBRE = chain("38b1d7815474d0c60683ecbea321d723e83f5da6ae5f1c1f9fecc69d9ba96465",
            "Libre", "https://libre.greymass.com", "libre.png", "https://www.libreblocks.io/tx/", "eosio.token", "4,LIBRE");

    /** Libre's testnet, system token {@code 4,LIBRE} of {@code eosio.token}. */
    public static final ChainDefinition LIBRE_TESTNET = chain("b64646740308df2ee06c6b72f34c0f7fa066d940e831f752db2006fcc2b78dee",
            "Libre (Testnet)", "https://libretestnet.greymass.com", "libre.png", null, "eosio.token", "4,LIBRE");

    /** Telos, system token {@code 4,TLOS} of {@code eosio.token}. */
    public static final ChainDefinition TELOS = chain("4667b205c6838ef70ff7988f6e8257e8be0e1284a2f59699054a018f743b1d11",
            "Telos", "https://telos.greymass.com", "telos.png", "https://explorer.telos.net/transaction/",
            "eosio.token", "4,TLOS");

    /** Telos's testnet, system token {@code 4,TLOS} of {@code eosio.token}. */
    public static final ChainDefinition TELOS_TESTNET = chain("1eaa0824707c8c16bd25145493bf062aecddfeb56c736f6ba6397f3195f33c9f",
            "Telos (Testnet)", "https://telostestnet.greymass.com", "telos.png", null, "eosio.token", "4,TLOS");

    /** UX Network, system token {@code 4,UTX} of {@code eosio.token}. */
    public static final ChainDefinition UX = chain("8fc6dce7942189f842170de953932b1f66693ad3788f766e777b6f9d22335c02",
            "UX Network", "https://api.uxnetwork.io", "ux.png", "https://explorer.uxnetwork.io/tx/", "eosio.token", "4,UTX");

    /** WAX, system token {@code 8,WAX} of {@code eosio.token}. */
    public static final ChainDefinition WAX = chain("1064487b3cd1a897ce03ae5b6a865651747e2e152090f99c1d19d44e01aea5a4",
            "WAX", "https://wax.greymass.com", "wax.png", "https://waxblock.io/transaction/", "eosio.token", "8,WAX");

    /** WAX's testnet, system token {@code 8,WAX} of {@code eosio.token}. */
    public static final ChainDefinition WAX_TESTNET = chain("f16b1833c747c43682f4386fca9cbb327929334a762755ebec17f6f23c9b8a12",
            "WAX (Testnet)", "https://waxtestnet.greymass.com", "wax.png", null, "eosio.token", "8,WAX");

    /** XPR Network (formerly Proton), system token {@code 4,XPR} of {@code eosio.token}. */
    public static final ChainDefinition XPR = chain("384da888112027f0321850a169f737c33e53b388aad48b5adace4bab97f437e0",
            "XPR Network", "https://proton.greymass.com", "xprnetwork.png", "https://www.protonscan.io/transaction/",
            "eosio.token", "4,XPR");

    /** XPR Network's testnet, system token {@code 4,XPR} of {@code eosio.token}. */
    public static final ChainDefinition XPR_TESTNET = chain("71ee83bcf52142d61019d95f9cc5427ba6a0d7ff8accd9e2088ae2abeaf3d3dd",
            "XPR Network (Testnet)", "https://proton-testnet.greymass.com", "xprnetwork.png", null, "eosio.token", "4,XPR");

    private static final List<ChainDefinition> ALL = List.of(EOS, FIO, FIO_TESTNET, JUNGLE4, KYLIN, LIBRE, LIBRE_TESTNET,
            TELOS, TELOS_TESTNET, UX, WAX, WAX_TESTNET, XPR, XPR_TESTNET);

    private Chains() {
    }

    /** Every chain of this class, in the order above. */
    public static List<ChainDefinition> all() {
        return ALL;
    }

    /** The chain of this class with id {@code id}, if there is one. */
    public static Optional<ChainDefinition> byId(Checksum256 id) {
        return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    private static ChainDefinition chain(String id, String name, String url, String logo, String explorer,
            String tokenContract, String tokenSymbol) {
        Checksum256 chainId = Checksum256.from(id);
        return new ChainDefinition(chainId, List.of(url), name, logo == null ? null : URI.create(LOGOS + logo),
                explorer == null ? null : ExplorerDefinition.of(explorer),
                TokenIdentifier.of(chainId, tokenContract, tokenSymbol));
    }
}
