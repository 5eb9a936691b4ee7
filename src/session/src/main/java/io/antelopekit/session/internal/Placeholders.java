package io.antelopekit.session.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;

import java.util.ArrayList;
import java.util.List;

/**
 * The signer placeholders ({@code ............1} for the actor, {@code ............2} for the
 * permission) and how a signer replaces them, as a signing request resolves them: the one
 * definition behind {@code SigningRequest.PLACEHOLDER_*} and {@code ActionRequest.PLACEHOLDER_*},
 * used by the signing requests' resolver and by {@code Session.transact}. Not API.
 *
 * <p>In an authorization the actor placeholder becomes the signer's actor; the permission
 * placeholder, and the actor placeholder used as a permission (older requests), the signer's
 * permission. In action data only values the ABI types as {@code name} are replaced
 * ({@link Abi#replaceNames}): a {@code string} that reads {@code ............1} is text.
 */
public final class Placeholders {

    /** The signer's actor: {@code ............1} (the name with raw value 1). */
    public static final Name ACTOR = Name.of(1);

    /** The signer's permission: {@code ............2} (the name with raw value 2). */
    public static final Name PERMISSION = Name.of(2);

    /** {@code ............1@............2}: whoever signs, with the permission they sign with. */
    public static final PermissionLevel SIGNER = new PermissionLevel(ACTOR, PERMISSION);

    private static final String ACTOR_TEXT = ACTOR.toString();
    private static final String PERMISSION_TEXT = PERMISSION.toString();

    private Placeholders() {
    }

    /** Whether {@code name} is one of the two placeholders. */
    public static boolean isPlaceholder(Name name) {
        return name.equals(ACTOR) || name.equals(PERMISSION);
    }

    /** {@code level} with its placeholders replaced by {@code signer}'s names. */
    public static PermissionLevel resolve(PermissionLevel level, PermissionLevel signer) {
        Name actor = level.actor().equals(ACTOR) ? signer.actor() : level.actor();
        Name permission = isPlaceholder(level.permission()) ? signer.permission() : level.permission();
        return actor == level.actor() && permission == level.permission() ? level : new PermissionLevel(actor, permission);
    }

    /** {@code auth} with its placeholders replaced; {@code auth} itself when it holds none. */
    public static List<PermissionLevel> resolve(List<PermissionLevel> auth, PermissionLevel signer) {
        boolean any = false;
        for (PermissionLevel level : auth) {
            any |= isPlaceholder(level.actor()) || isPlaceholder(level.permission());
        }
        if (!any) {
            return auth;
        }
        List<PermissionLevel> out = new ArrayList<>(auth.size());
        for (PermissionLevel level : auth) {
            out.add(resolve(level, signer));
        }
        return List.copyOf(out);
    }

    /**
     * Whether encoded data may hold a placeholder: a byte 1 or 2 followed by seven zero bytes
     * (the uint64 1 or 2, little-endian). False positives (an amount of 1) are sorted out by the
     * typed walk of {@link #resolveData}.
     */
    public static boolean mayContain(byte[] b) {
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
     * The action data with the placeholders in {@code name} values replaced by {@code signer}:
     * decoded through the ABI, walked by its types, re-encoded when a name was replaced.
     *
     * @param abi the contract's ABI
     * @param type the action's data type
     * @param data the encoded data
     * @param signer the signer's actor and permission
     * @return {@code data} itself when nothing was replaced, else the re-encoded data
     * @throws RuntimeException what the ABI throws when the data does not fit {@code type}
     */
    public static Bytes resolveData(Abi abi, String type, Bytes data, PermissionLevel signer) {
        JsonNode json = abi.decode(type, data.bytes());
        boolean[] changed = new boolean[1];
        JsonNode resolved = abi.replaceNames(type, json, name -> {
            if (name.equals(ACTOR_TEXT)) {
                changed[0] = true;
                return signer.actor().toString();
            }
            if (name.equals(PERMISSION_TEXT)) {
                changed[0] = true;
                return signer.permission().toString();
            }
            return name;
        });
        return changed[0] ? Bytes.of(abi.encode(type, resolved)) : data;
    }
}
