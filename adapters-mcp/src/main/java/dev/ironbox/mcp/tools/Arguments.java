package dev.ironbox.mcp.tools;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One call's arguments, as the JSON mapper decoded them (strings, numbers, booleans, lists, maps), read with their
 * types checked. Every problem is a {@link ToolArgumentException} naming the argument and what it takes.
 */
final class Arguments {

    private final Map<String, Object> values;

    private Arguments(Map<String, Object> values) {
        this.values = values;
    }

    /** {@code raw} (null: none given), refused when it holds a name the tool does not take. */
    static Arguments of(Map<String, Object> raw, List<String> accepted) {
        Map<String, Object> values = raw == null ? Map.of() : raw;
        Set<String> known = Set.copyOf(accepted);
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new ToolArgumentException("unknown argument " + name + ": this tool takes "
                        + (accepted.isEmpty() ? "no arguments" : String.join(", ", accepted)));
            }
        }
        return new Arguments(values);
    }

    boolean has(String name) {
        return values.get(name) != null;
    }

    String requiredString(String name, String what) {
        return optionalString(name, what).orElseThrow(() -> missing(name, what));
    }

    Optional<String> optionalString(String name, String what) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw mistyped(name, what, value);
        }
        return Optional.of(text);
    }

    /** A non-empty array of strings. */
    Optional<List<String>> stringList(String name, String what) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof List<?> items) || items.isEmpty()) {
            throw mistyped(name, what, value);
        }
        List<String> strings = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String text)) {
                throw mistyped(name, what, value);
            }
            strings.add(text);
        }
        return Optional.of(List.copyOf(strings));
    }

    /** An object whose every value is a string. */
    Map<String, String> stringMap(String name, String what) {
        Object value = values.get(name);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> entries)) {
            throw mistyped(name, what, value);
        }
        Map<String, String> strings = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            if (!(entry.getValue() instanceof String text)) {
                throw new ToolArgumentException("argument " + name + " takes " + what + "; the value of "
                        + entry.getKey() + " is not a string");
            }
            strings.put(String.valueOf(entry.getKey()), text);
        }
        return strings;
    }

    /** A number of seconds above zero, as a duration (at least a nanosecond). */
    Optional<Duration> positiveSeconds(String name, String what) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Number number) || !(number.doubleValue() > 0)
                || number.doubleValue() == Double.POSITIVE_INFINITY) {
            throw mistyped(name, what, value);
        }
        // beyond what a long of nanoseconds holds the server refuses anyway: the largest duration says so
        return Optional.of(Duration.ofNanos(Math.max(1, Math.round(number.doubleValue() * 1e9))));
    }

    /** A whole number above zero (a JSON number without a fraction). */
    OptionalLong positiveLong(String name, String what) {
        Object value = values.get(name);
        if (value == null) {
            return OptionalLong.empty();
        }
        BigDecimal exact = value instanceof Number number ? exact(number) : null;
        if (exact == null || exact.signum() <= 0 || exact.stripTrailingZeros().scale() > 0) {
            throw mistyped(name, what, value);
        }
        // a whole number past a long is still a widening: the largest long lets the server refuse it by its own rule
        return OptionalLong.of(exact.compareTo(LONG_MAX) > 0 ? Long.MAX_VALUE : exact.longValueExact());
    }

    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    /** The number's exact value; null for NaN and the infinities. */
    private static BigDecimal exact(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            return Double.isFinite(d) ? new BigDecimal(d) : null;
        }
        return BigDecimal.valueOf(number.longValue());
    }

    static ToolArgumentException missing(String name, String what) {
        return new ToolArgumentException("missing argument " + name + ": it takes " + what);
    }

    static ToolArgumentException mistyped(String name, String what, Object value) {
        return new ToolArgumentException("argument " + name + " takes " + what + ", got " + shown(value));
    }

    /** The value as JSON would show it, cut short: a call may send anything. */
    private static String shown(Object value) {
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        text = text.replaceAll("[\\r\\n\\t]", " ");
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
