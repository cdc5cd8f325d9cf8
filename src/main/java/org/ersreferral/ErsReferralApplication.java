package org.ersreferral;

import java.util.Arrays;
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

    public static void main(String[] args) {
        if (args.length > 0 && ConformanceRunner.COMMAND.equals(args[0])) {
            // e-RS conformance run: the production client only, no Spring context (engine, web, database)
            ConformanceRunner.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && DemoHistoryCommand.COMMAND.equals(args[0])) {
            // Generated referral history for demos and measurements: engine and database, no web server
            DemoHistoryCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && AnalyticsBenchmark.COMMAND.equals(args[0])) {
            // The analyst endpoints measured over HTTP on generated data
            AnalyticsBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && Benchmark.COMMAND.equals(args[0])) {
            // Nodes, an e-RS simulator and a plain loop in JVMs of their own, driven and measured from here
            Benchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && PlainLoop.COMMAND.equals(args[0])) {
            // The benchmark's yardstick, in a JVM of its own: a referral's e-RS calls without the engine
            PlainLoop.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && ClusterFaultCommand.COMMAND.equals(args[0])) {
            // Two nodes on one PostgreSQL database under e-RS faults, one killed: nothing lost, duplicated or stuck
            ClusterFaultCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(ErsReferralApplication.class, args);
    }
}
