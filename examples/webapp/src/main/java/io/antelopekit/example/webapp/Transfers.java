package io.antelopekit.example.webapp;

import io.antelopekit.api.model.TransactionStatus;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Name;
import io.antelopekit.session.ActionRequest;
import io.antelopekit.session.Session;
import io.antelopekit.session.TransactArgs;
import io.antelopekit.session.TransactEvent;
import io.antelopekit.plugin.TransactResult;
import io.antelopekit.spring.security.AntelopePrincipal;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transfers users started: each runs on its own ({@code transactAndTrack}, signed by the
 * user's wallet through a signing request or by the service's key) and keeps its events for the
 * page, which may subscribe late or again: the events are replayed. A finished transfer is
 * forgotten {@link #KEEP} later; one whose page is gone runs to its end (the wallet's timeout at
 * most) all the same.
 */
@Component
class Transfers implements DisposableBean {

    /** How long a finished transfer's events stay readable. */
    static final Duration KEEP = Duration.ofMinutes(10);
    /** How many transfers one user may have running at once. */
    static final int MAX_RUNNING_PER_USER = 5;
    /** The most bytes of a memo ({@code eosio.token}'s limit). */
    static final int MAX_MEMO_BYTES = 256;

    private static final Name TOKEN = Name.from("eosio.token");

    private final UserSessions users;
    private final Session service;
    private final Map<String, Transfer> transfers = new ConcurrentHashMap<>();
    private final SecureRandom ids;

    Transfers(UserSessions users, WebAppConfiguration.ServiceSession service) {
        this.users = users;
        this.service = service.session();
        this.ids = Randomness.seededDrbg();
    }

    /** The form of the page. */
    record Form(String to, String quantity, String memo, String signer) {
    }

    /** A form that cannot become a transfer: the message says which field and why. */
    static final class InvalidTransferException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidTransferException(String message) {
            super(message);
        }
    }

    /**
     * Starts a transfer for {@code who}: from their account, signed by their wallet
     * ({@code signer} {@code wallet}), or from the service's account, signed by its key
     * ({@code service}).
     *
     * @throws InvalidTransferException when a field is wrong or too many transfers run
     */
    Transfer start(AntelopePrincipal who, Form form) {
        boolean byService = "service".equals(form.signer());
        if (!byService && !"wallet".equals(form.signer())) {
            throw new InvalidTransferException("signer must be 'wallet' or 'service', got '" + form.signer() + "'");
        }
        Name to;
        try {
            to = Name.from(form.to() == null ? "" : form.to().trim());
        } catch (RuntimeException e) {
            throw new InvalidTransferException("to: " + e.getMessage());
        }
        if (to.isEmpty()) {
            throw new InvalidTransferException("to: give the account to send to, such as bob");
        }
        Asset quantity;
        try {
            quantity = Asset.from(form.quantity() == null ? "" : form.quantity().trim());
        } catch (RuntimeException e) {
            throw new InvalidTransferException("quantity: " + e.getMessage());
        }
        if (quantity.units() <= 0) {
            throw new InvalidTransferException("quantity " + quantity + " must be positive");
        }
        String owner = who.getName();
        String memo = form.memo() == null ? "" : form.memo();
        if (byService) {
            memo = memo.isEmpty() ? "requested by " + owner : memo + " (requested by " + owner + ")";
        }
        if (memo.getBytes(StandardCharsets.UTF_8).length > MAX_MEMO_BYTES) {
            throw new InvalidTransferException("memo has more than " + MAX_MEMO_BYTES + " bytes");
        }
        long running = transfers.values().stream().filter(t -> t.owner.equals(owner) && !t.isDone()).count();
        if (running >= MAX_RUNNING_PER_USER) {
            throw new InvalidTransferException(owner + " has " + running + " transfers running; wait for one to end");
        }
        Name from = byService ? service.actor() : who.permissionLevel().actor();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", from.toString());
        data.put("to", to.toString());
        data.put("quantity", quantity.toString());
        data.put("memo", memo);

        Transfer t = new Transfer(newId(), owner, byService ? "service" : "wallet");
        transfers.put(t.id, t);
        Map<String, Object> started = new LinkedHashMap<>(data);
        started.put("signer", t.signer);
        started.put("signedBy", byService ? service.permissionLevel().toString() : owner + " (your wallet)");
        t.emit("started", started);
        BrowserPrompt ui = new BrowserPrompt(t::emit);
        Mono<Session> session = byService ? Mono.just(service) : users.session(who);
        Flux<TransactEvent> run = session.flatMapMany(s -> s.withUserInterface(ui)
                .transactAndTrack(TransactArgs.of(ActionRequest.of(TOKEN.toString(), "transfer", data))));
        t.run(run, () -> Mono.delay(KEEP).subscribe(x -> transfers.remove(t.id, t)));
        return t;
    }

    /**
     * Whether {@code link} is the signing request a running transfer of {@code who} shows now,
     * waiting for their wallet (what the devnet test wallet may answer for them).
     */
    boolean waitsForWallet(AntelopePrincipal who, String link) {
        return link != null && transfers.values().stream()
                .anyMatch(t -> t.owner.equals(who.getName()) && link.equals(t.promptedLink()));
    }

    /** The transfer {@code id} if it is {@code who}'s. */
    Optional<Transfer> find(String id, AntelopePrincipal who) {
        Transfer t = id == null ? null : transfers.get(id);
        return t != null && t.owner.equals(who.getName()) ? Optional.of(t) : Optional.empty();
    }

    @Override
    public void destroy() {
        transfers.values().forEach(t -> t.cancel("the application stopped"));
        transfers.clear();
    }

    private String newId() {
        byte[] b = new byte[16];
        synchronized (ids) {
            ids.nextBytes(b);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** One transfer: its events (replayed to each subscriber) and its run. */
    static final class Transfer {
        final String id;
        final String owner;
        final String signer;
        private final Sinks.Many<ServerSentEvent<Map<String, Object>>> events = Sinks.many().replay().limit(256);
        private Disposable run;
        private boolean done;
        /** The signing request's link while the page shows it. */
        private String prompted;
        /** The id of the next event: the page skips events it saw before a reconnection. */
        private long seq;

        Transfer(String id, String owner, String signer) {
            this.id = id;
            this.owner = owner;
            this.signer = signer;
        }

        /** The events from the first, then live until the transfer ends. */
        Flux<ServerSentEvent<Map<String, Object>>> events() {
            return events.asFlux();
        }

        synchronized boolean isDone() {
            return done;
        }

        synchronized void emit(String event, Map<String, Object> data) {
            if (!done) {
                if (event.equals("prompt")) {
                    prompted = String.valueOf(data.get("link"));
                } else if (event.equals("prompt-closed")) {
                    prompted = null;
                }
                events.tryEmitNext(event(event, data));
            }
        }

        /** The link of the signing request shown now, or {@code null}. */
        synchronized String promptedLink() {
            return done ? null : prompted;
        }

        void run(Flux<TransactEvent> flow, Runnable onEnd) {
            Disposable d = flow.subscribe(this::onEvent, e -> end("failed", failure(e), onEnd),
                    () -> end("done", Map.of(), onEnd));
            synchronized (this) {
                if (done) {
                    d.dispose();
                } else {
                    run = d;
                }
            }
        }

        /** Stops the transfer (the wallet's wait, or the tracking) and tells the page why. */
        void cancel(String reason) {
            Disposable d;
            synchronized (this) {
                d = run;
            }
            if (d != null) {
                d.dispose();
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("reason", reason);
            end("failed", data, () -> { });
        }

        private void onEvent(TransactEvent event) {
            if (event instanceof TransactEvent.Accepted a) {
                TransactResult r = a.result();
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("transactionId", r.id().toString());
                data.put("signer", r.signer().toString());
                if (r.response() != null && r.response().processed() != null) {
                    data.put("blockNumber", r.response().processed().blockNum());
                }
                emit("accepted", data);
            } else if (event instanceof TransactEvent.StatusChanged c) {
                TransactionStatus s = c.status();
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("transactionId", c.transactionId().toString());
                data.put("state", c.state().name());
                data.put("final", c.state().isFinal());
                data.put("blockNumber", s.blockNumber());
                data.put("headNumber", s.headNumber());
                data.put("irreversibleNumber", s.irreversibleNumber());
                emit("status", data);
            }
        }

        private void end(String event, Map<String, Object> data, Runnable onEnd) {
            synchronized (this) {
                if (done) {
                    return;
                }
                events.tryEmitNext(event(event, data));
                done = true;
                events.tryEmitComplete();
            }
            onEnd.run();
        }

        /** Called holding the lock. */
        private ServerSentEvent<Map<String, Object>> event(String name, Map<String, Object> data) {
            return ServerSentEvent.<Map<String, Object>>builder(data).event(name).id(Long.toString(seq++)).build();
        }

        private static Map<String, Object> failure(Throwable e) {
            Map<String, Object> data = new LinkedHashMap<>();
            String message = e.getMessage();
            data.put("reason", message == null || message.isBlank() ? e.getClass().getSimpleName() : message);
            data.put("type", e.getClass().getSimpleName());
            return data;
        }

        @Override
        public String toString() {
            return "Transfer[" + id + " of " + owner + ", " + signer + (isDone() ? ", done" : "") + "]";
        }
    }
}
