package org.ersreferral.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.UUID;
import org.ersreferral.cluster.PostgresServer;
import java.util.stream.Stream;

/**
 * The database of one benchmark configuration, gone afterwards: an H2 file database in the run's
 * directory (the application's default kind of database), or a database created for the run on the
 * PostgreSQL server of {@link PostgresServer#fromEnvironment()} and dropped at the end.
 */
final class BenchmarkDatabase implements AutoCloseable {

    static final String POSTGRES = "postgres";
    static final String H2 = "h2";

    private final String kind;
    private final String url;
    private final String user;
    private final String password;
    private final Path h2Directory;
    private final PostgresServer.Database postgres;

    private BenchmarkDatabase(String kind, String url, String user, String password, Path h2Directory,
                              PostgresServer.Database postgres) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
        this.h2Directory = h2Directory;
        this.postgres = postgres;
    }

    static BenchmarkDatabase h2(Path runDirectory) {
        Path directory = runDirectory.resolve("h2-" + UUID.randomUUID().toString().substring(0, 8));
        return new BenchmarkDatabase(H2, "jdbc:h2:file:" + directory.toAbsolutePath().resolve("referrals")
                + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", directory, null);
    }

    /** A new, empty PostgreSQL database; SQLException when the server cannot be reached. */
    static BenchmarkDatabase postgres() throws SQLException {
        PostgresServer server = PostgresServer.fromEnvironment();
        PostgresServer.Database created = server.createDatabase("ers_benchmark_");
        String name = created.name();
        BenchmarkDatabase database = new BenchmarkDatabase(POSTGRES, created.url(), server.user(), server.password(), null, created);
        // Dropped also when the command is stopped (Ctrl-C) before it would drop it itself.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                database.close();
            } catch (SQLException | RuntimeException e) {
                System.err.println("Could not drop the benchmark database " + name + ": " + e.getMessage());
            }
        }, "drop-" + name));
        return database;
    }

    String kind() {
        return kind;
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** A connection of the benchmark's own (for H2: only once the nodes have stopped and closed the file). */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Drops the PostgreSQL database (ending any session still on it), or deletes the H2 files. */
    @Override
    public void close() throws SQLException {
        if (postgres != null) {
            postgres.drop();
        }
        if (h2Directory != null && Files.exists(h2Directory)) {
            try (Stream<Path> files = Files.walk(h2Directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
