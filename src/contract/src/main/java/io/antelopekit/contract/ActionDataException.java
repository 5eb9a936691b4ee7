package io.antelopekit.contract;

/**
 * Action data (or read-only call data) that does not encode as the action's ABI type; the message
 * and {@link #path()} name the field, such as {@code setitem.payload[1].x}.
 */
public class ActionDataException extends ContractException {

    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * An error for the value at {@code path}.
     *
     * @param message the message
     * @param path where in the data the value is
     * @param cause the cause
     */
    public ActionDataException(String message, String path, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** @return where in the data the value that did not encode is, such as {@code transfer.quantity} */
    public String path() {
        return path;
    }
}
