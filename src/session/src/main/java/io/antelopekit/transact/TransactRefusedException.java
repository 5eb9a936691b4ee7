package io.antelopekit.transact;

import io.antelopekit.AntelopeException;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Name;

/**
 * A transact plugin of this package refused a transaction: an action not on an
 * {@link AllowListPlugin}'s list, or a transaction a {@link ResourcePayerPlugin} will not cosign.
 * Not transient: the same transaction is refused again. The message names the plugin, the action
 * ({@code actions[i]} or {@code context_free_actions[i]}, contract and name) and why; it never
 * holds key material.
 *
 * <pre>{@code
 * session.transact(args).onErrorResume(TransactRefusedException.class, e -> {
 *     log.warn("refused {} at index {}: {}", e.contract() + "::" + e.action(), e.actionIndex(), e.reason());
 *     return Mono.empty();
 * })
 * }</pre>
 */
public class TransactRefusedException extends AntelopeException {

    private static final long serialVersionUID = 1L;

    /** Why a transaction was refused. */
    public enum Reason {
        /** An action is not on the allow-list (or not for its authorizers). */
        NOT_ALLOWED,
        /** An action other than the payer's no-op already uses the payer's account. */
        PAYER_AUTHORITY_USED,
        /** The payer's signer gave no signature, or changed the transaction it was asked to sign. */
        PAYER_NOT_SIGNED
    }

    private final String pluginId;
    private final Reason reason;
    private final int actionIndex;
    private final boolean contextFree;
    private final Name contract;
    private final Name action;

    /**
     * A refusal of one action.
     *
     * @param pluginId the refusing plugin's id
     * @param reason why
     * @param actionIndex the action's index in its list
     * @param contextFree whether it is a context-free action
     * @param refused the action
     * @param detail what is wrong, for the message
     */
    TransactRefusedException(String pluginId, Reason reason, int actionIndex, boolean contextFree, Action refused,
            String detail) {
        super(pluginId + " refused " + (contextFree ? "context_free_actions[" : "actions[") + actionIndex + "] "
                + refused.account() + "::" + refused.name() + " " + refused.authorization() + ": " + detail);
        this.pluginId = pluginId;
        this.reason = reason;
        this.actionIndex = actionIndex;
        this.contextFree = contextFree;
        this.contract = refused.account();
        this.action = refused.name();
    }

    /** A refusal of the transaction as a whole (no single action is at fault). */
    TransactRefusedException(String pluginId, Reason reason, String detail, Throwable cause) {
        super(pluginId + " refused the transaction: " + detail, cause);
        this.pluginId = pluginId;
        this.reason = reason;
        this.actionIndex = -1;
        this.contextFree = false;
        this.contract = null;
        this.action = null;
    }

    /** The id of the plugin that refused. */
    public String pluginId() {
        return pluginId;
    }

    /** Why. */
    public Reason reason() {
        return reason;
    }

    /** The refused action's index in the transaction's actions (or context-free actions), or -1. */
    public int actionIndex() {
        return actionIndex;
    }

    /** Whether the refused action is a context-free action. */
    public boolean contextFree() {
        return contextFree;
    }

    /** The refused action's contract, or {@code null} when no single action is at fault. */
    public Name contract() {
        return contract;
    }

    /** The refused action's name, or {@code null} when no single action is at fault. */
    public Name action() {
        return action;
    }
}
