package dev.mlp.spark;

import dev.mlp.optim.Optimizer;

import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;

/**
 * An optimizer as it travels to the executors: its class and, for a record (every built-in but
 * SGD), its components, from which the executor rebuilds an equal value. Optimizers are immutable
 * hyper-parameters but not {@link Serializable}.
 */
final class OptimizerSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Class<? extends Optimizer> type;
    /** The record's components in order (boxed primitives), or null for a class with a no-argument constructor. */
    private final Object[] components;

    OptimizerSpec(Optimizer optimizer) {
        type = optimizer.getClass();
        if (type.isRecord()) {
            RecordComponent[] rc = type.getRecordComponents();
            components = new Object[rc.length];
            for (int i = 0; i < rc.length; i++) {
                try {
                    components[i] = rc[i].getAccessor().invoke(optimizer);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalArgumentException("cannot read optimizer " + optimizer, e);
                }
                if (!(components[i] instanceof Serializable)) {
                    throw new IllegalArgumentException("optimizer " + optimizer + " cannot travel to the executors");
                }
            }
        } else {
            components = null;
        }
    }

    Optimizer optimizer() {
        try {
            if (components == null) {
                return type.getConstructor().newInstance();
            }
            RecordComponent[] rc = type.getRecordComponents();
            Class<?>[] types = new Class<?>[rc.length];
            for (int i = 0; i < rc.length; i++) {
                types[i] = rc[i].getType();
            }
            Constructor<? extends Optimizer> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(components);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild optimizer " + type.getName() + " on an executor", e);
        }
    }
}
