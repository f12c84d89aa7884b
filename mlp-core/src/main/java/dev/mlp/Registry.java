package dev.mlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Named built-in types found by name, by alias or by exact class: what the activation and loss
 * registries ({@code Activations}, {@code Losses}) share.
 *
 * @param <T> the interface the entries implement ({@code Activation})
 * @param <E> the registry's entry type
 */
public final class Registry<T, E extends Registry.Entry<T>> {

    /**
     * One named built-in type: its name, its aliases and its class.
     *
     * @param <T> the interface the built-in class implements
     */
    public abstract static class Entry<T> {
        private final String name;
        private final List<String> aliases;
        private final Class<? extends T> type;

        /**
         * An entry for one built-in class.
         *
         * @param name    lower case, words joined by '_'
         * @param aliases other spellings, the command-line one first
         * @param type    the built-in class
         */
        protected Entry(String name, List<String> aliases, Class<? extends T> type) {
            this.name = name;
            this.aliases = List.copyOf(aliases);
            this.type = type;
        }

        /** {@return the name in model files and summaries: lower case, words joined by '_'} */
        public final String name() {
            return name;
        }

        /** {@return the other accepted spellings, the command-line spelling first; may be empty} */
        public final List<String> aliases() {
            return aliases;
        }

        /** {@return the built-in class; only instances of exactly this class belong to the entry} */
        public final Class<? extends T> type() {
            return type;
        }

        /** {@return how a command line spells it: the first alias, else the name} */
        public final String cliName() {
            return aliases.isEmpty() ? name : aliases.get(0);
        }

        /**
         * {@return how messages list it, with its parameter or option where it has one ("leaky_relu
         * &lt;slope&gt;")} By default, its name alone.
         */
        public List<String> usages() {
            return List.of(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final String kind;
    private final List<E> entries;

    /**
     * A registry of a fixed list of entries.
     *
     * @param kind    what the entries are, for messages ("activation")
     * @param entries in the order listed to users
     */
    public Registry(String kind, List<E> entries) {
        this.kind = kind;
        this.entries = List.copyOf(entries);
    }

    /** {@return every entry, in a fixed order} */
    public List<E> all() {
        return entries;
    }

    /**
     * {@return every entry's usages, comma-separated, for messages: "relu, ..., leaky_relu
     * &lt;slope&gt;, ..."}
     */
    public String known() {
        List<String> usages = new ArrayList<>();
        for (E e : entries) {
            usages.addAll(e.usages());
        }
        return String.join(", ", usages);
    }

    /**
     * {@return the entry whose name or alias is {@code spelling}, ignoring case and surrounding
     * blanks; empty if there is none}
     *
     * @param spelling a name or alias as a user typed it; null finds nothing
     */
    public Optional<E> find(String spelling) {
        if (spelling == null) {
            return Optional.empty();
        }
        String wanted = spelling.strip().toLowerCase(Locale.ROOT);
        return entries.stream().filter(e -> e.name().equals(wanted) || e.aliases().contains(wanted)).findFirst();
    }

    /**
     * {@return the entry named exactly {@code name}, as model files write it: no alias, case
     * matters; empty if there is none}
     *
     * @param name the name as a model file writes it
     */
    public Optional<E> named(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * {@return the entry whose name or alias is {@code spelling}, as {@link #find} matches it}
     *
     * @param spelling a name or alias as a user typed it
     * @throws IllegalArgumentException naming the known entries if there is none
     */
    public E entry(String spelling) {
        return find(spelling).orElseThrow(() -> new IllegalArgumentException(
                "unknown " + kind + " '" + spelling + "' (known: " + known() + ")"));
    }

    /**
     * {@return the entry of a built-in instance, matched by exact class; empty for null and any
     * other class}
     *
     * @param value an instance, or null
     */
    public Optional<E> of(T value) {
        if (value == null) {
            return Optional.empty();
        }
        return entries.stream().filter(e -> value.getClass() == e.type()).findFirst();
    }
}
