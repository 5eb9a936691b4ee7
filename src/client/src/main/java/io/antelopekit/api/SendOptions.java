package io.antelopekit.api;

/**
 * The options of {@code send_transaction2}.
 *
 * <pre>{@code
 * client.sendTransaction2(packed, SendOptions.DEFAULT.withRetryTrx(3));
 * }</pre>
 *
 * @param retryTrx whether the node re-sends the transaction until it is in a block (nodes with
 *        {@code transaction-retry} enabled)
 * @param retryTrxNumBlocks with {@code retryTrx}: answer once the transaction is this many blocks
 *        deep, {@code null} to answer when it is irreversible
 * @param returnFailureTrace whether a failed transaction comes back as a trace with
 *        {@code except} rather than as an error body
 */
public record SendOptions(boolean retryTrx, Integer retryTrxNumBlocks, boolean returnFailureTrace) {

    /** The node's defaults: no retry, failure as a trace. */
    public static final SendOptions DEFAULT = new SendOptions(false, null, true);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if {@code retryTrxNumBlocks} is negative, or set without
     *         {@code retryTrx}
     */
    public SendOptions {
        if (retryTrxNumBlocks != null && retryTrxNumBlocks < 0) {
            throw new IllegalArgumentException("retryTrxNumBlocks must be >= 0, got " + retryTrxNumBlocks);
        }
        if (retryTrxNumBlocks != null && !retryTrx) {
            throw new IllegalArgumentException("retryTrxNumBlocks " + retryTrxNumBlocks + " needs retryTrx");
        }
    }

    /**
     * Asks the node to retry the transaction and answer when it is {@code numBlocks} deep.
     *
     * @param numBlocks blocks to wait for, 0 or more
     * @return the new options
     */
    public SendOptions withRetryTrx(int numBlocks) {
        return new SendOptions(true, numBlocks, returnFailureTrace);
    }

    /**
     * Chooses how a failed transaction comes back.
     *
     * @param returnFailureTrace true for a trace with {@code except}, false for an error body
     * @return the new options
     */
    public SendOptions withReturnFailureTrace(boolean returnFailureTrace) {
        return new SendOptions(retryTrx, retryTrxNumBlocks, returnFailureTrace);
    }
}
