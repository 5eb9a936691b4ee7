package io.antelopekit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.api.ChainClient;
import io.antelopekit.benchmarks.contracts.EosioToken;
import io.antelopekit.benchmarks.contracts.Kittest;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.UInt128;
import io.antelopekit.contract.TableCursor;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import reactor.core.publisher.Flux;

/**
 * The reads of {@code benchmarks/contract-cases.json} through the generated {@code Kittest} and
 * {@code EosioToken} classes, printed as the reference's {@code node/contract.mjs} prints them
 * (one {@code {"case", "rows"}} object a line, rows in the ABI's JSON form: field names as in the
 * ABI, variants as {@code ["type", value]}, optionals as the value or null), for
 * {@code benchmarks/contract-side-by-side.sh} to compare.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.antelopekit.benchmarks.ContractCompare --url URL --cases FILE
 * </pre>
 */
public final class ContractCompare {

    static final Duration TIMEOUT = Duration.ofMinutes(2);
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ContractCompare() {
    }

    public static void main(String[] args) throws IOException {
        String url = null;
        Path casesFile = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--cases" -> casesFile = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null || casesFile == null) {
            throw new IllegalArgumentException("usage: ContractCompare --url URL --cases FILE");
        }
        JsonNode cases = JSON.readTree(Files.readString(casesFile));
        ChainClient client = ChainClient.builder().endpoint(url).responseTimeout(Duration.ofSeconds(60)).build();
        try {
            run(client, cases);
        } finally {
            client.dispose();
        }
    }

    static void run(ChainClient client, JsonNode cases) {
        Kittest kittest = new Kittest(client);
        Kittest.ItemsTable items = kittest.items(cases.get("scope").asText());
        int perRequest = cases.get("rowsPerRequest").asInt();
        for (JsonNode q : cases.get("queries")) {
            TableCursor<Kittest.Item, ?> cursor = cursor(items, q).pageSize(perRequest);
            if (q.path("reverse").asBoolean(false)) {
                cursor = cursor.reverse(true);
            }
            if (q.has("maxRows")) {
                cursor = cursor.limit(q.get("maxRows").asLong());
            }
            print(q.get("name").asText(), cursor.rows());
        }
        for (JsonNode id : cases.get("gets")) {
            print("get " + id.asLong(), items.get(id.asLong()).flux());
        }
        for (JsonNode owner : cases.get("readOnly")) {
            print("stats " + owner.asText(), kittest.statsReadOnly(Name.from(cases.get("scope").asText()),
                    Name.from(owner.asText())).flux());
        }
        EosioToken token = new EosioToken(client);
        for (JsonNode account : cases.get("balances")) {
            print("balance " + account.asText(), token.accounts(account.asText()).all());
        }
        print("scopes", items.table().scopes());
    }

    private static TableCursor<Kittest.Item, ?> cursor(Kittest.ItemsTable items, JsonNode q) {
        String from = q.path("from").asText(null);
        String to = q.path("to").asText(null);
        switch (q.path("index").asText("")) {
            case "" -> {
                return items.query();
            }
            case "owner" -> {
                return items.byOwner().from(from == null ? null : Name.from(from)).to(to == null ? null : Name.from(to));
            }
            case "price" -> {
                return items.byPrice().from(from == null ? null : Double.valueOf(from))
                        .to(to == null ? null : Double.valueOf(to));
            }
            case "hash" -> {
                return items.byHash().from(from == null ? null : Checksum256.from(from))
                        .to(to == null ? null : Checksum256.from(to));
            }
            case "rank" -> {
                return items.byRank().from(from == null ? null : UInt128.from(from))
                        .to(to == null ? null : UInt128.from(to));
            }
            default -> throw new IllegalArgumentException("no index " + q.get("index"));
        }
    }

    private static void print(String name, Flux<?> rows) {
        List<?> all = rows.collectList().block(TIMEOUT);
        ArrayNode out = NODES.arrayNode();
        for (Object row : all) {
            out.add(json(row));
        }
        ObjectNode line = NODES.objectNode();
        line.put("case", name);
        line.set("rows", out);
        System.out.println(line);
    }

    /** A generated record (or a TableScope, a record too) in the ABI's JSON form. */
    static JsonNode json(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof Optional<?> o) {
            return json(o.orElse(null));
        }
        if (v instanceof Long l) {
            // kittest's 64-bit integers are all uint64 (ids, the variant's uint64), which the
            // generated records hold in a long read as unsigned
            return NODES.numberNode(new java.math.BigInteger(Long.toUnsignedString(l)));
        }
        if (v instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (v instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (v instanceof List<?> list) {
            ArrayNode a = NODES.arrayNode();
            list.forEach(x -> a.add(json(x)));
            return a;
        }
        if (v instanceof Kittest.Payload p) {
            // a variant's alternative: its ABI type, named like its record (Uint64 -> uint64)
            Object value = ((Record) p).getClass().getRecordComponents().length == 1 ? component(p,
                    p.getClass().getRecordComponents()[0]) : p;
            ArrayNode a = NODES.arrayNode();
            a.add(p.getClass().getSimpleName().toLowerCase(Locale.ROOT));
            a.add(json(value));
            return a;
        }
        if (v instanceof Record r) {
            ObjectNode o = NODES.objectNode();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                o.set(snake(c.getName()), json(component(r, c)));
            }
            return o;
        }
        return NODES.textNode(v.toString());
    }

    private static Object component(Object record, RecordComponent c) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
