package org.ersreferral.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/**
 * A PostgreSQL server on which the benchmark, the fault run and the tests create databases of their
 * own and drop them afterwards. One set of settings for all of them: {@code PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/}, ending in a slash), {@code PG_USER} (default
 * {@code postgres}) and {@code PG_PASSWORD} (default none).
 */
public record PostgresServer(String server, String user, String password) {

    public static final String DEFAULT_SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    public static final String DEFAULT_USER = "postgres";

    public static PostgresServer fromEnvironment() {
        return from(System.getenv());
    }

    static PostgresServer from(Map<String, String> environment) {
        return new PostgresServer(environment.getOrDefault("PG_URL", DEFAULT_SERVER),
                environment.getOrDefault("PG_USER", DEFAULT_USER), environment.getOrDefault("PG_PASSWORD", ""));
    }

    /** A new, empty database named {@code prefix} and a random suffix; SQLException when the server refuses. */
    public Database createDatabase(String prefix) throws SQLException {
        String name = prefix + Secrets.random(9).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "x");
        execute("CREATE DATABASE " + name);
        return new Database(this, name);
    }

    private void execute(String statement) throws SQLException {
        try (Connection admin = DriverManager.getConnection(server + "postgres", user, password)) {
            admin.createStatement().execute(statement);
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[server=" + server + ", user=" + user + ", password=***]";
    }

    /** A database made by {@link #createDatabase}; {@link #drop()} ends any session still on it. */
    public record Database(PostgresServer server, String name) {

        public String url() {
            return server.server() + name;
        }

        public void drop() throws SQLException {
            server.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
