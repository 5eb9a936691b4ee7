package io.antelopekit.chain;

import io.antelopekit.internal.Quote;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * An authorization: an account and one of its permissions, written {@code actor@permission}.
 *
 * <p>JSON is the node's object form {@code {"actor":"alice","permission":"active"}}; the string
 * form {@code "alice@active"} is accepted on input too.
 *
 * <pre>{@code
 * PermissionLevel auth = PermissionLevel.from("alice@active");
 * auth.actor();       // Name "alice"
 * auth.toString();    // "alice@active"
 * }</pre>
 *
 * @param actor the account
 * @param permission the permission of {@code actor}, usually {@code active} or {@code owner}
 */
public record PermissionLevel(Name actor, Name permission) implements BinaryEncodable {

    /**
     * @throws NullPointerException if either part is null
     */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public PermissionLevel(@JsonProperty("actor") Name actor, @JsonProperty("permission") Name permission) {
        this.actor = Objects.requireNonNull(actor, "actor");
        this.permission = Objects.requireNonNull(permission, "permission");
    }

    /**
     * Parses {@code actor@permission}.
     *
     * @throws InvalidValueException if there is not exactly one {@code @}, or either name is invalid
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PermissionLevel from(String level) {
        Objects.requireNonNull(level, "level");
        int at = level.indexOf('@');
        if (at < 0 || level.indexOf('@', at + 1) >= 0) {
            throw new InvalidValueException("permission level " + Quote.of(level)
                    + (at < 0 ? " has no '@'" : " has more than one '@'") + "; expected actor@permission");
        }
        return new PermissionLevel(part(level, level.substring(0, at), "actor"),
                part(level, level.substring(at + 1), "permission"));
    }

    private static Name part(String level, String name, String what) {
        try {
            return Name.from(name);
        } catch (InvalidNameException e) {
            throw new InvalidNameException("permission level " + Quote.of(level) + ": " + what + " " + e.getMessage(), e);
        }
    }

    /**
     * The level {@code actor@permission}.
     *
     * @throws InvalidNameException if either is not a valid name
     */
    public static PermissionLevel of(String actor, String permission) {
        return new PermissionLevel(Name.from(actor), Name.from(permission));
    }

    /** Reads an actor name and a permission name. */
    public static PermissionLevel decode(BinaryReader in) {
        Name actor = Name.decode(in);
        return new PermissionLevel(actor, Name.decode(in));
    }

    @Override
    public void encode(BinaryWriter out) {
        actor.encode(out);
        permission.encode(out);
    }

    /** {@code actor@permission}. */
    @Override
    public String toString() {
        return actor + "@" + permission;
    }
}
