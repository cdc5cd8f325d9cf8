package org.ersreferral.demohistory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's own {@code --name=value} options (a bare {@code --flag} means true), and the rest: any
 * {@code --some.property=value} goes to the application as usual (e.g. {@code --spring.datasource.url=...}).
 */
public final class CommandOptions {

    /** Refused input: the message says what is wrong. */
    public static final class UsageException extends IllegalArgumentException {
        public UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> own = new LinkedHashMap<>();
    private final List<String> applicationArguments = new ArrayList<>();

    public CommandOptions(String[] args, Set<String> known) {
        for (String arg : args) {
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("Unexpected argument '" + arg + "': options are --name=value");
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            if (known.contains(name)) {
                own.put(name, equals < 0 ? "true" : arg.substring(equals + 1).trim());
            } else if (name.contains(".") && equals > 0) {
                applicationArguments.add(arg);
            } else {
                throw new UsageException("Unknown option --" + name + "; known: --" + String.join(", --", known)
                        + ", or any application property as --name.of.property=value");
            }
        }
    }

    public List<String> applicationArguments() {
        return applicationArguments;
    }

    public int integer(String name, int defaultValue, int min, int max) {
        String value = own.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (parsed < min || parsed > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max + ", not " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, not '" + value + "'");
        }
    }

    public long longValue(String name, long defaultValue) {
        String value = own.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, not '" + value + "'");
        }
    }

    public boolean flag(String name) {
        String value = own.get(name);
        if (value == null) {
            return false;
        }
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new UsageException("--" + name + " is true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    public String text(String name, String defaultValue) {
        String value = own.get(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }
}
