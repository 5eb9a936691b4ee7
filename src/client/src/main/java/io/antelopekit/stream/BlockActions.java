package io.antelopekit.stream;

import java.util.List;
import java.util.Objects;

/**
 * A block and those of its actions that pass a filter, as
 * {@link BlockStream#blockActions(ActionFilter)} emits them: one per block, in chain order, also
 * for a block without such actions. The block carries what a consumer needs besides the events:
 * a fork switch ({@link Block#undone()}, following the head) to handle before the events, and
 * the checkpoint after the whole block ({@link Block#checkpoint()}) to commit after them.
 *
 * <pre>{@code
 * stream.blockActions(ActionFilter.all().contract("eosio.token"))
 *         .concatMap(ba -> undo(ba.source().undone())
 *                 .thenMany(Flux.fromIterable(ba.actions()).concatMap(this::handle))
 *                 .then(stream.commit(ba.source().checkpoint())));
 * }</pre>
 *
 * @param source  the block
 * @param actions the block's actions that pass the filter, in order; possibly none (and, resumed
 *                from a checkpoint in the middle of this block, only those after it)
 * @param deltas  the contract table rows the block wrote or removed that pass the table filter of
 *                {@link BlockStream#blockActions(ActionFilter, TableFilter)}, in order; none
 *                without one (each row's {@link TableDelta#undoneFrom()} is the block's number when
 *                the block undoes others, else 0)
 */
public record BlockActions(Block source, List<ActionEvent> actions, List<TableDelta> deltas) {

    /** Checks and copies. */
    public BlockActions {
        Objects.requireNonNull(source, "source");
        actions = List.copyOf(actions);
        deltas = List.copyOf(deltas);
    }

    /** A block and its actions, without table rows. */
    public BlockActions(Block source, List<ActionEvent> actions) {
        this(source, actions, List.of());
    }

    /** The block and how many actions and rows; not the actions or the rows. */
    @Override
    public String toString() {
        return "BlockActions[" + source + ", " + actions.size() + " actions" + (deltas.isEmpty() ? "" : ", " + deltas.size() + " rows")
                + "]";
    }
}
