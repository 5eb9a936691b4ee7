package io.antelopekit.devnet;

import io.antelopekit.api.model.ChainError;
import io.antelopekit.api.model.ChainErrorBody;
import io.antelopekit.api.model.ChainErrorDetail;
import java.util.ArrayList;
import java.util.List;

/**
 * A refusal the devnet answers with a node's error body: the HTTP status and message, and the
 * chain exception's {@code code}, {@code name}, {@code what} and {@code details}, as nodeos
 * writes them. Thrown inside the devnet only; clients see the JSON.
 */
final class NodeError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A chain exception type: its code, name and description, as nodeos declares them. */
    record Kind(long code, String name, String what) {
    }

    static final Kind EXCEPTION = new Kind(0, "exception", "unspecified");
    static final Kind PARSE_ERROR = new Kind(4, "parse_error_exception", "Parse Error");
    static final Kind ASSERT = new Kind(10, "assert_exception", "Assert Exception");
    static final Kind OUT_OF_RANGE = new Kind(8, "out_of_range_exception", "Out of Range");
    static final Kind CHAIN_TYPE = new Kind(3010000, "chain_type_exception", "chain type exception");
    static final Kind NAME_TYPE = new Kind(3010001, "name_type_exception", "Invalid name");
    static final Kind UNPACK = new Kind(3015014, "unpack_exception", "Unpack data exception");
    static final Kind TRANSACTION = new Kind(3040000, "transaction_exception", "Transaction exception");
    static final Kind TX_DECOMPRESSION = new Kind(3040001, "tx_decompression_error", "Error decompressing transaction");
    static final Kind TX_NO_ACTION = new Kind(3040002, "tx_no_action", "Transaction should have at least one normal action");
    static final Kind TX_NO_AUTHS = new Kind(3040003, "tx_no_auths", "Transaction should have at least one required authority");
    static final Kind CFA_IRRELEVANT_AUTH = new Kind(3040004, "cfa_irrelevant_auth",
            "Context-free action should have no required authority");
    static final Kind EXPIRED = new Kind(3040005, "expired_tx_exception", "Expired Transaction");
    static final Kind EXP_TOO_FAR = new Kind(3040006, "tx_exp_too_far_exception", "Transaction Expiration Too Far");
    static final Kind INVALID_REF_BLOCK = new Kind(3040007, "invalid_ref_block_exception", "Invalid Reference Block");
    static final Kind TX_DUPLICATE = new Kind(3040008, "tx_duplicate", "Duplicate transaction");
    static final Kind ACTION_VALIDATE = new Kind(3050000, "action_validate_exception", "Action validate exception");
    static final Kind ACCOUNT_NAME_EXISTS = new Kind(3050001, "account_name_exists_exception", "Account name already exists");
    static final Kind INVALID_ACTION_ARGS = new Kind(3050002, "invalid_action_args_exception", "Invalid Action Arguments");
    static final Kind ASSERT_MESSAGE = new Kind(3050003, "eosio_assert_message_exception",
            "eosio_assert_message assertion failure");
    static final Kind ASSERT_CODE = new Kind(3050004, "eosio_assert_code_exception", "eosio_assert_code assertion failure");
    static final Kind PERMISSION_QUERY = new Kind(3060001, "permission_query_exception", "Permission Query Exception");
    static final Kind ACCOUNT_QUERY = new Kind(3060002, "account_query_exception", "Account Query Exception");
    static final Kind TABLE_QUERY = new Kind(3060003, "contract_table_query_exception", "Contract Table Query Exception");
    static final Kind TX_NET_USAGE = new Kind(3080002, "tx_net_usage_exceeded",
            "Transaction exceeded the current network usage limit imposed on the transaction");
    static final Kind TX_CPU_USAGE = new Kind(3080004, "tx_cpu_usage_exceeded",
            "Transaction exceeded the current CPU usage limit imposed on the transaction");
    static final Kind TX_DUPLICATE_SIG = new Kind(3090001, "tx_duplicate_sig", "Duplicate signature included");
    static final Kind TX_IRRELEVANT_SIG = new Kind(3090002, "tx_irrelevant_sig", "Irrelevant signature included");
    static final Kind UNSATISFIED_AUTHORIZATION = new Kind(3090003, "unsatisfied_authorization",
            "Provided keys, permissions, and delays do not satisfy declared authorizations");
    static final Kind MISSING_AUTH = new Kind(3090004, "missing_auth_exception", "Missing required authority");
    static final Kind IRRELEVANT_AUTH = new Kind(3090005, "irrelevant_auth_exception", "Irrelevant authority included");
    static final Kind UNKNOWN_BLOCK = new Kind(3100002, "unknown_block_exception", "Unknown block");
    static final Kind INVALID_HTTP_REQUEST = new Kind(3200006, "invalid_http_request", "invalid http request");
    static final Kind TABLE_OPERATION_NOT_PERMITTED = new Kind(3160005, "table_operation_not_permitted",
            "The table operation is not allowed");

    /**
     * A C++ standard exception that fc wrapped ({@code std_exception_wrapper}): code 13, named by
     * the mangled type name, described by the exception's {@code what()}.
     */
    static Kind std(String mangledType, String what) {
        return new Kind(13, mangledType, what);
    }

    private final int status;
    private final String statusMessage;
    private final Kind kind;
    private final List<ChainErrorDetail> details;

    private NodeError(int status, String statusMessage, Kind kind, List<ChainErrorDetail> details) {
        super(kind.name() + ": " + (details.isEmpty() ? kind.what() : details.get(0).message()), null, false, false);
        this.status = status;
        this.statusMessage = statusMessage;
        this.kind = kind;
        this.details = List.copyOf(details);
    }

    /**
     * An error with the HTTP status nodeos's {@code handle_exception} gives its kind: 400 for an
     * unknown block, an invalid request or an account lookup, 401 for unsatisfied
     * authorization, 409 for a duplicate transaction, 500 otherwise.
     */
    static NodeError of(Kind kind, String message, String file, long line, String method) {
        return of(kind, List.of(new ChainErrorDetail(message, file, line, method)));
    }

    /**
     * An error whose details are several log messages, in the order fc appends them (the
     * innermost first), each as {@code message, file, line, method}.
     */
    static NodeError of(Kind kind, ChainErrorDetail... details) {
        return of(kind, List.of(details));
    }

    private static NodeError of(Kind kind, List<ChainErrorDetail> details) {
        if (kind == UNKNOWN_BLOCK) {
            return new NodeError(400, "Unknown Block", kind, details);
        }
        if (kind == INVALID_HTTP_REQUEST) {
            return new NodeError(400, "Invalid Request", kind, details);
        }
        if (kind == ACCOUNT_QUERY) {
            return new NodeError(400, "Account lookup", kind, details);
        }
        if (kind == UNSATISFIED_AUTHORIZATION) {
            return new NodeError(401, "UnAuthorized", kind, details);
        }
        if (kind == TX_DUPLICATE) {
            return new NodeError(409, "Conflict", kind, details);
        }
        return new NodeError(500, "Internal Service Error", kind, details);
    }

    /** An error raised by contract code: the assertion's detail then the console line nodeos adds. */
    static NodeError contract(Kind kind, String message, String method) {
        List<ChainErrorDetail> d = new ArrayList<>(2);
        d.add(new ChainErrorDetail(message, kind == ASSERT_MESSAGE || kind == ASSERT_CODE ? "cf_system.cpp"
                : "apply_context.cpp", kind == ASSERT_MESSAGE || kind == ASSERT_CODE ? 14L : 417L, method));
        d.add(new ChainErrorDetail("pending console output: ", "apply_context.cpp", 124L, "exec_one"));
        return of(kind, d);
    }

    /**
     * An error raised by the node while a contract runs (a host function's check, such as a
     * table write in a read-only transaction): the check's detail, then the console line.
     */
    static NodeError contract(Kind kind, String message, String file, long line, String method) {
        return of(kind, List.of(new ChainErrorDetail(message, file, line, method),
                new ChainErrorDetail("pending console output: ", "apply_context.cpp", 124L, "exec_one")));
    }

    /** {@code eosio::check(false, message)} in a contract. */
    static NodeError check(String message) {
        return contract(ASSERT_MESSAGE, "assertion failure with message: " + message, "eosio_assert");
    }

    /** Another status, such as the 404 of an unknown endpoint. */
    static NodeError status(int status, String statusMessage, Kind kind, String message, String file, long line,
            String method) {
        return new NodeError(status, statusMessage, kind, List.of(new ChainErrorDetail(message, file, line, method)));
    }

    int status() {
        return status;
    }

    Kind kind() {
        return kind;
    }

    List<ChainErrorDetail> details() {
        return details;
    }

    ChainErrorBody body() {
        return new ChainErrorBody(status, statusMessage, new ChainError(kind.code(), kind.name(), kind.what(), details),
                null);
    }
}
