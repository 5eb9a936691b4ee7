package io.antelopekit.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.api.model.ChainErrorDetail;
import io.antelopekit.api.model.TableByScopeResponse;
import io.antelopekit.api.model.TableRowsResponse;
import io.antelopekit.api.model.TableScope;
import io.antelopekit.chain.Hex;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.Symbol;
import io.antelopekit.chain.SymbolCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.regex.Pattern;

/**
 * The node's table reads over {@link Tables}: {@code get_table_rows} (primary key and secondary
 * indexes, every key type, bounds, paging) and {@code get_table_by_scope}, as spring's
 * {@code chain_plugin} answers them ({@code read_only::get_table_rows}, {@code get_table_rows_ex},
 * {@code get_table_rows_by_seckey}, {@code get_table_index_name}, {@code convert_to_type},
 * {@code convert_to_string}, {@code keytype_converter}, {@code read_only::get_table_by_scope}):
 * the same checks in the same order, the same errors, and {@code next_key}/{@code more} in the
 * node's forms. Called under the chain's monitor.
 */
final class TableApi {

    /** The node's {@code api_base::max_return_items}: a page never has more rows. */
    static final long MAX_RETURN_ITEMS = 1000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);
    private static final BigInteger U128_MAX = TWO_128.subtract(BigInteger.ONE);
    private static final Pattern DECIMAL_FLOAT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INFINITY = Pattern.compile("[+-]?(inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAN = Pattern.compile("[+-]?nan", Pattern.CASE_INSENSITIVE);
    private static final Pattern UNSIGNED = Pattern.compile("[+-]?\\d+");
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final ChainState state;

    TableApi(ChainState state) {
        this.state = state;
    }

    // ------------------------------------------------------------------ request fields

    /** A string field: absent or null is {@code dflt}; a number or boolean is its text; an object or array is a 400. */
    static String optText(JsonNode p, String field, String dflt) {
        JsonNode v = p.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isContainerNode()) {
            throw HttpApi.invalid("Invalid field \"" + field + "\": a string is needed, not " + v.getNodeType().name()
                    .toLowerCase(java.util.Locale.ROOT));
        }
        return v.asText();
    }

    /** An optional boolean field, as fc reads one (a number is true when not 0, a string "true"/"false"/"1"/"0"). */
    static boolean optBool(JsonNode p, String field) {
        JsonNode v = p.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            return v.asDouble() != 0;
        }
        if (v.isTextual()) {
            String s = v.textValue();
            if (s.equals("true") || s.equals("1")) {
                return true;
            }
            if (s.equals("false") || s.equals("0") || s.isEmpty()) {
                return false;
            }
        }
        throw HttpApi.invalid("Invalid field \"" + field + "\": a boolean is needed");
    }

    /** {@code limit}: a uint32 as fc reads one (default 10), at most {@link #MAX_RETURN_ITEMS} used. */
    static long limit(JsonNode p) {
        JsonNode v = p.get("limit");
        long n;
        if (v == null || v.isNull()) {
            n = 10;
        } else if (v.isIntegralNumber()) {
            n = v.bigIntegerValue().longValue() & 0xFFFFFFFFL;
        } else if (v.isNumber()) {
            n = ((long) v.asDouble()) & 0xFFFFFFFFL;
        } else if (v.isBoolean()) {
            n = v.booleanValue() ? 1 : 0;
        } else if (v.isTextual() && UNSIGNED.matcher(v.textValue()).matches()) {
            try {
                n = lexicalUint64(v.textValue()) & 0xFFFFFFFFL;
            } catch (NumberFormatException e) {
                throw HttpApi.invalid("Invalid field \"limit\": " + v.textValue() + " is not a uint32");
            }
        } else {
            throw HttpApi.invalid("Invalid field \"limit\": a number is needed");
        }
        return Math.min(n, MAX_RETURN_ITEMS);
    }

    // ------------------------------------------------------------------ key conversions

    /**
     * {@code boost::lexical_cast<uint64_t>}: an optional sign and decimal digits; a minus sign
     * wraps the value (as the cast does); a value over 2^64-1 fails.
     */
    static long lexicalUint64(String s) {
        if (!UNSIGNED.matcher(s).matches()) {
            throw new NumberFormatException(s);
        }
        boolean minus = s.charAt(0) == '-';
        String digits = s.charAt(0) == '-' || s.charAt(0) == '+' ? s.substring(1) : s;
        BigInteger big = new BigInteger(digits);
        if (big.compareTo(U64_MAX) > 0) {
            throw new NumberFormatException(s);
        }
        long v = big.longValue();
        return minus ? -v : v;
    }

    /**
     * {@code eosio::chain::name}'s constructor from text: at most 13 characters, and the text must
     * be the name's normalized form (characters outside {@code .1-5a-z} count as '.').
     */
    static long nodeName(String s) {
        if (s.length() > 13) {
            throw NodeError.of(NodeError.NAME_TYPE, "Name is longer than 13 characters (" + s + ") ", "name.cpp", 11,
                    "set");
        }
        long v = 0;
        int i = 0;
        for (; i < s.length() && i < 12; i++) {
            v |= (nameSymbol(s.charAt(i)) & 0x1FL) << (64 - 5 * (i + 1));
        }
        if (i < s.length() && i == 12) {
            v |= nameSymbol(s.charAt(12)) & 0x0FL;
        }
        String normalized = Name.of(v).toString();
        if (!normalized.equals(s)) {
            throw NodeError.of(NodeError.NAME_TYPE, "Name not properly normalized (name: " + s + ", normalized: "
                    + normalized + ") ", "name.cpp", 13, "set");
        }
        return v;
    }

    private static long nameSymbol(char c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 6;
        }
        if (c >= '1' && c <= '5') {
            return c - '1' + 1;
        }
        return 0;
    }

    /**
     * The node's {@code convert_to_type<uint64_t>}: a number ({@code lexical_cast}), else a name
     * (trimmed), else a symbol with precision ({@code 4,EOS}), else a symbol code ({@code EOS});
     * a {@code chain_type_exception} naming {@code what} when none fits.
     */
    static long toUint64(String s, String what) {
        try {
            return lexicalUint64(s);
        } catch (NumberFormatException e) {
            // not a number: the other forms
        }
        try {
            return nodeName(s.strip());
        } catch (NodeError e) {
            // not a name
        }
        if (s.indexOf(',') >= 0) {
            try {
                return Symbol.from(s).value();
            } catch (RuntimeException e) {
                // not a symbol
            }
        }
        try {
            return SymbolCode.from(s).value();
        } catch (RuntimeException e) {
            throw NodeError.of(NodeError.CHAIN_TYPE, "Could not convert " + what + " string '" + s
                    + "' to any of the following: uint64_t, valid name, or valid symbol (with or without the precision)",
                    "chain_plugin.cpp", 1479, "convert_to_type");
        }
    }

    /** The detail {@code convert_to_type}'s rethrow appends: which bound could not be converted. */
    private static ChainErrorDetail couldNotConvert(String what, String s, String file, Long line) {
        return new ChainErrorDetail("Could not convert " + what + " string '" + s + "' to key type.", file, line,
                "convert_to_type");
    }

    /**
     * A boost {@code cpp_int} of {@code bits} bits read from text (what fc's
     * {@code from_variant} does for uint128 and uint256): decimal, {@code 0x} hex or {@code 0}
     * octal, an optional minus sign; unchecked, so the value wraps modulo 2^bits.
     */
    static BigInteger boostUnsigned(String s, int bits, String what) {
        String t = s;
        boolean negative = false;
        if (t.startsWith("-")) {
            negative = true;
            t = t.substring(1);
        }
        int radix = 10;
        if (t.startsWith("0x") || t.startsWith("0X")) {
            radix = 16;
            t = t.substring(2);
        } else if (t.startsWith("0")) {
            radix = 8;
            t = t.substring(1);
        }
        BigInteger v = BigInteger.ZERO;
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                    : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : 99;
            if (d >= radix) {
                String why = "Unexpected content found while parsing character string.";
                throw NodeError.of(NodeError.std("St13runtime_error", why), new ChainErrorDetail(why + ": Could not"
                        + " convert " + what + " string '" + s + "' to key type.", "chain_plugin.hpp", 100L,
                        "convert_to_type"));
            }
            v = v.multiply(BigInteger.valueOf(radix)).add(BigInteger.valueOf(d));
        }
        BigInteger mod = BigInteger.ONE.shiftLeft(bits);
        if (negative) {
            v = v.negate();
        }
        return v.mod(mod);
    }

    /**
     * fc's {@code from_variant} to fixed bytes ({@code checksum256}, {@code ripemd160}): hex of
     * an even length, its first {@code size} bytes, zeros after when shorter.
     */
    static byte[] fixedBytes(String s, int size, String what) {
        if (s.length() % 2 != 0) {
            throw NodeError.of(NodeError.ASSERT, new ChainErrorDetail("str.size() % 2 == 0: the length of hex string"
                    + " should be even number", "variant.cpp", 752L, "from_variant"),
                    couldNotConvert(what, s, "chain_plugin.hpp", 100L));
        }
        byte[] out = new byte[size];
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                throw NodeError.of(NodeError.EXCEPTION, new ChainErrorDetail("Invalid hex character '" + s.charAt(i)
                        + "'", "hex.cpp", 13L, "from_hex"), couldNotConvert(what, s, "chain_plugin.hpp", 100L));
            }
        }
        for (int i = 0; i < size && 2 * i + 1 < s.length(); i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /**
     * The node's {@code convert_to_type<double>}: {@code boost::lexical_cast<double>} (no blanks;
     * {@code inf}, {@code nan} and exponents allowed; out of range fails), then NaN refused.
     */
    static double toDouble(String s, String what) {
        double v;
        if (DECIMAL_FLOAT.matcher(s).matches()) {
            v = Double.parseDouble(s);
            if (Double.isInfinite(v)) {
                v = Double.NaN; // out of range: the cast fails
            }
        } else if (INFINITY.matcher(s).matches()) {
            v = s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        } else if (NAN.matcher(s).matches()) {
            throw NodeError.of(NodeError.TABLE_QUERY, "Converted " + what + " string '" + s + "' to NaN which is not a"
                    + " permitted value for the key type", "chain_plugin.cpp", 1493, "convert_to_type");
        } else {
            v = Double.NaN;
        }
        if (Double.isNaN(v)) {
            throw NodeError.of(NodeError.PARSE_ERROR, new ChainErrorDetail("Couldn't parse double", "string.cpp", 57L,
                    "to_double"), couldNotConvert(what, s, "chain_plugin.cpp", 1490L));
        }
        return v;
    }

    // ------------------------------------------------------------------ float conversions

    /** softfloat's {@code f64_to_f128}: the binary128 bits of a double (exact). */
    static BigInteger doubleToFloat128(double d) {
        long b = Double.doubleToRawLongBits(d);
        long sign = b >>> 63;
        int exp = (int) ((b >>> 52) & 0x7FF);
        long frac = b & ((1L << 52) - 1);
        long exp128;
        if (exp == 0x7FF) {
            exp128 = 0x7FFF;
        } else if (exp == 0) {
            if (frac == 0) {
                exp128 = 0;
            } else {
                int shift = Long.numberOfLeadingZeros(frac) - 11;
                frac = (frac << shift) & ((1L << 52) - 1);
                exp128 = 1 - shift - 1023 + 16383;
            }
        } else {
            exp128 = exp - 1023 + 16383;
        }
        return BigInteger.valueOf(sign).shiftLeft(127).or(BigInteger.valueOf(exp128).shiftLeft(112))
                .or(BigInteger.valueOf(frac).shiftLeft(60));
    }

    /** softfloat's {@code f128_to_f64}: the nearest double (ties to even) of binary128 bits. */
    static double float128ToDouble(BigInteger bits) {
        boolean negative = bits.testBit(127);
        int exp = bits.shiftRight(112).intValue() & 0x7FFF;
        BigInteger frac = bits.and(BigInteger.ONE.shiftLeft(112).subtract(BigInteger.ONE));
        double v;
        if (exp == 0x7FFF) {
            v = frac.signum() == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            BigInteger m = exp == 0 ? frac : frac.setBit(112);
            v = scaled(m, (exp == 0 ? 1 : exp) - 16383 - 112);
        }
        return negative ? -v : v;
    }

    /** {@code m * 2^e} rounded to the nearest double, ties to even. */
    private static double scaled(BigInteger m, int e) {
        if (m.signum() == 0) {
            return 0;
        }
        int n = m.bitLength();
        long top = (long) e + n - 1;
        if (top > 1023) {
            return Double.POSITIVE_INFINITY;
        }
        int shift = top >= -1022 ? n - 53 : -1074 - e;
        if (shift <= 0) {
            return Math.scalb(m.doubleValue(), e);
        }
        BigInteger q = m.shiftRight(shift);
        BigInteger r = m.subtract(q.shiftLeft(shift));
        int c = r.compareTo(BigInteger.ONE.shiftLeft(shift - 1));
        if (c > 0 || c == 0 && q.testBit(0)) {
            q = q.add(BigInteger.ONE);
        }
        return Math.scalb(q.doubleValue(), e + shift);
    }

    /** How fc writes a double as text: fixed, 17 decimals ({@code inf}, {@code -inf}, {@code nan}). */
    static String fcDouble(double d) {
        if (Double.isNaN(d)) {
            return Double.doubleToRawLongBits(d) < 0 ? "-nan" : "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(d).setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        return d == 0 && 1 / d < 0 ? "-" + s : s;
    }

    // ------------------------------------------------------------------ get_table_rows

    /** The parameters of {@code get_table_rows}, as the node reads them. */
    private record RowsQuery(Name code, Name table, String scope, boolean json, String lower, String upper, long limit,
            String keyType, String indexPosition, String encodeType, boolean reverse, boolean showPayer) {
    }

    TableRowsResponse rows(JsonNode p) {
        RowsQuery q = new RowsQuery(HttpApi.name(p, "code"), HttpApi.name(p, "table"), HttpApi.text(p, "scope"),
                optBool(p, "json"), optText(p, "lower_bound", ""), optText(p, "upper_bound", ""), limit(p),
                optText(p, "key_type", ""), optText(p, "index_position", ""), optText(p, "encode_type", "dec"),
                optBool(p, "reverse"), optBool(p, "show_payer"));
        ChainState.Account account = state.account(q.code());
        if (account == null) {
            throw NodeError.of(NodeError.ACCOUNT_QUERY, "Fail to retrieve account for " + q.code(), "chain_plugin.cpp",
                    1538, "get_abi");
        }
        long table = q.table().value();
        if ((table & 0xFL) != 0) {
            throw NodeError.of(NodeError.TABLE_QUERY, "Unsupported table name: " + q.table(), "chain_plugin.cpp", 1411,
                    "get_table_index_name");
        }
        int pos = indexPosition(q.indexPosition());
        Abi abi = account.compiledAbi;
        if (pos < 0) {
            String indexType = indexType(abi, q.table());
            if (!indexType.equals("i64") && !q.keyType().equals("i64") && !q.keyType().equals("name")) {
                throw NodeError.of(NodeError.TABLE_QUERY, "Invalid table type " + indexType, "chain_plugin.cpp", 1564,
                        "get_table_rows");
            }
            return primary(q, abi);
        }
        if (q.keyType().isEmpty()) {
            throw NodeError.of(NodeError.TABLE_QUERY, "key type required for non-primary index", "chain_plugin.cpp",
                    1566, "get_table_rows");
        }
        Tables.Kind kind = switch (q.keyType()) {
            case "i64", "name" -> Tables.Kind.IDX64;
            case "i128" -> Tables.Kind.IDX128;
            case "i256", "sha256", "ripemd160" -> Tables.Kind.IDX256;
            case "float64" -> Tables.Kind.DOUBLE;
            case "float128" -> Tables.Kind.LONG_DOUBLE;
            default -> throw NodeError.of(NodeError.TABLE_QUERY, "Unsupported secondary index type: " + q.keyType(),
                    "chain_plugin.cpp", 1617, "get_table_rows");
        };
        return secondary(q, abi, kind, Tables.indexTable(q.table(), pos));
    }

    /**
     * The node's {@code get_table_index_name}: -1 for the primary index (empty, {@code first},
     * {@code primary}, {@code one}, or a number below 2), else the secondary index (from 0):
     * words by their prefixes ({@code sec}/{@code two}, {@code ter}/{@code th}, {@code fou},
     * {@code fi}, {@code six}, {@code sev}, {@code eig}, {@code nin}, {@code ten}) or a number
     * from 2; only its low four bits count, as in the node.
     */
    static int indexPosition(String p) {
        if (p.isEmpty() || p.equals("first") || p.equals("primary") || p.equals("one")) {
            return -1;
        }
        long pos;
        if (p.startsWith("sec") || p.equals("two")) {
            pos = 0;
        } else if (p.startsWith("ter") || p.startsWith("th")) {
            pos = 1;
        } else if (p.startsWith("fou")) {
            pos = 2;
        } else if (p.startsWith("fi")) {
            pos = 3;
        } else if (p.startsWith("six")) {
            pos = 4;
        } else if (p.startsWith("sev")) {
            pos = 5;
        } else if (p.startsWith("eig")) {
            pos = 6;
        } else if (p.startsWith("nin")) {
            pos = 7;
        } else if (p.startsWith("ten")) {
            pos = 8;
        } else {
            long n;
            try {
                n = lexicalUint64(p);
            } catch (NumberFormatException e) {
                throw NodeError.of(NodeError.TABLE_QUERY, "Invalid index_position: " + p, "chain_plugin.cpp", 1438,
                        "get_table_index_name");
            }
            if (Long.compareUnsigned(n, 2) < 0) {
                return -1;
            }
            pos = n - 2;
        }
        return (int) (pos & 0xF);
    }

    /** The node's {@code get_table_type}: the table's {@code index_type} in the ABI. */
    private static String indexType(Abi abi, Name table) {
        if (abi != null) {
            for (AbiDefinition.TableDef t : abi.definition().tables()) {
                if (Name.isValid(t.name()) && Name.from(t.name()).equals(table)) {
                    return t.indexType();
                }
            }
        }
        throw notInAbi(table);
    }

    private static NodeError notInAbi(Name table) {
        return NodeError.of(NodeError.TABLE_QUERY, "Table " + table + " is not specified in the ABI",
                "chain_plugin.cpp", 1550, "get_table_type");
    }

    private static TableRowsResponse empty() {
        return new TableRowsResponse(List.of(), false, "", null);
    }

    /** The primary index: {@code get_table_rows_ex}. */
    private TableRowsResponse primary(RowsQuery q, Abi abi) {
        long scope = toUint64(q.scope(), "scope");
        Tables.Table t = state.tables.table(q.code(), Name.of(scope), q.table());
        if (t == null) {
            return empty();
        }
        long lower = 0;
        long upper = -1;
        if (!q.lower().isEmpty()) {
            lower = q.keyType().equals("name") ? nodeName(q.lower()) : toUint64(q.lower(), "lower_bound");
        }
        if (!q.upper().isEmpty()) {
            upper = q.keyType().equals("name") ? nodeName(q.upper()) : toUint64(q.upper(), "upper_bound");
        }
        if (Long.compareUnsigned(upper, lower) < 0) {
            return empty();
        }
        Map<Long, Tables.Row> range = t.rows.subMap(lower, true, upper, true);
        if (q.reverse()) {
            range = ((java.util.NavigableMap<Long, Tables.Row>) range).descendingMap();
        }
        Rows out = new Rows(q, abi);
        Iterator<Tables.Row> it = range.values().iterator();
        for (long count = 0; count < q.limit() && it.hasNext(); count++) {
            Tables.Row row = it.next();
            out.add(row.value(), row.payer());
        }
        if (it.hasNext()) {
            return out.page(Long.toUnsignedString(it.next().primary()));
        }
        return out.page(null);
    }

    /** A secondary index: {@code get_table_rows_by_seckey}. */
    private TableRowsResponse secondary(RowsQuery q, Abi abi, Tables.Kind kind, Name indexTable) {
        Name scope = Name.of(toUint64(q.scope(), "scope"));
        Tables.Table t = state.tables.table(q.code(), scope, q.table());
        Tables.Table it = state.tables.table(q.code(), scope, indexTable);
        if (t == null || it == null) {
            return empty();
        }
        Object low = lowest(kind);
        Object high = highest(kind);
        if (!q.lower().isEmpty()) {
            low = key(q, kind, q.lower(), "lower_bound");
        }
        if (!q.upper().isEmpty()) {
            high = key(q, kind, q.upper(), "upper_bound");
        }
        int c = kind.keys.compare(high, low);
        if (c < 0) {
            return empty();
        }
        Tables.Index index = it.index(kind);
        Rows out = new Rows(q, abi);
        if (index == null) {
            return out.page(null);
        }
        NavigableSet<Tables.Entry> range = index.ordered.subSet(new Tables.Entry(low, 0, null), true,
                new Tables.Entry(high, -1L, null), true);
        Iterator<Tables.Entry> entries = q.reverse() ? range.descendingIterator() : range.iterator();
        for (long count = 0; count < q.limit() && entries.hasNext(); count++) {
            Tables.Entry e = entries.next();
            Tables.Row row = t.rows.get(e.primary());
            if (row != null) {
                out.add(row.value(), e.payer());
            }
        }
        if (entries.hasNext()) {
            return out.page(nextKey(entries.next().key(), kind, q.keyType(), q.encodeType()));
        }
        return out.page(null);
    }

    /** The rows of a page as the node writes them: decoded through the ABI or hex, with or without the payer. */
    private static final class Rows {
        private final RowsQuery q;
        private final Abi abi;
        private final List<JsonNode> rows = new ArrayList<>();

        Rows(RowsQuery q, Abi abi) {
            this.q = q;
            this.abi = abi;
        }

        void add(byte[] value, Name payer) {
            JsonNode data;
            if (q.json()) {
                String type = abi == null ? null : abi.tableType(q.table()).orElse(null);
                if (type == null) {
                    throw notInAbi(q.table());
                }
                data = NodeJson.of(abi, type, abi.decode(type, value));
            } else {
                data = TextNode.valueOf(Hex.encode(value));
            }
            if (q.showPayer()) {
                ObjectNode o = NODES.objectNode();
                o.set("data", data);
                o.put("payer", payer.toString());
                data = o;
            }
            rows.add(data);
        }

        TableRowsResponse page(String nextKey) {
            return new TableRowsResponse(rows, nextKey != null, nextKey == null ? "" : nextKey, null);
        }
    }

    /** The node's {@code secondary_key_traits::true_lowest}. */
    private static Object lowest(Tables.Kind kind) {
        return switch (kind) {
            case IDX64 -> 0L;
            case IDX128 -> BigInteger.ZERO;
            case IDX256 -> new Tables.Key256(new byte[32]);
            case DOUBLE -> Double.NEGATIVE_INFINITY;
            case LONG_DOUBLE -> new Tables.Float128Bits(doubleToFloat128(Double.NEGATIVE_INFINITY));
        };
    }

    /** The node's {@code secondary_key_traits::true_highest}. */
    private static Object highest(Tables.Kind kind) {
        return switch (kind) {
            case IDX64 -> -1L;
            case IDX128 -> U128_MAX;
            case IDX256 -> {
                byte[] b = new byte[32];
                java.util.Arrays.fill(b, (byte) 0xFF);
                yield new Tables.Key256(b);
            }
            case DOUBLE -> Double.POSITIVE_INFINITY;
            case LONG_DOUBLE -> new Tables.Float128Bits(doubleToFloat128(Double.POSITIVE_INFINITY));
        };
    }

    /** A bound converted to the index's key as the node converts it for the query's key type and encoding. */
    private static Object key(RowsQuery q, Tables.Kind kind, String s, String what) {
        String keyType = q.keyType();
        boolean hex = q.encodeType().equals("hex");
        return switch (kind) {
            case IDX64 -> keyType.equals("name") ? nodeName(s) : toUint64(s, what);
            case IDX128 -> boostUnsigned(s, 128, what);
            case IDX256 -> {
                if (keyType.equals("ripemd160")) {
                    byte[] b = new byte[32];
                    System.arraycopy(fixedBytes(s, 20, what), 0, b, 0, 20);
                    yield new Tables.Key256(b);
                }
                if (keyType.equals("sha256") || hex) {
                    yield new Tables.Key256(fixedBytes(s, 32, what));
                }
                byte[] be = boostUnsigned(s, 256, what).toByteArray();
                byte[] b = new byte[32];
                int n = Math.min(be.length, 32);
                System.arraycopy(be, be.length - n, b, 32 - n, n);
                yield new Tables.Key256(b);
            }
            case DOUBLE -> toDouble(s, what);
            case LONG_DOUBLE -> new Tables.Float128Bits(hex ? boostUnsigned(s, 128, what)
                    : doubleToFloat128(toDouble(s, what)));
        };
    }

    /** The node's {@code convert_to_string} of a secondary key: the {@code next_key} of a page. */
    static String nextKey(Object key, Tables.Kind kind, String keyType, String encodeType) {
        return switch (kind) {
            case IDX64 -> Long.toUnsignedString((Long) key);
            case IDX128 -> key.toString();
            case IDX256 -> {
                byte[] b = ((Tables.Key256) key).bytes();
                if (keyType.equals("sha256") || keyType.equals("i256") && encodeType.equals("hex")) {
                    yield Hex.encode(b);
                }
                if (keyType.equals("i256")) {
                    yield "0x" + Hex.encode(b);
                }
                yield Hex.encode(b, 0, 20); // ripemd160
            }
            case DOUBLE -> fcDouble((Double) key);
            case LONG_DOUBLE -> fcDouble(float128ToDouble(((Tables.Float128Bits) key).bits()));
        };
    }

    // ------------------------------------------------------------------ get_table_by_scope

    TableByScopeResponse byScope(JsonNode p) {
        Name code = HttpApi.name(p, "code");
        String tableText = optText(p, "table", "");
        Name table = tableText.isEmpty() ? Name.EMPTY : HttpApi.validName(tableText, "table");
        String lowerText = optText(p, "lower_bound", "");
        String upperText = optText(p, "upper_bound", "");
        long limit = limit(p);
        boolean reverse = optBool(p, "reverse");
        Name lowerScope = Name.EMPTY;
        Name upperScope = Name.of(-1L);
        if (!lowerText.isEmpty()) {
            lowerScope = Name.of(toUint64(lowerText, "lower_bound scope"));
        }
        if (!upperText.isEmpty()) {
            upperScope = Name.of(toUint64(upperText, "upper_bound scope"));
        }
        Tables.TableId lower = new Tables.TableId(code, lowerScope, table);
        Tables.TableId upper = new Tables.TableId(code, upperScope, table.isEmpty() ? Name.of(-1L) : table);
        List<TableScope> rows = new ArrayList<>();
        if (upper.compareTo(lower) < 0) {
            return new TableByScopeResponse(rows, "");
        }
        java.util.NavigableMap<Tables.TableId, Tables.Table> range = state.tables.range(lower, upper);
        Iterator<Tables.Table> it = (reverse ? range.descendingMap() : range).values().iterator();
        // as the node's loop: a table of another name counts against the limit too
        for (long count = 0; count < limit && it.hasNext(); count++) {
            Tables.Table t = it.next();
            if (!table.isEmpty() && !t.id.table().equals(table)) {
                continue;
            }
            rows.add(new TableScope(t.id.code(), t.id.scope(), t.id.table(), t.payer, t.count));
        }
        return new TableByScopeResponse(rows, it.hasNext() ? it.next().id.scope().toString() : "");
    }
}
