package io.antelopekit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.session.ActionRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    private static final Abi TOKEN = Abi.fromJson("""
            {"version":"eosio::abi/1.1","types":[],"structs":[{"name":"transfer","base":"","fields":[
              {"name":"from","type":"name"},{"name":"to","type":"name"},
              {"name":"quantity","type":"asset"},{"name":"memo","type":"string"}]}],
             "actions":[{"name":"transfer","type":"transfer","ricardian_contract":""}]}""");

    private static final PermissionLevel ALICE = PermissionLevel.from("alice@active");

    @Test
    void thePublicConstantsAreTheOneDefinition() {
        assertThat(Placeholders.ACTOR).hasToString("............1").isEqualTo(Name.of(1));
        assertThat(Placeholders.PERMISSION).hasToString("............2").isEqualTo(Name.of(2));
        assertThat(SigningRequest.PLACEHOLDER_ACTOR).isSameAs(Placeholders.ACTOR);
        assertThat(SigningRequest.PLACEHOLDER_PERMISSION).isSameAs(Placeholders.PERMISSION);
        assertThat(SigningRequest.PLACEHOLDER_AUTH).isSameAs(Placeholders.SIGNER);
        assertThat(ActionRequest.PLACEHOLDER_ACTOR).isSameAs(Placeholders.ACTOR);
        assertThat(ActionRequest.PLACEHOLDER_PERMISSION).isSameAs(Placeholders.PERMISSION);
        assertThat(ActionRequest.PLACEHOLDER_SIGNER).isSameAs(Placeholders.SIGNER);
        assertThat(Placeholders.isPlaceholder(Name.of(1))).isTrue();
        assertThat(Placeholders.isPlaceholder(Name.of(3))).isFalse();
    }

    @Test
    void authorizationsResolveAsASigningRequestDoes() {
        assertThat(Placeholders.resolve(Placeholders.SIGNER, ALICE)).isEqualTo(ALICE);
        // the actor placeholder as a permission (older requests) is the signer's permission
        assertThat(Placeholders.resolve(new PermissionLevel(Placeholders.ACTOR, Placeholders.ACTOR), ALICE))
                .isEqualTo(ALICE);
        assertThat(Placeholders.resolve(new PermissionLevel(Placeholders.ACTOR, Name.from("owner")), ALICE))
                .isEqualTo(PermissionLevel.from("alice@owner"));
        PermissionLevel bob = PermissionLevel.from("bob@active");
        assertThat(Placeholders.resolve(bob, ALICE)).isSameAs(bob);
        List<PermissionLevel> none = List.of(bob);
        assertThat(Placeholders.resolve(none, ALICE)).isSameAs(none);
        assertThat(Placeholders.resolve(List.of(bob, Placeholders.SIGNER), ALICE)).containsExactly(bob, ALICE);
    }

    @Test
    void dataIsResolvedWhereTheAbiSaysName() {
        byte[] encoded = TOKEN.encode("transfer", Map.of("from", "............1", "to", "bob",
                "quantity", "0.0001 EOS", "memo", "............2"));
        assertThat(Placeholders.mayContain(encoded)).isTrue();
        Bytes resolved = Placeholders.resolveData(TOKEN, "transfer", Bytes.of(encoded), ALICE);
        JsonNode json = TOKEN.decode("transfer", resolved.bytes());
        assertThat(json.get("from").asText()).isEqualTo("alice");
        assertThat(json.get("memo").asText()).isEqualTo("............2"); // a string stays text

        Bytes plain = Bytes.of(TOKEN.encode("transfer", Map.of("from", "carol", "to", "bob",
                "quantity", "0.0001 EOS", "memo", "")));
        assertThat(Placeholders.resolveData(TOKEN, "transfer", plain, ALICE)).isSameAs(plain);
        assertThatThrownBy(() -> Placeholders.resolveData(TOKEN, "transfer", Bytes.of(new byte[3]), ALICE))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void theBinaryPrefilterFindsTheUint64OneOrTwo() {
        assertThat(Placeholders.mayContain(new byte[] {9, 1, 0, 0, 0, 0, 0, 0, 0})).isTrue();
        assertThat(Placeholders.mayContain(new byte[] {2, 0, 0, 0, 0, 0, 0, 0})).isTrue();
        assertThat(Placeholders.mayContain(new byte[] {1, 0, 0, 0, 0, 0, 0})).isFalse();
        assertThat(Placeholders.mayContain(new byte[] {3, 0, 0, 0, 0, 0, 0, 0})).isFalse();
        assertThat(Placeholders.mayContain(new byte[] {1, 0, 0, 0, 0, 0, 0, 5})).isFalse();
    }
}
