package org.ersreferral.conformance;

import ca.uhn.fhir.context.FhirContext;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.ersreferral.ers.ErsAccessTokenProvider;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.FeignErsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar ers-referral.jar conformance --ers.base-url=<url>}: replays, through the
 * production e-RS client, one scenario per official referrer example against any e-RS base URL
 * (the NHS sandbox, the embedded simulator, ...). Prints one line per scenario, then
 * {@code N passed, M failed}. No Spring context, engine, web server or database is started.
 */
public final class ConformanceRunner {

    /** The first program argument that selects this command. */
    public static final String COMMAND = "conformance";
    static final int USAGE_ERROR = 2;

    private ConformanceRunner() {
    }

    /** The command line entry: exits 0 only when every scenario passed. */
    public static void main(String[] args) {
        quietLogging();
        System.exit(run(args, System.getenv(), System.out));
    }

    /**
     * Runs every scenario and reports on {@code out}.
     *
     * @param args the options after {@code conformance}, e.g. {@code --ers.base-url=...}
     * @param env  environment variables (ERS_BASE_URL, ERS_ACCESS_TOKEN, ...) read when an option is not given
     * @return 0 when all passed, 1 when any failed, 2 when the options were refused
     */
    public static int run(String[] args, Map<String, String> env, PrintStream out) {
        ConformanceOptions options;
        try {
            options = ConformanceOptions.parse(args, env);
        } catch (ConformanceOptions.UsageException e) {
            out.println("conformance: " + e.getMessage());
            out.println("usage: java -jar ers-referral.jar conformance --ers.base-url=<e-RS FHIR base URL> "
                    + "[--ers.auth.token=... (better: ERS_ACCESS_TOKEN in the environment)] [--ers.ods-code=...] [--ers.business-function=...] "
                    + "[--conformance.fixed-ids=true|false]");
            return USAGE_ERROR;
        }
        FhirContext fhir = FhirContext.forDstu3();
        ErsAccessTokenProvider tokens = ErsAccessTokenProvider.staticToken(options.ers().auth().token());
        ErsClient clinician = FeignErsClient.create(options.ers(), fhir, tokens, Clock.systemUTC());
        ErsClient admin = FeignErsClient.create(options.admin(), fhir, tokens, Clock.systemUTC());
        out.println("e-RS conformance against " + options.ers().baseUrl() + " as " + options.ers().businessFunction()
                + " at " + options.ers().odsCode() + (options.fixedIds()
                ? " (fixed ids: the official examples' UBRNs, versions and slots)" : " (ids from the server)"));
        List<Scenario> scenarios = new ReferrerScenarios(clinician, admin, options.fixedIds()).scenarios();
        int passed = 0;
        int failed = 0;
        for (Scenario scenario : scenarios) {
            long start = System.nanoTime();
            Throwable failure = null;
            try {
                scenario.step().run();
            } catch (Exception | AssertionError e) {
                failure = e;
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (failure == null) {
                passed++;
                out.println("PASS " + scenario.label() + " (" + ms + " ms)");
            } else {
                failed++;
                String note = options.fixedIds() && scenario.sandboxNote() != null
                        ? " [known sandbox difference: " + scenario.sandboxNote() + "]" : "";
                out.println("FAIL " + scenario.label() + " (" + ms + " ms): " + ReferrerScenarios.describe(failure)
                        + note);
            }
            out.flush();
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    /** Outside Spring Boot logback logs everything at DEBUG to the console: keep the report readable. */
    private static void quietLogging() {
        try {
            Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
            if (root instanceof ch.qos.logback.classic.Logger logback) {
                logback.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        } catch (LinkageError e) {
            // another logging backend: leave it as configured
        }
    }
}
