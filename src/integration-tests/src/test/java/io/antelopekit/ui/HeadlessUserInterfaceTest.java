package io.antelopekit.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.plugin.CancelledException;
import io.antelopekit.plugin.PromptArgs;
import io.antelopekit.plugin.UserInterface.AccountCreationSelection;
import io.antelopekit.plugin.UserInterface.LoginSelection;
import io.antelopekit.plugin.LoginContext;
import io.antelopekit.test.BlockHoundSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.antelopekit.ui.UiFixtures.JUNGLE;
import static io.antelopekit.ui.UiFixtures.KYLIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(BlockHoundSupport.class)
class HeadlessUserInterfaceTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final PromptArgs ACCEPT = new PromptArgs("Sign?", "a body", List.of(new PromptArgs.Element("accept", null, null)));

    static <T> Mono<T> onEventLoop(Mono<T> mono) {
        return mono.subscribeOn(Schedulers.parallel());
    }

    @Test
    void answersTheLoginFromFixedValues() {
        HeadlessUserInterface ui = HeadlessUserInterface.builder()
                .walletPlugin("wallet-plugin-entry").chain(KYLIN.id()).permissionLevel("bot@active").build();
        StepVerifier.create(onEventLoop(ui.login(UiFixtures.loginNeedingAll())))
                .expectNext(new LoginSelection(1, KYLIN.id(), PermissionLevel.of("bot", "active")))
                .expectComplete().verify(TIMEOUT);
        HeadlessUserInterface byIndex = HeadlessUserInterface.builder()
                .walletPluginIndex(0).chain(JUNGLE.id()).permissionLevel(PermissionLevel.of("bot", "owner")).build();
        StepVerifier.create(onEventLoop(byIndex.login(UiFixtures.loginNeedingAll())))
                .expectNext(new LoginSelection(0, JUNGLE.id(), PermissionLevel.of("bot", "owner")))
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void leavesWhatTheLoginAlreadyChoseAlone() {
        HeadlessUserInterface ui = HeadlessUserInterface.builder()
                .walletPluginIndex(1).chain(KYLIN.id()).permissionLevel("bot@active").build();
        LoginContext chosen = UiFixtures.login(JUNGLE, PermissionLevel.of("alice", "active"), 0,
                LoginContext.Requirements.NONE, List.of());
        StepVerifier.create(onEventLoop(ui.login(chosen)))
                .expectNext(new LoginSelection(null, null, null)).expectComplete().verify(TIMEOUT);
    }

    @Test
    void picksTheOnlyPermissionOfferedAndFailsClearlyWhenAChoiceIsMissing() {
        LoginContext oneOption = UiFixtures.login(JUNGLE, null, 0, new LoginContext.Requirements(false, false, true, false),
                List.of(PermissionLevel.of("alice", "active")));
        StepVerifier.create(onEventLoop(HeadlessUserInterface.create().login(oneOption)))
                .expectNext(new LoginSelection(null, null, PermissionLevel.of("alice", "active")))
                .expectComplete().verify(TIMEOUT);

        StepVerifier.create(onEventLoop(HeadlessUserInterface.builder().walletPluginIndex(0).build()
                        .login(UiFixtures.loginNeedingAll())))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledException.class)
                        .hasMessageContaining("needs a chain").hasMessageContaining("chain(chainId)")
                        .hasMessageContaining(JUNGLE.id().toString()))
                .verify(TIMEOUT);
        StepVerifier.create(onEventLoop(HeadlessUserInterface.create().login(UiFixtures.loginNeedingAll())))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledException.class)
                        .hasMessageContaining("needs a wallet"))
                .verify(TIMEOUT);
        StepVerifier.create(onEventLoop(HeadlessUserInterface.builder().walletPlugin("nope").build()
                        .login(UiFixtures.loginNeedingAll())))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledException.class)
                        .hasMessageContaining("'nope'").hasMessageContaining("wallet-plugin-keys"))
                .verify(TIMEOUT);
        StepVerifier.create(onEventLoop(HeadlessUserInterface.builder().walletPluginIndex(0).chain(JUNGLE.id()).build()
                        .login(UiFixtures.loginNeedingAll())))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledException.class)
                        .hasMessageContaining("needs a permission").hasMessageContaining("permissionLevel(...)"))
                .verify(TIMEOUT);
    }

    @Test
    void aLoginFunctionDecidesAndRunsOnlyWhenSubscribed() {
        AtomicInteger calls = new AtomicInteger();
        HeadlessUserInterface ui = HeadlessUserInterface.builder()
                .loginWhen(ctx -> {
                    calls.incrementAndGet();
                    return Mono.just(new LoginSelection(ctx.walletPlugins().size() - 1, ctx.chains().get(1).id(), null));
                })
                .build();
        Mono<LoginSelection> login = ui.login(UiFixtures.loginNeedingAll());
        assertThat(calls).hasValue(0);
        StepVerifier.create(onEventLoop(login)).expectNext(new LoginSelection(1, KYLIN.id(), null))
                .expectComplete().verify(TIMEOUT);
        assertThat(calls).hasValue(1);
    }

    @Test
    void refusesPromptsWithoutAFunction() {
        StepVerifier.create(onEventLoop(HeadlessUserInterface.create().prompt(ACCEPT)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledException.class)
                        .hasMessageContaining("\"Sign?\"").hasMessageContaining("refused").hasMessageContaining("promptWhen"))
                .verify(TIMEOUT);
    }

    @Test
    void answersPromptsWithTheFunction() {
        List<String> asked = new CopyOnWriteArrayList<>();
        HeadlessUserInterface ui = HeadlessUserInterface.builder()
                .promptWhen(args -> {
                    asked.add(args.title());
                    if (args.elements().stream().anyMatch(e -> e.type().equals("accept"))) {
                        return Mono.just(JsonNodeFactory.instance.objectNode().put("accepted", true));
                    }
                    return Mono.error(new CancelledException("bot declines " + args.title()));
                })
                .build();
        Mono<JsonNode> answer = ui.prompt(ACCEPT);
        assertThat(asked).isEmpty();
        StepVerifier.create(onEventLoop(answer))
                .assertNext(json -> assertThat(json.get("accepted").asBoolean()).isTrue())
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(ui.prompt(new PromptArgs("Other", null, List.of()))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledException.class).hasMessage("bot declines Other"))
                .verify(TIMEOUT);
        assertThat(asked).containsExactly("Sign?", "Other");
    }

    @Test
    void statusLinesAndErrorsGoToTheListenersAndTheLastErrorIsKept() {
        List<String> lines = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        HeadlessUserInterface ui = HeadlessUserInterface.builder().status(lines::add).onError(errors::add).build();
        assertThat(ui.lastError()).isEmpty();
        ui.status("waiting for the wallet");
        IllegalStateException boom = new IllegalStateException("boom");
        Mono<Void> told = ui.onError(boom);
        assertThat(errors).isEmpty();
        StepVerifier.create(onEventLoop(told)).expectComplete().verify(TIMEOUT);
        assertThat(lines).containsExactly("waiting for the wallet");
        assertThat(errors).containsExactly(boom);
        assertThat(ui.lastError()).containsSame(boom);

        // without listeners: logged, still kept, callbacks complete
        HeadlessUserInterface quiet = HeadlessUserInterface.create();
        quiet.status("logged at debug");
        StepVerifier.create(onEventLoop(quiet.onError(boom).then(quiet.onLogin()).then(quiet.onSign())))
                .expectComplete().verify(TIMEOUT);
        assertThat(quiet.lastError()).containsSame(boom);
    }

    @Test
    void answersAccountCreationFromFixedValues() {
        HeadlessUserInterface ui = HeadlessUserInterface.builder().accountCreationPlugin("devnet").chain(KYLIN.id()).build();
        StepVerifier.create(onEventLoop(ui.onAccountCreate(UiFixtures.accountCreation(true, true))))
                .expectNext(new AccountCreationSelection("devnet", KYLIN.id())).expectComplete().verify(TIMEOUT);
        StepVerifier.create(onEventLoop(HeadlessUserInterface.create().onAccountCreate(UiFixtures.accountCreation(true, false))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledException.class)
                        .hasMessageContaining("[faucet, devnet]"))
                .verify(TIMEOUT);
        StepVerifier.create(onEventLoop(HeadlessUserInterface.create().onAccountCreate(UiFixtures.accountCreation(false, false))))
                .expectNext(new AccountCreationSelection(null, null)).expectComplete().verify(TIMEOUT);
    }

    @Test
    void translatesWithParameters() {
        HeadlessUserInterface ui = HeadlessUserInterface.builder()
                .translations(Map.of("greet", "Hallo {{ name }}, {{count}} Sitzungen")).build();
        assertThat(ui.translate("greet", "Hello {{name}}")).isEqualTo("Hallo {{ name }}, {{count}} Sitzungen");
        assertThat(ui.translate("greet", "Hello {{name}}", Map.of("name", "alice", "count", 2)))
                .isEqualTo("Hallo alice, 2 Sitzungen");
        assertThat(ui.translate("other", "Hello {{name}} {{unknown}} {{", Map.of("name", "bob")))
                .isEqualTo("Hello bob {{unknown}} {{");
        assertThat(HeadlessUserInterface.create().translate("x", "fallback")).isEqualTo("fallback");
    }

    @Test
    void theBuilderRefusesConflictingWallets() {
        assertThatThrownBy(() -> HeadlessUserInterface.builder().walletPluginIndex(0).walletPlugin("w").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> HeadlessUserInterface.builder().walletPluginIndex(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
