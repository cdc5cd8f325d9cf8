package org.ersreferral.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import org.ersreferral.cluster.PostgresServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A throw-away database on the local PostgreSQL server ({@link PostgresServer#fromEnvironment()}:
 * {@code PG_URL}, {@code PG_USER}, {@code PG_PASSWORD}) for the application of one test class. The
 * class holds it in a static field, creates it from its {@code @DynamicPropertySource} method and has
 * it dropped by {@link DropAfterAll}; it dirties its context, so the application is closed first.
 */
public final class ThrowawayPostgres {

    static final PostgresServer SERVER = PostgresServer.fromEnvironment();

    private final String prefix;
    private PostgresServer.Database database;

    /** A database named {@code prefix} and a random suffix. */
    public ThrowawayPostgres(String prefix) {
        this.prefix = prefix;
    }

    /**
     * Creates the database and points the application at it, with a key for the users' stored e-RS
     * tokens (required on any database but H2). Fails (CI=true) or aborts the test when the server
     * cannot be reached.
     */
    public void create(DynamicPropertyRegistry registry) {
        String url = create();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", ThrowawayPostgres::user);
        registry.add("spring.datasource.password", ThrowawayPostgres::password);
        byte[] tokenKey = new byte[32];
        new SecureRandom().nextBytes(tokenKey);
        registry.add("ers.user-tokens.key", () -> Base64.getEncoder().encodeToString(tokenKey));
    }

    /**
     * Creates the database for a test that connects by itself (as {@link #user()} with
     * {@link #password()}) and answers its JDBC URL; the test drops it with {@link #drop()}. Fails or
     * aborts as above.
     */
    public String create() {
        try {
            database = SERVER.createDatabase(prefix);
        } catch (SQLException unreachable) {
            String reason = "PostgreSQL not reachable at " + SERVER.server() + " as " + SERVER.user() + ": " + unreachable.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason);
            }
            Assumptions.abort(reason);
        }
        return database.url();
    }

    /** The PostgreSQL user the database belongs to. */
    public static String user() {
        return SERVER.user();
    }

    public static String password() {
        return SERVER.password();
    }

    public void drop() throws SQLException {
        if (database != null) {
            database.drop();
        }
    }

    /**
     * Drops the test class's throw-away databases (its static {@link ThrowawayPostgres} fields) once its
     * application is closed: registered before Spring's extension, its afterAll runs after Spring's,
     * which closes the dirtied context, so no pool or job executor is left talking to a database that is gone.
     */
    public static final class DropAfterAll implements AfterAllCallback {
        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) && field.getType() == ThrowawayPostgres.class) {
                        field.setAccessible(true);
                        ((ThrowawayPostgres) field.get(null)).drop();
                    }
                }
            }
        }
    }
}
