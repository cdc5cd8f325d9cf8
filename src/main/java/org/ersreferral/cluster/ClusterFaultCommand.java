package org.ersreferral.cluster;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import org.ersreferral.demohistory.CommandOptions;
import org.ersreferral.demohistory.DemoHistoryCommand;

/**
 * {@code java -jar ers-referral.jar cluster-faults [--referrals=200]}: the fault run
 * ({@link ClusterFaultRun}) on a database of its own on a PostgreSQL server, created for the run and
 * dropped after it. Exit code 0 when nothing was lost, duplicated, cancelled unasked or stuck.
 */
public final class ClusterFaultCommand {

    /** The first program argument that selects this command. */
    public static final String COMMAND = "cluster-faults";
    static final Set<String> OPTIONS = Set.of("referrals", "coordinators", "lock-time", "fault-percent", "logs",
            "database-server", "database-user", "keep-database");
    static final int PROBLEMS_FOUND = 1;

    private ClusterFaultCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        CommandOptions options;
        ClusterFaultRun.Settings settings;
        try {
            options = new CommandOptions(args, OPTIONS);
            ClusterFaultRun.Settings quick = ClusterFaultRun.Settings.quick(options.integer("referrals", 200, 1, 100_000));
            settings = new ClusterFaultRun.Settings(quick.referrals(), options.integer("coordinators", 10, 1, 200),
                    Duration.ofSeconds(options.integer("lock-time", 15, 5, 3600)), quick.acquisitionWait(), quick.readTimeout(),
                    quick.reconcileAfter(), quick.retryCycle(), options.integer("fault-percent", 12, 0, 50) / 100.0,
                    quick.killAfter(), quick.readyTimeout(), quick.stepTimeout(), quick.seed());
        } catch (CommandOptions.UsageException e) {
            out.println(COMMAND + ": " + e.getMessage());
            out.println("usage: java -jar ers-referral.jar " + COMMAND + " [--referrals=200] [--coordinators=10] [--lock-time=15]"
                    + " [--fault-percent=12] [--logs=cluster-logs] [--database-server=PG_URL]"
                    + " [--database-user=PG_USER] [--keep-database]  (password: PG_PASSWORD)");
            return DemoHistoryCommand.USAGE_ERROR;
        }
        if (!options.applicationArguments().isEmpty()) {
            out.println(COMMAND + ": the nodes' settings are the run's own; unknown " + options.applicationArguments());
            return DemoHistoryCommand.USAGE_ERROR;
        }
        PostgresServer defaults = PostgresServer.fromEnvironment();
        PostgresServer server = new PostgresServer(options.text("database-server", defaults.server()),
                options.text("database-user", defaults.user()), defaults.password());
        PostgresServer.Database database;
        try {
            database = server.createDatabase("ers_cluster_");
        } catch (SQLException e) {
            out.println(COMMAND + ": cannot create a database on " + server.server() + " as " + server.user() + ": " + e.getMessage());
            return DemoHistoryCommand.REFUSED;
        }
        try {
            ClusterFaultRun.Report report = ClusterFaultRun.run(settings, database.url(), server.user(), server.password(),
                    Path.of(options.text("logs", "cluster-logs")), out);
            out.println(report.describe());
            return report.problems().isEmpty() ? 0 : PROBLEMS_FOUND;
        } catch (Exception e) {
            out.println(COMMAND + ": the run stopped: " + e);
            return PROBLEMS_FOUND;
        } finally {
            if (!options.flag("keep-database")) {
                try {
                    database.drop();
                } catch (SQLException e) {
                    out.println(COMMAND + ": could not drop database " + database.name() + ": " + e.getMessage());
                }
            } else {
                out.println("Database kept: " + database.name());
            }
        }
    }
}
