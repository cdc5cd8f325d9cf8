package org.ersreferral;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import org.ersreferral.analyticsbenchmark.AnalyticsBenchmark;
import org.ersreferral.benchmark.Benchmark;
import org.ersreferral.benchmark.PlainLoop;
import org.ersreferral.cluster.ClusterFaultCommand;
import org.ersreferral.conformance.ConformanceRunner;
import org.ersreferral.demohistory.DemoHistoryCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ErsReferralApplication {

    /** The jar's commands (its first argument), each with the rest of the arguments; anything else starts the application. */
    private static final Map<String, Consumer<String[]>> COMMANDS = Map.of(
            // e-RS conformance run: the production client only, no Spring context (engine, web, database)
            ConformanceRunner.COMMAND, ConformanceRunner::main,
            // Generated referral history for demos and measurements: engine and database, no web server
            DemoHistoryCommand.COMMAND, DemoHistoryCommand::main,
            // The analyst endpoints measured over HTTP on generated data
            AnalyticsBenchmark.COMMAND, AnalyticsBenchmark::main,
            // Nodes, an e-RS simulator and a plain loop in JVMs of their own, driven and measured from here
            Benchmark.COMMAND, Benchmark::main,
            // The benchmark's yardstick, in a JVM of its own: a referral's e-RS calls without the engine
            PlainLoop.COMMAND, PlainLoop::main,
            // Two nodes on one PostgreSQL database under e-RS faults, one killed: nothing lost, duplicated or stuck
            ClusterFaultCommand.COMMAND, ClusterFaultCommand::main);

    public static void main(String[] args) {
        Consumer<String[]> command = args.length > 0 ? COMMANDS.get(args[0]) : null;
        if (command != null) {
            command.accept(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(ErsReferralApplication.class, args);
    }
}
