package org.ersreferral.demohistory;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.ersreferral.ErsReferralApplication;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.security.Organisations;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar ers-referral.jar test-data --referrals=50000}: fills the configured database with
 * generated completed referrals and their history, for demos and for measuring the analyst views.
 * Starts the engine (schema, process deployment) without web server or job executor, writes, stops.
 * Refuses a database that holds referrals it did not generate, unless {@code --force}.
 */
public final class DemoHistoryCommand {

    /** The first program argument that selects this command. */
    public static final String COMMAND = "test-data";
    public static final int REFUSED = 1;
    public static final int USAGE_ERROR = 2;
    static final Set<String> OPTIONS = Set.of("referrals", "days", "seed", "force");

    private DemoHistoryCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        CommandOptions options;
        int referrals;
        int days;
        long seed;
        boolean force;
        try {
            options = new CommandOptions(args, OPTIONS);
            referrals = options.integer("referrals", 50_000, 1, 5_000_000);
            days = options.integer("days", 90, 1, 3650);
            seed = options.longValue("seed", System.nanoTime());
            force = options.flag("force");
        } catch (CommandOptions.UsageException e) {
            out.println("test-data: " + e.getMessage());
            out.println("usage: java -jar ers-referral.jar test-data [--referrals=50000] [--days=90] [--seed=<number>] [--force]"
                    + " [--spring.datasource.url=...]");
            return USAGE_ERROR;
        }
        try (ConfigurableApplicationContext context = startEngine(options.applicationArguments())) {
            DemoHistoryGenerator generator = generator(context);
            return generate(generator, context.getBean(DataSource.class), referrals, days, seed, force, out);
        } catch (SQLException e) {
            out.println("test-data: the database refused the rows: " + e.getMessage());
            return REFUSED;
        }
    }

    /** The application without web server and job executor: schema, deployment and configuration only. */
    static ConfigurableApplicationContext startEngine(List<String> applicationArguments) {
        SpringApplication application = new SpringApplication(ErsReferralApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        List<String> args = new ArrayList<>(List.of("--camunda.bpm.job-execution.enabled=false", "--spring.main.banner-mode=off",
                "--logging.level.root=WARN", "--logging.level.org.ersreferral=WARN",
                // The engine REST API needs a servlet container; this command serves nothing.
                "--spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration"));
        args.addAll(applicationArguments);
        return application.run(args.toArray(String[]::new));
    }

    public static DemoHistoryGenerator generator(ConfigurableApplicationContext context) {
        RepositoryService repository = context.getBean(RepositoryService.class);
        ProcessDefinition definition = repository.createProcessDefinitionQuery()
                .processDefinitionKey(ReferralProcess.PROCESS_KEY).latestVersion().singleResult();
        // The ers-step its e-RS steps call: the one deployed with it (calledElementBinding="deployment").
        ProcessDefinition step = repository.createProcessDefinitionQuery().processDefinitionKey(ReferralProcess.STEP_PROCESS_KEY)
                .deploymentId(definition.getDeploymentId()).singleResult();
        Map<String, String> names = new HashMap<>();
        for (ProcessDefinition model : List.of(definition, step)) {
            repository.getBpmnModelInstance(model.getId()).getModelElementsByType(FlowElement.class)
                    .stream().filter(element -> element.getName() != null)
                    .forEach(element -> names.put(element.getId(), element.getName()));
        }
        return new DemoHistoryGenerator(context.getBean(DataSource.class), definition.getId(), step.getId(),
                definition.getDeploymentId(), names, definition.getHistoryTimeToLive(), context.getBean(Clock.class),
                context.getBean(Organisations.class).defaultOrganisation());
    }

    public static int generate(DemoHistoryGenerator generator, DataSource dataSource, int referrals, int days, long seed, boolean force,
                        PrintStream out) throws SQLException {
        String database = describe(dataSource);
        long others = generator.otherReferrals();
        if (others > 0 && !force) {
            out.println("test-data: " + database + " holds " + others + " referrals (application records and engine history)"
                    + " that were not generated; refusing to mix test data into them. Use another database, or --force.");
            return REFUSED;
        }
        out.printf("Generating %,d completed referrals over the last %d days into %s (seed %d)%n", referrals, days, database, seed);
        if (generator.timeToLiveDays() < days) {
            out.printf("Note: the history time to live is %d days, so referrals that ended longer ago are removed by the next"
                    + " history cleanup%n", generator.timeToLiveDays());
        }
        int step = Math.max(500, referrals / 10 / 500 * 500);
        DemoHistoryGenerator.Result result = generator.generate(referrals, days, seed, written -> {
            if (written % step == 0 || written == referrals) {
                out.printf("  %,d referrals written%n", written);
            }
        });
        out.printf("Wrote %,d referrals (%,d rows) in %.1f s: %,.0f referrals/s. Generated referrals now in the database: %,d%n",
                result.referrals(), result.rows(), result.took().toMillis() / 1000.0, result.referralsPerSecond(),
                generator.generatedReferrals());
        return 0;
    }

    /** The database product and URL, without credentials or parameters. */
    public static String describe(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String url = connection.getMetaData().getURL();
            int parameters = url.indexOf(url.startsWith("jdbc:h2:") ? ';' : '?');
            return connection.getMetaData().getDatabaseProductName() + " " + (parameters > 0 ? url.substring(0, parameters) : url);
        }
    }
}
