package io.antelopekit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PermissionLevelTest {

    @Test
    void parsesActorAtPermission() {
        PermissionLevel level = PermissionLevel.from("alice@active");
        assertThat(level.actor()).isEqualTo(Name.from("alice"));
        assertThat(level.permission()).isEqualTo(Name.from("active"));
        assertThat(level).hasToString("alice@active")
                .isEqualTo(PermissionLevel.of("alice", "active"))
                .isEqualTo(new PermissionLevel(Name.from("alice"), Name.from("active")));
    }

    @Test
    void rejectsMalformedLevels() {
        assertThatThrownBy(() -> PermissionLevel.from("alice"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("\"alice\" has no '@'");
        assertThatThrownBy(() -> PermissionLevel.from("a@b@c")).hasMessageContaining("more than one '@'");
        assertThatThrownBy(() -> PermissionLevel.from("Alice@active"))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageContaining("\"Alice@active\": actor")
                .hasMessageContaining("upper-case letter at 0");
        assertThatThrownBy(() -> PermissionLevel.from("alice@act-ive")).hasMessageContaining("permission");
        assertThatThrownBy(() -> PermissionLevel.of("alice", "ACTIVE")).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> new PermissionLevel(null, Name.EMPTY)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void binaryIsTwoNames() {
        PermissionLevel level = PermissionLevel.from("eosio@owner");
        byte[] bytes = level.toBytes();
        assertThat(bytes).hasSize(16);
        BinaryReader in = new BinaryReader(bytes);
        assertThat(Name.decode(in)).isEqualTo(level.actor());
        assertThat(PermissionLevel.decode(new BinaryReader(bytes))).isEqualTo(level);
        assertThatThrownBy(() -> PermissionLevel.decode(new BinaryReader(new byte[15]))).isInstanceOf(DecodingException.class);
    }
}
