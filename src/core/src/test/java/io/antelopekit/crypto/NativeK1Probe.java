package io.antelopekit.crypto;

import java.util.HexFormat;

/**
 * Run by {@link NativeK1SigningTest} in a JVM of its own (the property is read once per JVM):
 * prints whether K1 signing and recovery are native there and one signature, never a key.
 */
final class NativeK1Probe {

    static final byte[] DIGEST = HexFormat.of().parseHex("74f2bab0f7b496db35967b365a4bedc0f6378888dea671ec307ee99e677fe21d");

    private NativeK1Probe() {
    }

    public static void main(String[] args) {
        Signature sig = PrivateKey.from(KeysTest.DEV_WIF).sign(DIGEST);
        System.out.println("signing=" + PrivateKey.nativeSigning() + " recovery=" + Signature.nativeRecovery()
                + " signature=" + HexFormat.of().formatHex(sig.data()));
    }
}
