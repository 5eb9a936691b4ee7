package io.antelopekit.api;

/** The chain API endpoints the client knows, with their paths and metric tag values. */
enum Api {
    GET_INFO("get_info"),
    GET_ACCOUNT("get_account"),
    GET_ABI("get_abi"),
    GET_RAW_ABI("get_raw_abi"),
    GET_BLOCK("get_block"),
    GET_BLOCK_INFO("get_block_info"),
    GET_TABLE_ROWS("get_table_rows"),
    GET_TABLE_BY_SCOPE("get_table_by_scope"),
    GET_CURRENCY_BALANCE("get_currency_balance"),
    GET_REQUIRED_KEYS("get_required_keys"),
    GET_ACCOUNTS_BY_AUTHORIZERS("get_accounts_by_authorizers"),
    PUSH_TRANSACTION("push_transaction"),
    SEND_TRANSACTION("send_transaction"),
    SEND_TRANSACTION2("send_transaction2"),
    COMPUTE_TRANSACTION("compute_transaction"),
    SEND_READ_ONLY_TRANSACTION("send_read_only_transaction"),
    GET_TRANSACTION_STATUS("get_transaction_status"),
    /** Any other path, through {@link ChainClient#call}. */
    OTHER(null);

    private static final String PREFIX = "/v1/chain/";
    private static final Api[] VALUES = values();

    private final String tag;
    private final String path;

    Api(String name) {
        this.tag = name == null ? "other" : name;
        this.path = name == null ? null : PREFIX + name;
    }

    /** The value of the {@code endpoint} tag: the endpoint's name, or {@code other}. */
    String tag() {
        return tag;
    }

    /** The path, such as {@code /v1/chain/get_info}; {@code null} for {@link #OTHER}. */
    String path() {
        return path;
    }

    /** The endpoint with this path, or {@link #OTHER}. */
    static Api forPath(String path) {
        if (path.startsWith(PREFIX)) {
            for (Api api : VALUES) {
                if (api.path != null && api.path.equals(path)) {
                    return api;
                }
            }
        }
        return OTHER;
    }
}
