package io.antelopekit.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antelopekit.codegen.internal.JavaNames;
import org.junit.jupiter.api.Test;

class JavaNamesTest {

    @Test
    void classNamesFromAccountsAndStructs() {
        assertThat(JavaNames.className("eosio.token")).isEqualTo("EosioToken");
        assertThat(JavaNames.className("kittest")).isEqualTo("Kittest");
        assertThat(JavaNames.className("todoapp12345")).isEqualTo("Todoapp12345");
        assertThat(JavaNames.className("stats_result")).isEqualTo("StatsResult");
        assertThat(JavaNames.className("set.item")).isEqualTo("SetItem");
        assertThat(JavaNames.className("1abc")).isEqualTo("_1abc");
        assertThat(JavaNames.className("blockchain_parameters_v1")).isEqualTo("BlockchainParametersV1");
    }

    @Test
    void memberNamesAreCamelCaseAndNeverKeywords() {
        assertThat(JavaNames.memberName("set.item")).isEqualTo("setItem");
        assertThat(JavaNames.memberName("from_account")).isEqualTo("fromAccount");
        assertThat(JavaNames.memberName("new")).isEqualTo("new_");
        assertThat(JavaNames.memberName("class")).isEqualTo("class_");
        assertThat(JavaNames.memberName("default")).isEqualTo("default_");
        assertThat(JavaNames.memberName("record")).isEqualTo("record_");
        assertThat(JavaNames.memberName("yield")).isEqualTo("yield_");
        assertThat(JavaNames.memberName("true")).isEqualTo("true_");
        assertThat(JavaNames.memberName("1st")).isEqualTo("_1st");
        assertThat(JavaNames.memberName("to")).isEqualTo("to");
        assertThat(JavaNames.memberName("with")).isEqualTo("with");
        assertThat(JavaNames.memberName("hashCode")).isEqualTo("hashCode");
        assertThat(JavaNames.componentName("hash_code")).isEqualTo("hashCode_");
        assertThat(JavaNames.componentName("to_string")).isEqualTo("toString_");
        assertThat(JavaNames.prefixed("by", "owner")).isEqualTo("byOwner");
        assertThat(JavaNames.prefixed("by", "by_price")).isEqualTo("byByPrice");
        assertThatThrownBy(() -> JavaNames.memberName("..")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no letter or digit");
    }
}
