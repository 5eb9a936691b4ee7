package io.antelopekit.session;

import static io.antelopekit.session.StoredSessionsTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.plugin.AccountCreationPlugin;
import io.antelopekit.plugin.AccountCreationPluginConfig;
import io.antelopekit.plugin.CreateAccountContext;
import io.antelopekit.plugin.CreateAccountResponse;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.ui.HeadlessUserInterface;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Account creation over real chains and a headless user interface. */
class AccountCreationTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Creates the account asked for on the chain chosen; records the contexts it is given. */
    static final class Creator implements AccountCreationPlugin {
        final String id;
        final AccountCreationPluginConfig config;
        final List<CreateAccountContext> contexts = new CopyOnWriteArrayList<>();

        Creator(String id, Checksum256... chains) {
            this.id = id;
            this.config = new AccountCreationPluginConfig(true, List.of(chains));
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String name() {
            return id;
        }

        @Override
        public AccountCreationPluginConfig config() {
            return config;
        }

        @Override
        public Mono<CreateAccountResponse> create(CreateAccountContext context) {
            return Mono.fromCallable(() -> {
                contexts.add(context);
                return CreateAccountResponse.of(context.chain(), context.accountName());
            });
        }
    }

    private KitFixture kit;

    private AccountCreation creation(HeadlessUserInterface ui, AccountCreationPlugin... plugins) {
        kit = new KitFixture(ui, List.<WalletPlugin>of(new NamedWallet("anchor")), Map.of());
        return new AccountCreation("app", kit.chains, kit.ui, List.of(plugins));
    }

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void theOnlyPluginOnItsOnlyChainCreatesWithoutAQuestion() {
        Creator onB = new Creator("creator", KitFixture.B.id());
        // a user interface that would fail if asked
        HeadlessUserInterface ui = HeadlessUserInterface.builder()
                .accountCreateWhen(ctx -> Mono.error(new AssertionError("not to be asked"))).build();
        AccountCreation creation = creation(ui, onB);

        CreateAccountResponse response = await(creation.create(CreateAccountOptions.DEFAULT.withAccountName("newacct")));

        assertThat(response.chain()).isEqualTo(KitFixture.B);
        assertThat(response.accountName()).isEqualTo(Name.from("newacct"));
        assertThat(onB.contexts.get(0).client()).isSameAs(kit.client(KitFixture.B));
        assertThat(onB.contexts.get(0).appName()).isEqualTo("app");
    }

    @Test
    void theUserInterfaceChoosesPluginAndChain() {
        Creator first = new Creator("first");
        Creator second = new Creator("second");
        AccountCreation creation = creation(HeadlessUserInterface.builder().accountCreationPlugin("second")
                .chain(KitFixture.A.id()).build(), first, second);

        CreateAccountResponse response = await(creation.create(CreateAccountOptions.DEFAULT.withAccountName("newacct")));

        assertThat(response.chain()).isEqualTo(KitFixture.A);
        assertThat(first.contexts).isEmpty();
        assertThat(second.contexts).hasSize(1);
    }

    @Test
    void errorsAreToldToTheUserInterfaceAndNameWhatIsWrong() {
        AccountCreation none = creation(HeadlessUserInterface.create());
        StepVerifier.create(none.create(CreateAccountOptions.DEFAULT))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageStartingWith("no account creation plugins"))
                .verify(TIMEOUT);
        assertThat(kit.ui.lastError()).isPresent();
        kit.close();

        AccountCreation onB = creation(HeadlessUserInterface.create(), new Creator("creator", KitFixture.B.id()));
        StepVerifier.create(onB.create(CreateAccountOptions.DEFAULT.withPluginId("zzz")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessage("createAccount option pluginId 'zzz' names no account creation plugin of this kit "
                                + "(it has [creator])"))
                .verify(TIMEOUT);
        StepVerifier.create(onB.create(CreateAccountOptions.DEFAULT.withChain(KitFixture.A.id())))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageContaining("'creator' does not support chain " + KitFixture.A.id()))
                .verify(TIMEOUT);
        StepVerifier.create(onB.create(CreateAccountOptions.DEFAULT.withChain(KitChainsTest.C.id())))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnknownChainException.class)
                        .hasMessageStartingWith("createAccount chain " + KitChainsTest.C.id()))
                .verify(TIMEOUT);
    }
}
