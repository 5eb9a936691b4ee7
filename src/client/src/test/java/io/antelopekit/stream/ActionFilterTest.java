package io.antelopekit.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.antelopekit.chain.BlockTimestamp;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.transaction.Action;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link ActionFilter}'s receivers, and {@link ActionEvent}'s receiver fields. */
class ActionFilterTest {

    static final Name TOKEN = Name.from("eosio.token");
    static final Name TRANSFER = Name.from("transfer");
    static final Name ALICE = Name.from("alice");
    static final Action TRANSFER_ACT = Action.of(TOKEN, TRANSFER, List.of(), Bytes.from(""));
    static final JsonNode TO_ALICE = JsonNodeFactory.instance.objectNode().put("from", "bank").put("to", "alice");

    static ActionEvent event(Name receiver, boolean inline) {
        return new ActionEvent(5, Checksum256.ZERO, BlockTimestamp.of(1), false, Checksum256.ZERO, 0, 0, TRANSFER_ACT,
                TO_ALICE, receiver, inline, !receiver.equals(TOKEN));
    }

    @Test
    void theOldConstructorMakesATopLevelActionRunByItsContract() {
        ActionEvent e = new ActionEvent(5, Checksum256.ZERO, BlockTimestamp.of(1), false, Checksum256.ZERO, 0, 0,
                TRANSFER_ACT, TO_ALICE);
        assertThat(e.receiver()).isEqualTo(TOKEN);
        assertThat(e.inline()).isFalse();
        assertThat(e.notification()).isFalse();
    }

    @Test
    void aNotificationIsExactlyARunByAnotherReceiver() {
        assertThat(event(ALICE, false).notification()).isTrue();
        assertThatThrownBy(() -> new ActionEvent(5, Checksum256.ZERO, BlockTimestamp.of(1), false, Checksum256.ZERO, 0, 0,
                TRANSFER_ACT, TO_ALICE, ALICE, false, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutReceiversOnlyTheContractsOwnRunPasses() {
        ActionFilter f = ActionFilter.transfersTo("alice");
        assertThat(f.wants(TOKEN, TRANSFER, TOKEN)).isTrue();
        assertThat(f.wants(TOKEN, TRANSFER, ALICE)).isFalse();
        // top-level or inline: the same
        assertThat(f.matches(event(TOKEN, false), Set.of())).isTrue();
        assertThat(f.matches(event(TOKEN, true), Set.of())).isTrue();
    }

    @Test
    void withReceiversOnlyTheirRunsPass() {
        ActionFilter f = ActionFilter.transfersTo("alice").receiver("alice");
        assertThat(f.wants(TOKEN, TRANSFER, ALICE)).isTrue();
        assertThat(f.wants(TOKEN, TRANSFER, TOKEN)).isFalse();
        assertThat(f.wants(TOKEN, TRANSFER, Name.from("bank"))).isFalse();
        assertThat(f.matches(event(ALICE, true), Set.of())).isTrue();
        assertThat(ActionFilter.all().receiver("alice", "eosio.token").wants(TOKEN, TRANSFER, TOKEN)).isTrue();
        assertThat(f.toString()).contains("receivers [alice]");
    }
}
