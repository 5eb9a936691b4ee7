package io.antelopekit.esr;

import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;

import java.util.function.UnaryOperator;

/** The signer placeholders of signing requests, and what replaces them. */
final class Placeholders {

    private static final String ACTOR = SigningRequest.PLACEHOLDER_ACTOR.toString();
    private static final String PERMISSION = SigningRequest.PLACEHOLDER_PERMISSION.toString();

    private Placeholders() {
    }

    /** Whether {@code name} is one of the two placeholders. */
    static boolean isPlaceholder(Name name) {
        return name.equals(SigningRequest.PLACEHOLDER_ACTOR) || name.equals(SigningRequest.PLACEHOLDER_PERMISSION);
    }

    /**
     * For {@link io.antelopekit.abi.Abi#replaceNames}: the signer's actor for the actor
     * placeholder, its permission for the permission placeholder; sets {@code changed[0]} when
     * it replaces one.
     */
    static UnaryOperator<String> replacer(PermissionLevel signer, boolean[] changed) {
        return name -> {
            if (name.equals(ACTOR)) {
                changed[0] = true;
                return signer.actor().toString();
            }
            if (name.equals(PERMISSION)) {
                changed[0] = true;
                return signer.permission().toString();
            }
            return name;
        };
    }
}
