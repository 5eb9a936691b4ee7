package io.antelopekit.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.InvalidValueException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The value a {@link BlockStream} keeps under its checkpoint key: one checkpoint per chain,
 * keyed by chain id, each with a witness of the chain it was made on.
 *
 * <pre>{@code
 * {"<chain id>": {"checkpoint": "<num>:<id>[:<position>]", "genesis": "<id of block 1>",
 *                 "witness": "<num>:<id>", "witness_time": "<ISO-8601>"}}
 * }</pre>
 *
 * <p>A chain id alone does not tell two chains apart: a devnet, or a local node started again
 * from the same genesis, is a new chain with the same id. So each checkpoint names the chain's
 * first block (when the node serves it) and an irreversible block of the chain, with its time
 * (the witness). Another chain with the same id is recognised when its first block differs, when
 * it has a different block at the witness's number, or when its block numbers and times disagree
 * with the witness's (on one chain, a later block has a higher number).
 *
 * <p>A value in the text form of {@link Checkpoint} alone (as stored before checkpoints were
 * kept per chain) is read as the checkpoint of whatever chain the stream follows, without a
 * witness; the next commit rewrites it in this form.
 */
final class StoredCheckpoints {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An irreversible block of a chain, with its time.
     *
     * @param num  its number
     * @param id   its id
     * @param time its time
     */
    record Witness(long num, Checksum256 id, Instant time) {
        Witness {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(time, "time");
        }

        /**
         * Whether {@code other}, an irreversible block of some chain, cannot be on the chain of
         * this one: the same number with another id, or numbers and times in opposite orders.
         */
        boolean provesOtherChain(Witness other) {
            if (num == other.num) {
                return !id.equals(other.id);
            }
            int byNum = Long.compare(num, other.num);
            int byTime = time.compareTo(other.time);
            return byTime == 0 || Integer.signum(byNum) != Integer.signum(byTime);
        }

        @Override
        public String toString() {
            return "block " + num + " " + id + " at " + time;
        }
    }

    /**
     * One chain's checkpoint.
     *
     * @param checkpoint the checkpoint
     * @param genesis    the id of the first block of the chain it was made on, or {@code null} when
     *                   not known (the node did not serve it)
     * @param witness    an irreversible block of the chain it was made on, or {@code null} when not
     *                   known (a value of the older form)
     */
    record Entry(Checkpoint checkpoint, Checksum256 genesis, Witness witness) {
        Entry {
            Objects.requireNonNull(checkpoint, "checkpoint");
        }
    }

    /** The entries by chain id (insertion order); with {@code legacy}, the one checkpoint of the older form. */
    private final Map<Checksum256, Entry> entries;
    private final Checkpoint legacy;

    private StoredCheckpoints(Map<Checksum256, Entry> entries, Checkpoint legacy) {
        this.entries = entries;
        this.legacy = legacy;
    }

    /** Nothing stored yet. */
    static StoredCheckpoints empty() {
        return new StoredCheckpoints(new LinkedHashMap<>(), null);
    }

    /**
     * Reads a stored value.
     *
     * @throws InvalidValueException saying what is wrong when it is neither form
     */
    static StoredCheckpoints parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.trim();
        if (!trimmed.startsWith("{")) {
            return new StoredCheckpoints(new LinkedHashMap<>(), Checkpoint.parse(trimmed));
        }
        JsonNode root;
        try {
            root = JSON.readTree(trimmed);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidValueException("\"" + abbreviate(text) + "\" is neither a checkpoint nor JSON: "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidValueException("\"" + abbreviate(text) + "\" is not a JSON object of checkpoints by chain id");
        }
        Map<Checksum256, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            Checksum256 chain;
            try {
                chain = Checksum256.from(e.getKey());
            } catch (RuntimeException x) {
                throw new InvalidValueException("\"" + e.getKey() + "\" is not a chain id (64 hex digits)");
            }
            JsonNode v = e.getValue();
            if (!v.isObject() || !v.path("checkpoint").isTextual()) {
                throw new InvalidValueException("the entry of chain " + chain + " has no \"checkpoint\"");
            }
            Checkpoint cp = Checkpoint.parse(v.get("checkpoint").asText());
            Checksum256 genesis = null;
            if (v.hasNonNull("genesis")) {
                try {
                    genesis = Checksum256.from(v.get("genesis").asText());
                } catch (RuntimeException x) {
                    throw new InvalidValueException("the entry of chain " + chain + " has a genesis that is not a block id"
                            + " (64 hex digits): \"" + v.get("genesis").asText() + "\"");
                }
            }
            Witness w = null;
            if (v.hasNonNull("witness")) {
                Checkpoint block = Checkpoint.parse(v.path("witness").asText());
                Instant time;
                try {
                    time = Instant.parse(v.path("witness_time").asText());
                } catch (DateTimeParseException x) {
                    throw new InvalidValueException("the entry of chain " + chain + " has a witness_time that is not "
                            + "an ISO-8601 instant: \"" + v.path("witness_time").asText() + "\"");
                }
                w = new Witness(block.blockNum(), block.blockId(), time);
            }
            entries.put(chain, new Entry(cp, genesis, w));
        }
        return new StoredCheckpoints(entries, null);
    }

    /** The entry of {@code chain}; the older form's checkpoint (without witness) for any chain. */
    Entry entry(Checksum256 chain) {
        if (legacy != null) {
            return new Entry(legacy, null, null);
        }
        return entries.get(chain);
    }

    /** A copy with {@code entry} as {@code chain}'s (the older form's checkpoint is dropped). */
    StoredCheckpoints with(Checksum256 chain, Entry entry) {
        Map<Checksum256, Entry> copy = new LinkedHashMap<>(entries);
        copy.put(chain, entry);
        return new StoredCheckpoints(copy, null);
    }

    /** The text to store. */
    String format() {
        ObjectNode root = JSON.createObjectNode();
        for (Map.Entry<Checksum256, Entry> e : entries.entrySet()) {
            ObjectNode v = root.putObject(e.getKey().toString());
            v.put("checkpoint", e.getValue().checkpoint().toString());
            if (e.getValue().genesis() != null) {
                v.put("genesis", e.getValue().genesis().toString());
            }
            Witness w = e.getValue().witness();
            if (w != null) {
                v.put("witness", w.num() + ":" + w.id());
                v.put("witness_time", w.time().toString());
            }
        }
        return root.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
