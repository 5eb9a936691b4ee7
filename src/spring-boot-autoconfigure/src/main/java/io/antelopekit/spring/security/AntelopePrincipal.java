package io.antelopekit.spring.security;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;
import java.io.InvalidObjectException;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * Who signed in with an Antelope wallet: an account's permission on a chain. Its
 * {@link #getName() name} is the permission level, {@code alice@active}.
 *
 * <pre>{@code
 * @GetMapping("/me")
 * Mono<String> me(@AuthenticationPrincipal AntelopePrincipal who) {
 *     return Mono.just(who.permissionLevel().actor() + " on " + who.chainId());
 * }
 * }</pre>
 *
 * <p>Deliberately not a {@code java.security.Principal}: WebFlux resolves a controller parameter
 * of that type itself, as the exchange's principal (the authentication token), before Spring
 * Security's {@code @AuthenticationPrincipal} resolver could, so the example above would fail.
 *
 * <p>Serializable (a security context kept in a shared session store): its serial form is the
 * chain id and the permission level as text.
 *
 * @param chainId the chain the account is on
 * @param permissionLevel the account and permission its key satisfied
 */
public record AntelopePrincipal(Checksum256 chainId, PermissionLevel permissionLevel) implements Serializable {

    /** Checks that no part is null. */
    public AntelopePrincipal {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(permissionLevel, "permissionLevel");
    }

    /** {@code actor@permission}, also the authentication's name. */
    public String getName() {
        return permissionLevel.toString();
    }

    /** {@code alice@active on <chain id>}. */
    @Override
    public String toString() {
        return permissionLevel + " on " + chainId;
    }

    @Serial
    private Object writeReplace() {
        return new Form(chainId.toString(), permissionLevel.toString());
    }

    /** The serial form: text only. */
    private record Form(String chainId, String permissionLevel) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private Object readResolve() throws InvalidObjectException {
            try {
                return new AntelopePrincipal(Checksum256.from(chainId), PermissionLevel.from(permissionLevel));
            } catch (RuntimeException e) {
                throw new InvalidObjectException("AntelopePrincipal: " + e.getMessage());
            }
        }
    }
}
