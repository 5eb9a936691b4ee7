package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.PermissionLevel;

/**
 * The signer placeholders ({@code ............1} for the actor, {@code ............2} for the
 * permission) in encoded action data, substituted where the contract's ABI types a value as
 * {@code name}, as a signing request resolves them. A value typed {@code string} that reads
 * {@code ............1} is text and stays as it is.
 *
 * <p>Encoded data is scanned for the placeholders' binary form (the uint64 1 or 2, little-endian)
 * first; only data holding one is decoded through the ABI, walked by its types
 * ({@link Abi#replaceNames}), and re-encoded when a name was substituted.
 */
final class Placeholders {

    private static final String ACTOR = ActionRequest.PLACEHOLDER_ACTOR.toString();
    private static final String PERMISSION = ActionRequest.PLACEHOLDER_PERMISSION.toString();

    private Placeholders() {
    }

    /**
     * Whether {@code data} holds the binary form of a placeholder: a byte 1 or 2 followed by seven
     * zero bytes. False positives (an amount of 1) are sorted out by the typed walk.
     */
    static boolean mayContain(byte[] b) {
        int n = b.length;
        outer:
        for (int i = 0; i + 8 <= n; i++) {
            if (b[i] != 1 && b[i] != 2) {
                continue;
            }
            for (int j = 1; j < 8; j++) {
                if (b[i + j] != 0) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * The action data with the placeholders in {@code name} values replaced by {@code signer}.
     *
     * @param abi the contract's ABI
     * @param type the action's data type
     * @param data the encoded data
     * @param signer the session's actor and permission
     * @return {@code data} itself when nothing was substituted, else the re-encoded data
     */
    static Bytes resolve(Abi abi, String type, Bytes data, PermissionLevel signer) {
        if (data.length() < 8) {
            return data;
        }
        byte[] bytes = data.bytes();
        if (!mayContain(bytes)) {
            return data;
        }
        JsonNode json = abi.decode(type, bytes);
        boolean[] changed = new boolean[1];
        JsonNode resolved = abi.replaceNames(type, json, name -> {
            if (name.equals(ACTOR)) {
                changed[0] = true;
                return signer.actor().toString();
            }
            if (name.equals(PERMISSION)) {
                changed[0] = true;
                return signer.permission().toString();
            }
            return name;
        });
        return changed[0] ? Bytes.of(abi.encode(type, resolved)) : data;
    }
}
