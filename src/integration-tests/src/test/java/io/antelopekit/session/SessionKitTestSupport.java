package io.antelopekit.session;

import io.antelopekit.plugin.TransactContext;
import io.antelopekit.plugin.LoginContext;
import io.antelopekit.plugin.CreateAccountContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.plugin.LoginPlugin;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginConfig;
import io.antelopekit.plugin.WalletPluginLoginResponse;
import io.antelopekit.plugin.WalletPluginMetadata;
import io.antelopekit.plugin.WalletPluginSignResponse;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** A recording user interface, wallet and login plugin for the session kit's tests. */
final class SessionKitTestSupport {

    private SessionKitTestSupport() {
    }

    /** One list all the recording parts write their calls into, in order. */
    static final class Calls {
        final List<String> list = Collections.synchronizedList(new ArrayList<>());

        void add(String call) {
            list.add(call);
        }

        List<String> snapshot() {
            synchronized (list) {
                return List.copyOf(list);
            }
        }

        void clear() {
            list.clear();
        }
    }

    /** A user interface that records its calls and answers {@code login} with a function. */
    static final class RecordingUi implements UserInterface {
        final Calls calls;
        final List<LoginContext> loginContexts = Collections.synchronizedList(new ArrayList<>());
        final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        volatile ReactiveSessionStorage storage;
        volatile Function<LoginContext, Mono<LoginSelection>> select =
                ctx -> Mono.error(new AssertionError("ui.login was not expected: " + ctx));
        volatile Function<CreateAccountContext, Mono<AccountCreationSelection>> accountSelect =
                ctx -> Mono.error(new AssertionError("ui.onAccountCreate was not expected: " + ctx));

        RecordingUi(Calls calls) {
            this.calls = calls;
        }

        @Override
        public Mono<LoginSelection> login(LoginContext context) {
            return Mono.defer(() -> {
                calls.add("ui.login");
                loginContexts.add(context);
                return select.apply(context);
            });
        }

        @Override
        public Mono<Void> onLogin() {
            return Mono.fromRunnable(() -> calls.add("ui.onLogin"));
        }

        @Override
        public Mono<Void> onLoginComplete() {
            // records whether the session list was already stored when the UI is told
            ReactiveSessionStorage s = storage;
            if (s == null) {
                return Mono.fromRunnable(() -> calls.add("ui.onLoginComplete"));
            }
            return s.read(SessionKit.SESSIONS_KEY).map(x -> "ui.onLoginComplete(stored)")
                    .defaultIfEmpty("ui.onLoginComplete(not stored)").doOnNext(calls::add).then();
        }

        @Override
        public Mono<Void> onError(Throwable error) {
            return Mono.fromRunnable(() -> {
                calls.add("ui.onError:" + error.getClass().getSimpleName());
                errors.add(error);
            });
        }

        @Override
        public Mono<AccountCreationSelection> onAccountCreate(CreateAccountContext context) {
            return Mono.defer(() -> {
                calls.add("ui.onAccountCreate");
                return accountSelect.apply(context);
            });
        }

        @Override
        public Mono<Void> onAccountCreateComplete() {
            return Mono.fromRunnable(() -> calls.add("ui.onAccountCreateComplete"));
        }
    }

    /** A wallet that records its calls and signs with private keys; its logout takes a while. */
    static final class RecordingWallet implements WalletPlugin {
        final String id;
        final WalletPluginConfig config;
        final WalletPluginPrivateKey keys;
        final Calls calls;
        volatile Function<LoginContext, Mono<WalletPluginLoginResponse>> answer;

        RecordingWallet(String id, WalletPluginConfig config, Calls calls, PrivateKey... keys) {
            this.id = id;
            this.config = config;
            this.keys = WalletPluginPrivateKey.of(keys);
            this.calls = calls;
            this.answer = ctx -> Mono.just(new WalletPluginLoginResponse(ctx.chain().id(), ctx.permissionLevel(), null));
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public WalletPluginConfig config() {
            return config;
        }

        @Override
        public WalletPluginMetadata metadata() {
            return WalletPluginMetadata.of("Recording " + id);
        }

        @Override
        public Mono<WalletPluginLoginResponse> login(LoginContext context) {
            return Mono.defer(() -> {
                calls.add("wallet.login:" + id);
                return answer.apply(context);
            });
        }

        @Override
        public Mono<WalletPluginSignResponse> sign(Transaction transaction, TransactContext context) {
            return keys.sign(transaction, context);
        }

        @Override
        public Mono<Void> logout(LoginContext context) {
            return Mono.delay(Duration.ofMillis(50))
                    .then(Mono.fromRunnable(() -> calls.add("wallet.logout:" + id + ":" + context.permissionLevel())));
        }

        @Override
        public Mono<PublicKey> retrievePublicKey(Checksum256 chainId) {
            return keys.retrievePublicKey(chainId);
        }

        @Override
        public JsonNode data() {
            return keys.data();
        }
    }

    /** A login plugin recording its hooks. */
    static LoginPlugin recordingLoginPlugin(String id, Calls calls) {
        return new LoginPlugin() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Mono<Void> beforeLogin(LoginContext context) {
                return Mono.fromRunnable(() -> calls.add("beforeLogin:" + id + ":" + context.permissionLevel()));
            }

            @Override
            public Mono<Void> afterLogin(LoginContext context) {
                return Mono.fromRunnable(() -> calls.add("afterLogin:" + id + ":" + context.permissionLevel()));
            }
        };
    }
}
