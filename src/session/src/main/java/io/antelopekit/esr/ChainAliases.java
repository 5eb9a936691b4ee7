package io.antelopekit.esr;

import io.antelopekit.chain.Checksum256;
import java.util.HashMap;
import java.util.Map;

/** The chain id aliases of the protocol (1 EOS ... 12 FIO); 0 means any chain. */
final class ChainAliases {

    private static final Checksum256[] IDS = {
        null,
        Checksum256.from("aca376f206b8fc25a6ed44dbdc66547c36c6c33e3a119ffbeaef943642f0e906"), // EOS
        Checksum256.from("4667b205c6838ef70ff7988f6e8257e8be0e1284a2f59699054a018f743b1d11"), // TELOS
        Checksum256.from("e70aaab8997e1dfce58fbfac80cbbb8fecec7b99cf982a9444273cbc64c41473"), // JUNGLE
        Checksum256.from("5fff1dae8dc8e2fc4d5b23b2c7665c97f9e9d8edf2b6485a86ba311c25639191"), // KYLIN
        Checksum256.from("73647cde120091e0a4b85bced2f3cfdb3041e266cbbe95cee59b73235a1b3b6f"), // WORBLI
        Checksum256.from("d5a3d18fbb3c084e3b1f3fa98c21014b5f3db536cc15d08f9f6479517c6a3d86"), // BOS
        Checksum256.from("cfe6486a83bad4962f232d48003b1824ab5665c36778141034d75e57b956e422"), // MEETONE
        Checksum256.from("b042025541e25a472bffde2d62edd457b7e70cee943412b1ea0f044f88591664"), // INSIGHTS
        Checksum256.from("b912d19a6abd2b1b05611ae5be473355d64d95aeff0c09bedc8c166cd6468fe4"), // BEOS
        Checksum256.from("1064487b3cd1a897ce03ae5b6a865651747e2e152090f99c1d19d44e01aea5a4"), // WAX
        Checksum256.from("384da888112027f0321850a169f737c33e53b388aad48b5adace4bab97f437e0"), // PROTON
        Checksum256.from("21dcae42c0182200e93f954a074011f9048a7624c6fe81d3c9541a614a88bd1c"), // FIO
    };

    /** The EOS chain id, the reference's default. */
    static final Checksum256 EOS = IDS[1];

    private static final Map<Checksum256, Integer> ALIASES = new HashMap<>();

    static {
        for (int i = 1; i < IDS.length; i++) {
            ALIASES.put(IDS[i], i);
        }
    }

    private ChainAliases() {
    }

    /** The alias of {@code chainId}, or 0 when it has none. */
    static int alias(Checksum256 chainId) {
        Integer a = ALIASES.get(chainId);
        return a == null ? 0 : a;
    }

    /** The chain id of {@code alias} 1..12, or null. */
    static Checksum256 chainId(int alias) {
        return alias > 0 && alias < IDS.length ? IDS[alias] : null;
    }
}
