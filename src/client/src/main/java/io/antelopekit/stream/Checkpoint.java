package io.antelopekit.stream;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.InvalidValueException;
import java.util.Objects;

/**
 * How far a consumer of a {@link BlockStream} got: a block, and within it the position of the last
 * action handled, or {@link #WHOLE_BLOCK} when the whole block was. A stream resumed from a
 * checkpoint starts right after it: at the next block, or at the same block skipping the actions
 * up to {@code position}. The block id lets the stream check that the chain still has that block.
 *
 * <p>Its text form ({@link #toString()}, {@link #parse(String)}) is {@code <num>:<id>} or
 * {@code <num>:<id>:<position>}.
 *
 * @param blockNum the block number
 * @param blockId  the block's id
 * @param position the position in the block of the last action handled (counting every action of
 *                 the block's executed transactions from 0), or {@link #WHOLE_BLOCK}
 */
public record Checkpoint(long blockNum, Checksum256 blockId, int position) implements Comparable<Checkpoint> {

    /** The position that means the whole block was handled. */
    public static final int WHOLE_BLOCK = Integer.MAX_VALUE;

    /** Checks the values. */
    public Checkpoint {
        Objects.requireNonNull(blockId, "blockId");
        if (blockNum < 1 || blockNum > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("block number must be 1..4294967295: " + blockNum);
        }
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative: " + position);
        }
    }

    /** The checkpoint after the whole of a block. */
    public static Checkpoint afterBlock(long blockNum, Checksum256 blockId) {
        return new Checkpoint(blockNum, blockId, WHOLE_BLOCK);
    }

    /** Whether the whole block was handled. */
    public boolean isWholeBlock() {
        return position == WHOLE_BLOCK;
    }

    /**
     * Reads the text form.
     *
     * @param text {@code <num>:<id>} or {@code <num>:<id>:<position>}
     * @return the checkpoint
     * @throws InvalidValueException naming the part that is wrong
     */
    public static Checkpoint parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.split(":", -1);
        if (parts.length != 2 && parts.length != 3) {
            throw new InvalidValueException("checkpoint \"" + text + "\" is not <num>:<id> or <num>:<id>:<position>");
        }
        long num;
        try {
            num = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("checkpoint \"" + text + "\" has a block number that is not a number: \""
                    + parts[0] + "\"");
        }
        Checksum256 id;
        try {
            id = Checksum256.from(parts[1]);
        } catch (RuntimeException e) {
            throw new InvalidValueException("checkpoint \"" + text + "\" has a block id that is not 64 hex digits: \""
                    + parts[1] + "\"");
        }
        int position = WHOLE_BLOCK;
        if (parts.length == 3) {
            try {
                position = Integer.parseInt(parts[2]);
            } catch (NumberFormatException e) {
                throw new InvalidValueException("checkpoint \"" + text + "\" has a position that is not a number: \""
                        + parts[2] + "\"");
            }
        }
        try {
            return new Checkpoint(num, id, position);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("checkpoint \"" + text + "\": " + e.getMessage());
        }
    }

    /** Orders by block number, then position. */
    @Override
    public int compareTo(Checkpoint other) {
        int c = Long.compare(blockNum, other.blockNum);
        return c != 0 ? c : Integer.compare(position, other.position);
    }

    /** The text form that {@link #parse(String)} reads. */
    @Override
    public String toString() {
        return isWholeBlock() ? blockNum + ":" + blockId : blockNum + ":" + blockId + ":" + position;
    }
}
