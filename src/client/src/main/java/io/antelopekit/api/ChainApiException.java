package io.antelopekit.api;

import io.antelopekit.api.model.ChainError;
import io.antelopekit.api.model.ChainErrorBody;
import io.antelopekit.api.model.ChainErrorDetail;
import java.net.URI;
import java.util.List;

/**
 * A node answered with an error status. When the body is the node's error object
 * ({@code {code, message, error: {code, name, what, details}}}), all of it is kept: the chain
 * exception's {@link #code()}, {@link #name()}, {@link #what()} and {@link #details()}, the
 * node's {@link #nodeMessage()}, plus the {@link #endpoint()} and {@link #httpStatus()}.
 *
 * <pre>{@code
 * client.getBlock(1).onErrorResume(ChainApiException.class,
 *         e -> "unknown_block_exception".equals(e.name()) ? Mono.empty() : Mono.error(e));
 * }</pre>
 *
 * <p>{@link #isTransient()} is {@code true} for 408, 429, 502, 503 and 504, and for other 5xx
 * answers unless the node named a specific chain exception (a non-zero {@link #code()}, such
 * as {@code eosio_assert_message_exception}): then it ran the request and refused it, and
 * another try would fail the same way.
 */
public class ChainApiException extends ChainClientException {

    private static final long serialVersionUID = 1L;

    /** The chain exception name a node gives a transaction it has already seen. */
    public static final String TX_DUPLICATE = "tx_duplicate";
    /** The chain exception code a node gives a transaction it has already seen. */
    public static final long TX_DUPLICATE_CODE = 3040008L;

    private final int httpStatus;
    private final transient ChainErrorBody body;
    private final String bodyText;

    ChainApiException(URI endpoint, int httpStatus, ChainErrorBody body, String bodyText) {
        super(endpoint, describe(endpoint, httpStatus, body, bodyText), null);
        this.httpStatus = httpStatus;
        this.body = body;
        this.bodyText = body == null ? bodyText : null;
    }

    private static String describe(URI endpoint, int status, ChainErrorBody body, String bodyText) {
        StringBuilder sb = new StringBuilder();
        sb.append(endpoint).append(": HTTP ").append(status);
        if (body == null) {
            sb.append(", not a node error body");
            if (bodyText != null && !bodyText.isEmpty()) {
                sb.append(": ").append(bodyText);
            }
            return sb.toString();
        }
        ChainError e = body.error();
        if (e != null) {
            sb.append(' ').append(e.name()).append(" (").append(e.code()).append(')');
            if (e.what() != null) {
                sb.append(": ").append(e.what());
            }
            if (e.details() != null) {
                for (ChainErrorDetail d : e.details()) {
                    if (d != null && d.message() != null) {
                        sb.append("; ").append(d.message());
                    }
                }
            }
        } else if (body.message() != null) {
            sb.append(' ').append(body.message());
        }
        return sb.toString();
    }

    /**
     * The HTTP status of the answer.
     *
     * @return such as {@code 400} or {@code 500}
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The node's error body as it was sent.
     *
     * @return the body, or {@code null} when the answer was not a node error body (a proxy's
     *         HTML page, for instance)
     */
    public ChainErrorBody errorBody() {
        return body;
    }

    /**
     * The chain exception code.
     *
     * @return such as {@code 3100002}, or {@code 0} when the node named none
     */
    public long code() {
        return body == null || body.error() == null ? 0 : body.error().code();
    }

    /**
     * The chain exception name.
     *
     * @return such as {@code unknown_block_exception}, or {@code null}
     */
    public String name() {
        return body == null || body.error() == null ? null : body.error().name();
    }

    /**
     * The chain exception's description.
     *
     * @return such as {@code "Unknown block"}, or {@code null}
     */
    public String what() {
        return body == null || body.error() == null ? null : body.error().what();
    }

    /**
     * The chain exception's details, in the node's order.
     *
     * @return the details, empty when the node sent none
     */
    public List<ChainErrorDetail> details() {
        if (body == null || body.error() == null || body.error().details() == null) {
            return List.of();
        }
        return body.error().details();
    }

    /**
     * The node's short message.
     *
     * @return such as {@code "Unknown Block"}, or {@code null}
     */
    public String nodeMessage() {
        return body == null ? null : body.message();
    }

    /**
     * The start of the body when it was not a node error body.
     *
     * @return up to a few hundred characters of it, or {@code null} when it was a node error body
     */
    public String bodyText() {
        return bodyText;
    }

    /**
     * Whether the node refused a transaction because it has already seen it.
     *
     * @return true for {@code tx_duplicate}
     */
    public boolean isDuplicateTransaction() {
        return TX_DUPLICATE.equals(name()) || code() == TX_DUPLICATE_CODE;
    }

    @Override
    public boolean isTransient() {
        switch (httpStatus) {
            case 408, 429, 502, 503, 504:
                return true;
            default:
                return httpStatus >= 500 && code() == 0;
        }
    }
}
