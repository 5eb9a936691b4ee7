package io.antelopekit.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.antelopekit.plugin.TransactPlugin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A call's options laid over a session's transact defaults. */
class TransactSettingsTest {

    static TransactPlugin plugin(String id) {
        return () -> id;
    }

    static final JsonNode SESSION_A = JsonNodeFactory.instance.objectNode().put("from", "session");
    static final JsonNode SESSION_B = JsonNodeFactory.instance.objectNode().put("keep", true);
    static final JsonNode CALL_A = JsonNodeFactory.instance.objectNode().put("from", "call");

    final TransactPlugin sessionPlugin = plugin("session");
    final TransactSettings defaults = new TransactSettings(List.of(sessionPlugin), 120, true,
            Map.of("a", SESSION_A, "b", SESSION_B));

    @Test
    void theDefaultOptionsKeepTheSessionsSettings() {
        assertThat(defaults.with(TransactOptions.DEFAULT)).isEqualTo(defaults);
    }

    @Test
    void aCallsOptionsReplaceWhatTheySet() {
        TransactPlugin callPlugin = plugin("call");
        TransactSettings call = defaults.with(TransactOptions.DEFAULT.withExpireSeconds(30).withAllowModify(false)
                .withTransactPlugins(List.of(callPlugin)).withTransactPluginOptions("a", CALL_A));

        assertThat(call.plugins()).containsExactly(callPlugin);
        assertThat(call.expireSeconds()).isEqualTo(30);
        assertThat(call.allowModify()).isFalse();
        // the call's options of a plugin replace the session's of that plugin; the others stay
        assertThat(call.pluginOptions()).containsOnly(Map.entry("a", CALL_A), Map.entry("b", SESSION_B));
        // the session's settings are unchanged
        assertThat(defaults.pluginOptions()).containsEntry("a", SESSION_A);
        assertThat(defaults.plugins()).containsExactly(sessionPlugin);
    }

    @Test
    void anEmptyPluginListRunsNoPlugin() {
        assertThat(defaults.with(TransactOptions.DEFAULT.withTransactPlugins(List.of())).plugins()).isEmpty();
    }
}
