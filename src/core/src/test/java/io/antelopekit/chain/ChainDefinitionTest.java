package io.antelopekit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChainDefinitionTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Checksum256 ID = Checksum256.from("73e4385a2708e6d7048834fbc1079f2fabb17b3c125b146af438971e90716c4d");
    static final Checksum256 TX = Checksum256.from("0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0");

    @Test
    void theOlderConstructorTakesAnExplorerPrefixAndASystemTokenSymbol() {
        ChainDefinition c = new ChainDefinition(ID, List.of("https://a.example"), "Jungle", "https://x.example/tx/", "4,EOS");
        assertThat(c.explorer()).isEqualTo(new ExplorerDefinition("https://x.example/tx/", ""));
        assertThat(c.explorerUrl(TX)).isEqualTo("https://x.example/tx/" + TX);
        assertThat(c.systemToken()).isEqualTo(new TokenIdentifier(ID, Name.from("eosio.token"), Symbol.from("4,EOS")));
        assertThat(c.logo()).isNull();
        assertThat(new ChainDefinition(ID, List.of("https://a.example"), null, null, null).systemToken()).isNull();
        assertThat(ChainDefinition.of(ID, "https://a.example", "https://b.example").url()).isEqualTo("https://a.example");
    }

    @Test
    void anExplorerPutsTheIdBetweenPrefixAndSuffix() {
        ExplorerDefinition e = new ExplorerDefinition("https://x.example/tx/", "?network=jungle4");
        assertThat(e.url(TX)).isEqualTo("https://x.example/tx/" + TX + "?network=jungle4");
        assertThat(ExplorerDefinition.of("p/").url("abc")).isEqualTo("p/abc");
    }

    @Test
    void aSystemTokenOfAnotherChainIsRefused() {
        TokenIdentifier elsewhere = TokenIdentifier.of(Checksum256.hash(new byte[] {1}), "eosio.token", "4,EOS");
        assertThatThrownBy(() -> new ChainDefinition(ID, List.of("https://a.example"), null, null, null, elsewhere))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is on chain");
    }

    @Test
    void theJsonFormIsWharfKitsWithTheEndpointList() throws Exception {
        ChainDefinition c = new ChainDefinition(ID, List.of("https://a.example", "https://b.example"), "Jungle 4",
                URI.create("https://logo.example/j.png"), new ExplorerDefinition("https://x.example/tx/", ""),
                TokenIdentifier.of(ID, "eosio.token", "4,EOS"));
        JsonNode json = JSON.valueToTree(c);
        assertThat(json.path("id").asText()).isEqualTo(ID.toString());
        assertThat(json.path("url").asText()).isEqualTo("https://a.example");
        assertThat(json.path("urls")).hasSize(2);
        assertThat(json.path("logo").asText()).isEqualTo("https://logo.example/j.png");
        assertThat(json.path("explorer").path("prefix").asText()).isEqualTo("https://x.example/tx/");
        assertThat(json.path("explorer").path("suffix").asText()).isEmpty();
        assertThat(json.path("systemToken").path("chain").asText()).isEqualTo(ID.toString());
        assertThat(json.path("systemToken").path("contract").asText()).isEqualTo("eosio.token");
        assertThat(json.path("systemToken").path("symbol").asText()).isEqualTo("4,EOS");
        assertThat(JSON.readValue(JSON.writeValueAsString(c), ChainDefinition.class)).isEqualTo(c);
        assertThat(JSON.writeValueAsString(ChainDefinition.of(ID, "https://a.example")))
                .doesNotContain("logo", "explorer", "systemToken", "name");
    }

    @Test
    void theOlderJsonFormReadsBack() throws Exception {
        String old = "{\"id\":\"" + ID + "\",\"urls\":[\"https://a.example\"],\"name\":\"Jungle\","
                + "\"explorer\":\"https://x.example/tx/\",\"systemToken\":\"4,EOS\"}";
        assertThat(JSON.readValue(old, ChainDefinition.class)).isEqualTo(
                new ChainDefinition(ID, List.of("https://a.example"), "Jungle", "https://x.example/tx/", "4,EOS"));
        String bare = "{\"id\":\"" + ID + "\",\"urls\":[\"https://a.example\"]}";
        assertThat(JSON.readValue(bare, ChainDefinition.class)).isEqualTo(ChainDefinition.of(ID, "https://a.example"));
    }

    @Test
    void wharfKitsChainDefinitionArgumentsReadBack() throws Exception {
        String wharf = "{\"id\":\"" + ID + "\",\"url\":\"https://jungle4.greymass.com\","
                + "\"logo\":{\"dark\":\"https://l.example/d.png\",\"light\":\"https://l.example/l.png\"},"
                + "\"explorer\":{\"prefix\":\"https://x.example/tx/\",\"suffix\":\"/info\"},"
                + "\"systemTokenSymbol\":\"4,EOS\",\"systemTokenContract\":\"eosio.token\",\"coinType\":194}";
        ChainDefinition c = JSON.readValue(wharf, ChainDefinition.class);
        assertThat(c.urls()).containsExactly("https://jungle4.greymass.com");
        assertThat(c.logo()).isEqualTo(URI.create("https://l.example/l.png"));
        assertThat(c.explorerUrl(TX)).isEqualTo("https://x.example/tx/" + TX + "/info");
        assertThat(c.systemToken()).isEqualTo(TokenIdentifier.of(ID, "eosio.token", "4,EOS"));
        String token = "{\"id\":\"" + ID + "\",\"url\":\"https://a.example\","
                + "\"systemToken\":{\"chain\":\"" + ID + "\",\"contract\":\"core.vaulta\",\"symbol\":\"4,A\"}}";
        assertThat(JSON.readValue(token, ChainDefinition.class).systemToken().contract()).isEqualTo(Name.from("core.vaulta"));
    }

    @Test
    void withersKeepTheRest() {
        ChainDefinition wax = new ChainDefinition(ID, List.of("https://a.example"), "WAX", URI.create("https://l.example/w.png"),
                ExplorerDefinition.of("https://x.example/tx/"), TokenIdentifier.of(ID, "eosio.token", "8,WAX"));
        ChainDefinition c = wax.withUrls(List.of("https://wax.example")).withName("My WAX");
        assertThat(c.id()).isEqualTo(wax.id());
        assertThat(c.urls()).containsExactly("https://wax.example");
        assertThat(c.name()).isEqualTo("My WAX");
        assertThat(c.logo()).isEqualTo(wax.logo());
        assertThat(c.explorer()).isEqualTo(wax.explorer());
        assertThat(c.systemToken()).isEqualTo(wax.systemToken());
        assertThat(c.withLogo(null).logo()).isNull();
        assertThat(c.withSystemToken(Name.from("other.token"), Symbol.from("4,OTH")).systemToken().chain()).isEqualTo(c.id());
        assertThat(c.withExplorer(null).explorerUrl(TX)).isNull();
    }
}
