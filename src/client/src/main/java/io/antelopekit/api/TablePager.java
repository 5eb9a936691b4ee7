package io.antelopekit.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.AntelopeException;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.model.ChainJson;
import io.antelopekit.api.model.TableByScopeResponse;
import io.antelopekit.api.model.TableRowsResponse;
import io.antelopekit.api.model.TableScope;
import io.antelopekit.chain.BinaryDecoder;
import io.antelopekit.chain.Hex;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The {@code get_table_rows} calls of {@link ChainClient}: one page, and every page following
 * {@code more}/{@code next_key}, with its rows as the node sends them, mapped into a type by
 * Jackson, or decoded from binary through an ABI. A page is fetched only once every element of
 * the one before has been emitted. Immutable and thread-safe; each returned publisher is cold.
 */
final class TablePager {

    /** Decodes the rows of one page. */
    @FunctionalInterface
    private interface RowDecoder<T> {
        List<T> decode(URI url, int status, TableRowsResponse page);
    }

    /** One page with the query that fetched it, its decoded rows and the URL that answered. */
    private record Page<T>(TableQuery query, TableRowsResponse response, List<T> rows, URI url) {
    }

    private final Transport transport;
    private final RetryPolicy retry;
    private final ObjectMapper mapper = ChainJson.mapper();

    /** A pager posting through {@code transport}, each page's request retried as {@code retry} says. */
    TablePager(Transport transport, RetryPolicy retry) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    /** One page, as the node sends it. */
    Mono<TableRowsResponse> page(TableQuery query) {
        Objects.requireNonNull(query, "query");
        return transport.execute(Api.GET_TABLE_ROWS, null, () -> body(query), Answers.json(TableRowsResponse.class),
                retry, null);
    }

    /** Every page; a {@link MalformedResponseException} when one says more follow but gives no usable next key. */
    Flux<TableRowsResponse> pages(TableQuery query) {
        Objects.requireNonNull(query, "query");
        return paged(query, (url, status, page) -> page.rows(), p -> Mono.just(p.response()));
    }

    /** Every row, as the node sends it. */
    Flux<JsonNode> rows(TableQuery query) {
        Objects.requireNonNull(query, "query");
        return rowsOf(query, (url, status, page) -> page.rows());
    }

    /** Every row as decoded by the node ({@code json} set), mapped into {@code type}. */
    <T> Flux<T> rows(TableQuery query, Class<T> type) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(type, "type");
        TableQuery q = query.json(true);
        return rowsOf(q, (url, status, page) -> {
            List<T> out = new ArrayList<>(page.rows().size());
            for (int i = 0; i < page.rows().size(); i++) {
                JsonNode row = rowData(page.rows().get(i));
                try {
                    out.add(mapper.treeToValue(row, type));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    throw rowFailure(url, status, q, i, type.getSimpleName(), e);
                }
            }
            return out;
        });
    }

    /**
     * Every row, read as binary ({@code json} unset) and decoded through {@code abi} into
     * {@code type}, or into its JSON form when {@code type} is {@code JsonNode}.
     *
     * @throws IllegalArgumentException at once if the ABI does not declare the table
     */
    <T> Flux<T> rows(TableQuery query, Abi abi, Class<T> type) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(abi, "abi");
        Objects.requireNonNull(type, "type");
        String rowType = abi.tableType(query.table()).orElseThrow(() -> new IllegalArgumentException(
                "the ABI has no table " + query.table() + " (of " + query.code() + ")"));
        TableQuery q = query.json(false);
        boolean asJson = type == JsonNode.class;
        return rowsOf(q, (url, status, page) -> {
            List<T> out = new ArrayList<>(page.rows().size());
            for (int i = 0; i < page.rows().size(); i++) {
                JsonNode row = rowData(page.rows().get(i));
                try {
                    if (!row.isTextual()) {
                        throw new IllegalArgumentException("expected a hex string, got " + row.getNodeType());
                    }
                    byte[] bytes = Hex.decode("hex row", row.textValue());
                    out.add(asJson ? type.cast(abi.decode(rowType, bytes)) : abi.decode(rowType, bytes, type));
                } catch (AntelopeException | IllegalArgumentException e) {
                    throw rowFailure(url, status, q, i, rowType, e);
                }
            }
            return out;
        });
    }

    /**
     * Every row, read as binary ({@code json} unset) and decoded by {@code decoder}, which must
     * read each row's bytes to their end.
     */
    <T> Flux<T> rows(TableQuery query, BinaryDecoder<T> decoder) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(decoder, "decoder");
        TableQuery q = query.json(false);
        return rowsOf(q, (url, status, page) -> {
            List<T> out = new ArrayList<>(page.rows().size());
            for (int i = 0; i < page.rows().size(); i++) {
                JsonNode row = rowData(page.rows().get(i));
                try {
                    if (!row.isTextual()) {
                        throw new IllegalArgumentException("expected a hex string, got " + row.getNodeType());
                    }
                    out.add(decoder.decode(Hex.decode("hex row", row.textValue())));
                } catch (AntelopeException | IllegalArgumentException e) {
                    throw rowFailure(url, status, q, i, "row of " + q.table(), e);
                }
            }
            return out;
        });
    }

    /** A row's data: the row itself, or its {@code data} when the node added the payer ({@code show_payer}). */
    private static JsonNode rowData(JsonNode row) {
        if (row != null && row.isObject() && row.has("data") && row.has("payer") && row.size() == 2) {
            return row.get("data");
        }
        return row;
    }

    private static MalformedResponseException rowFailure(URI url, int status, TableQuery q, int index, String type,
            Exception e) {
        String detail = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        return new MalformedResponseException(url, status, url + ": HTTP " + status + " row " + index
                + " of the page of " + q + " is not a valid " + type + ": " + detail, e);
    }

    private <T> Flux<T> rowsOf(TableQuery query, RowDecoder<T> rows) {
        return paged(query, rows, p -> Flux.fromIterable(p.rows()));
    }

    /**
     * The pages of {@code query}, each turned into {@code out}'s elements. A page is fetched only
     * once every element of the one before has been emitted: the next fetch waits in a sink until
     * {@code concatMap} (without prefetch) asks for it, after its previous inner completes.
     *
     * <p>A node's {@code next_key} of a secondary index is the key of the first row it did not
     * send, without its primary key: when a page ends inside a run of rows with equal keys, the
     * next page, which starts at that key, repeats the rows of the run already sent. Those rows
     * (the longest start of the new page that equals the end of what was sent) are dropped; and
     * when a whole page repeats them (a run longer than a page), the next request asks for more
     * rows, enough to get past them. The rows of a table are told apart by their content, which
     * holds their primary key in every usual contract.
     */
    private <T, R> Flux<R> paged(TableQuery query, RowDecoder<T> rows, Function<Page<T>, Publisher<R>> out) {
        return Flux.defer(() -> {
            Sinks.Many<Mono<Page<T>>> fetches = Sinks.many().unicast().onBackpressureBuffer();
            Run run = new Run();
            fetches.tryEmitNext(fetch(query, rows));
            return fetches.asFlux().concatMap(fetch -> fetch.map(p -> {
                Page<T> page = run.trim(p);
                if (!p.response().more()) {
                    fetches.tryEmitComplete();
                    return page;
                }
                String next = p.response().nextKey();
                TableQuery following = next == null || next.isEmpty() ? null : p.query().next(next);
                String bound = bound(p.query());
                if (following != null && bound(following).equals(bound)) {
                    // no progress: the page ended inside a run that began at its own bound
                    following = run.widen(p.query(), query.limit(), page.rows().isEmpty());
                }
                if (following == null) {
                    fetches.tryEmitNext(Mono.error(new MalformedResponseException(p.url(), 200, p.url()
                            + ": get_table_rows of " + p.query() + " says more rows follow but gives "
                            + (next == null || next.isEmpty() ? "no next_key"
                                    : "next_key \"" + next + "\", where the page began, and no new row")
                            + "; page with your own bounds instead", null)));
                } else {
                    fetches.tryEmitNext(fetch(following, rows));
                }
                return page;
            }).flatMapMany(out), 0);
        });
    }

    private static String bound(TableQuery q) {
        String b = Boolean.TRUE.equals(q.reverse()) ? q.upperBound() : q.lowerBound();
        return b == null ? "" : b;
    }

    /**
     * What one subscription has sent that the next page may repeat: the rows with the key the
     * next page starts at, which are the last rows sent. When the bound moves, they are among the
     * rows of the page just sent; while it stays (a run longer than a page), among every row sent
     * since it moved and that page's.
     */
    private static final class Run {

        private final List<JsonNode> sent = new ArrayList<>();
        private List<JsonNode> lastPage = List.of();
        private String bound;

        /** The page without the rows at its start that were sent already. */
        <T> Page<T> trim(Page<T> p) {
            List<JsonNode> raw = p.response().rows();
            String b = bound(p.query());
            if (!b.equals(bound)) {
                sent.clear();
                sent.addAll(lastPage);
                bound = b;
            }
            int skip = repeated(raw);
            List<JsonNode> fresh = raw.subList(skip, raw.size());
            sent.addAll(fresh);
            lastPage = List.copyOf(fresh);
            return skip == 0 ? p : new Page<>(p.query(), p.response(), p.rows().subList(skip, p.rows().size()), p.url());
        }

        /** How many rows at the start of {@code raw} are the last rows sent. */
        private int repeated(List<JsonNode> raw) {
            if (raw.isEmpty() || sent.isEmpty()) {
                return 0;
            }
            int at = sent.lastIndexOf(raw.get(0));
            if (at < 0) {
                return 0;
            }
            int n = 0;
            while (at + n < sent.size() && n < raw.size() && sent.get(at + n).equals(raw.get(n))) {
                n++;
            }
            return at + n == sent.size() ? n : 0;
        }

        /**
         * The same query asking for the rows sent since the bound stopped moving and a page more;
         * {@code null} when the page, already that large, brought nothing new (a node that caps
         * its pages cannot get past the run).
         */
        TableQuery widen(TableQuery q, Integer pageSize, boolean nothingNew) {
            int page = pageSize == null ? 10 : pageSize;
            long want = Math.min(Integer.MAX_VALUE, (long) sent.size() + page);
            Integer current = q.limit();
            if (nothingNew && current != null && current >= want) {
                return null;
            }
            return q.limit((int) Math.max(want, current == null ? page : current + 1L));
        }
    }

    private <T> Mono<Page<T>> fetch(TableQuery query, RowDecoder<T> rows) {
        return transport.execute(Api.GET_TABLE_ROWS, null, () -> body(query), (url, status, bytes) -> {
            TableRowsResponse page = Transport.readJson(mapper, url, status, bytes, TableRowsResponse.class);
            if (page.rows() == null) {
                throw new MalformedResponseException(url, status, url + ": HTTP " + status
                        + " get_table_rows answer has no rows; body starts with: " + Transport.snippet(bytes), null);
            }
            return new Page<>(query, page, rows.decode(url, status, page), url);
        }, retry, null);
    }

    /** One page of {@code get_table_by_scope}. */
    Mono<TableByScopeResponse> scopePage(TableScopeQuery query) {
        Objects.requireNonNull(query, "query");
        return transport.execute(Api.GET_TABLE_BY_SCOPE, null, () -> scopeBody(query),
                Answers.json(TableByScopeResponse.class), retry, null);
    }

    /**
     * Every scope, page after page: the next page is fetched once every scope of the one before
     * has been emitted. A node's {@code more} is the scope of the next table it did not return,
     * which may be a scope it just returned (another of its tables, or one the table filter left
     * out); the next page starts at that scope again, and the rows already emitted are dropped.
     * A page that adds nothing while {@code more} repeats its own bound is a
     * {@link MalformedResponseException}.
     */
    Flux<TableScope> scopes(TableScopeQuery query) {
        Objects.requireNonNull(query, "query");
        return scopes(query, List.of());
    }

    private Flux<TableScope> scopes(TableScopeQuery query, List<TableScope> seen) {
        return scopePage(query).flatMapMany(page -> {
            List<TableScope> fresh = new ArrayList<>(page.rows().size());
            for (TableScope row : page.rows()) {
                if (!seen.contains(row)) {
                    fresh.add(row);
                }
            }
            Flux<TableScope> rows = Flux.fromIterable(fresh);
            String more = page.more();
            if (more == null || more.isEmpty()) {
                return rows;
            }
            String bound = Boolean.TRUE.equals(query.reverse()) ? query.upperBound() : query.lowerBound();
            if (fresh.isEmpty() && more.equals(bound)) {
                return Flux.error(new MalformedResponseException(null, 200, "get_table_by_scope of " + query
                        + " gives no new scope and says more follow from \"" + more
                        + "\", its own bound; ask for more scopes a page (limit)", null));
            }
            List<TableScope> again = new ArrayList<>();
            for (TableScope row : page.rows()) {
                if (row.scope() != null && row.scope().toString().equals(more)) {
                    again.add(row);
                }
            }
            if (more.equals(bound)) {
                again.addAll(seen);
            }
            return rows.concatWith(Flux.defer(() -> scopes(query.next(more), again)));
        });
    }

    private byte[] scopeBody(TableScopeQuery q) throws JsonProcessingException {
        ObjectNode o = mapper.createObjectNode();
        o.put("code", q.code().toString());
        putIfSet(o, "table", q.table());
        putIfSet(o, "lower_bound", q.lowerBound());
        putIfSet(o, "upper_bound", q.upperBound());
        putIfSet(o, "limit", q.limit());
        putIfSet(o, "reverse", q.reverse());
        return mapper.writeValueAsBytes(o);
    }

    /** The request body of {@code q}: the fields it sets, with the node's names. */
    private byte[] body(TableQuery q) throws JsonProcessingException {
        ObjectNode o = mapper.createObjectNode();
        o.put("code", q.code().toString());
        o.put("scope", q.scope());
        o.put("table", q.table().toString());
        putIfSet(o, "json", q.json());
        putIfSet(o, "lower_bound", q.lowerBound());
        putIfSet(o, "upper_bound", q.upperBound());
        putIfSet(o, "limit", q.limit());
        putIfSet(o, "key_type", q.keyType());
        putIfSet(o, "index_position", q.indexPosition());
        putIfSet(o, "encode_type", q.encodeType());
        putIfSet(o, "reverse", q.reverse());
        putIfSet(o, "show_payer", q.showPayer());
        return mapper.writeValueAsBytes(o);
    }

    /** Sets a field a query sets (a flag, a number, or text such as a name); leaves out an unset one. */
    private static void putIfSet(ObjectNode o, String field, Object value) {
        if (value instanceof Boolean b) {
            o.put(field, b);
        } else if (value instanceof Integer i) {
            o.put(field, i);
        } else if (value != null) {
            o.put(field, value.toString());
        }
    }
}
