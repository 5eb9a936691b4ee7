package io.antelopekit.abi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * Reads record components for struct encoding. The accessors of a record class are looked up
 * once per (struct, class) pair, through a {@link ClassValue} in {@link StructCodec}, so a hot
 * loop only invokes method handles.
 */
final class RecordAccess {

    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);

    private RecordAccess() {
    }

    /** {@code from_account} → {@code fromAccount}; names without underscores are unchanged. */
    static String camelCase(String snake) {
        if (snake.indexOf('_') < 0) {
            return snake;
        }
        StringBuilder sb = new StringBuilder(snake.length());
        boolean upper = false;
        for (int i = 0; i < snake.length(); i++) {
            char c = snake.charAt(i);
            if (c == '_' && sb.length() > 0) {
                upper = true;
            } else if (c == '_') {
                sb.append(c);
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    /** For each field, the getter of the component with its name or camelCase name, or {@code null}. */
    static MethodHandle[] getters(Class<?> type, StructCodec.Field[] fields) {
        RecordComponent[] components = type.getRecordComponents();
        MethodHandle[] out = new MethodHandle[fields.length];
        for (int i = 0; i < fields.length; i++) {
            RecordComponent match = null;
            for (RecordComponent c : components) {
                if (c.getName().equals(fields[i].name)) {
                    match = c;
                    break;
                }
            }
            if (match == null) {
                for (RecordComponent c : components) {
                    if (c.getName().equals(fields[i].camelName)) {
                        match = c;
                        break;
                    }
                }
            }
            if (match != null) {
                out[i] = handle(match.getAccessor());
            }
        }
        return out;
    }

    private static MethodHandle handle(Method accessor) {
        try {
            accessor.trySetAccessible();
            return MethodHandles.lookup().unreflect(accessor).asType(GETTER);
        } catch (IllegalAccessException e) {
            throw new PathException("cannot read record component " + accessor.getDeclaringClass().getName() + "."
                    + accessor.getName() + ": " + e.getMessage(), e);
        }
    }
}
