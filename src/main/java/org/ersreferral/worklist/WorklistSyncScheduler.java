package org.ersreferral.worklist;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsPeople;
import org.ersreferral.ers.ErsProperties;
import org.ersreferral.ers.ReferenceDataService;
import org.ersreferral.history.HistoryRetentionProperties;
import org.ersreferral.process.ErsUserReady;
import org.ersreferral.security.AccessGroups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the worklist sync on this node: every {@link WorklistSyncProperties#checkEvery()} it looks
 * which organisations' runs are due and runs those whose lease it takes, one at a time on a thread
 * of its own, with no user of the engine's (the sync's messages and starts are the application's).
 * When a coordinator signs in to e-RS ({@link ErsUserReady}) they are kept as someone the sync may act
 * as, their organisation's "Sign in to refresh e-RS" task is completed as them, and its run starts at once.
 */
@Component
public class WorklistSyncScheduler implements SmartLifecycle {

    /** The one organisation whose lists may be read when the sync acts as the application, not a person; null: any. */
    private final String onlyOrganisation;

    private static final Logger LOG = LoggerFactory.getLogger(WorklistSyncScheduler.class);
    /** How often an organisation's runs look for referrals to forget: they go after months, so a day late is nothing. */
    static final Duration FORGETTING_LOOK_EVERY = Duration.ofDays(1);

    private final WorklistSyncProperties properties;
    private final SyncLeases leases;
    private final SyncCoordinators coordinators;
    private final FollowUps followUps;
    private final SignInToRefreshTasks signIn;
    private final WorklistSync sync;
    private volatile ScheduledExecutorService executor;
    /** Set while the schedule stops: a run it interrupts is not a failure. */
    private volatile boolean stopping;
    /** Runs this node made (it held the lease), for tests and the log. */
    private final java.util.concurrent.atomic.AtomicLong runs = new java.util.concurrent.atomic.AtomicLong();

    WorklistSyncScheduler(WorklistSyncProperties properties, JdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactions,
                          RuntimeService runtimeService, HistoryService historyService, TaskService taskService,
                          IdentityService identityService, ErsClient ers, ErsPeople people, ReferenceDataService referenceData,
                          ErsProperties ersProperties, HistoryRetentionProperties retention) {
        this.properties = properties;
        this.leases = new SyncLeases(jdbc, clock, properties.interval());
        this.coordinators = new SyncCoordinators(jdbc, SyncCoordinators.of(identityService), people, clock);
        this.followUps = new FollowUps(runtimeService, historyService);
        this.signIn = new SignInToRefreshTasks(runtimeService, taskService, identityService);
        boolean actsAsPerson = ersProperties.auth() != null
                && ErsProperties.AUTH_CIS2.equals(ersProperties.auth().effectiveMode());
        // Not acting as a person, the application's own e-RS access is the configured organisation's: only its lists.
        this.onlyOrganisation = actsAsPerson ? null : ersProperties.odsCode();
        // What the sync knows of a referral off every list lasts as long as its history; looked for once a day.
        this.sync = new WorklistSync(ers, referenceData, coordinators, new SeenReferrals(jdbc, clock), followUps, signIn,
                new TransactionTemplate(transactions), actsAsPerson, clock,
                new WorklistSync.Forgetting(retention.timeToLive(), FORGETTING_LOOK_EVERY));
    }

    /** The organisations to look at: those with referrals being followed, and those coordinators signed in for. */
    Set<String> organisations() {
        Set<String> organisations = new LinkedHashSet<>(followUps.organisations());
        organisations.addAll(coordinators.organisations());
        if (onlyOrganisation != null) {
            organisations.removeIf(organisation -> !onlyOrganisation.equalsIgnoreCase(organisation));
        }
        return organisations;
    }

    /** One look at every organisation: runs those that are due and not run by another node. */
    void runDue() {
        for (String organisation : organisations()) {
            runIfLeased(organisation, false);
        }
    }

    /**
     * Reads the organisation's worklists now, due or not, unless another node is reading them; also where
     * the schedule is off ({@code ers.worklist-sync.enabled=false}). For tests and operators.
     *
     * @return whether this node ran it
     */
    public boolean syncNow(String organisation) {
        if (onlyOrganisation != null && !onlyOrganisation.equalsIgnoreCase(organisation)) {
            return false;
        }
        return runIfLeased(organisation, true) != null;
    }

    /** Runs the organisation's sync if this node takes its lease ({@code now}: even if not due). */
    WorklistSync.Outcome runIfLeased(String organisation, boolean now) {
        try {
            if (!leases.take(organisation, now)) {
                return null;
            }
        } catch (RuntimeException e) {
            LOG.warn("Worklist sync of organisation {} could not take its lease: {}", organisation, e.getClass().getSimpleName());
            return null;
        }
        runs.incrementAndGet();
        try {
            return sync.run(organisation, () -> leases.keep(organisation));
        } catch (RuntimeException e) {
            if (stopping) {
                // stopping: the run was interrupted on purpose
                LOG.debug("Worklist sync of organisation {} stopped with the application", organisation);
                return null;
            }
            // e-RS or the database failed for the whole organisation: the next interval tries again; the others go on
            LOG.warn("Worklist sync of organisation {} failed: {}: {}", organisation, e.getClass().getSimpleName(),
                    e instanceof org.ersreferral.ers.ErsException ? e.getMessage() : "");
            return null;
        } finally {
            try {
                leases.release(organisation);
            } catch (RuntimeException e) {
                LOG.warn("Worklist sync of organisation {} could not release its lease ({}); it runs out by itself",
                        organisation, e.getClass().getSimpleName());
            }
        }
    }

    long runs() {
        return runs.get();
    }

    @EventListener
    public void on(ErsUserReady ready) {
        // Kept even where the schedule is off: an on-demand run (syncNow) acts as whoever signed in.
        if (ready.groups() == null || !ready.groups().contains(AccessGroups.COORDINATORS)) {
            return;
        }
        List<String> organisations = ready.tenantIds() == null ? List.of() : ready.tenantIds();
        try {
            coordinators.signedIn(ready.userId(), ready.groups(), organisations);
        } catch (RuntimeException e) {
            // never a failed sign-in for it: the person is kept at their next one
            LOG.warn("Worklist sync could not keep the sign-in of user {}: {}", ready.userId(), e.getClass().getSimpleName());
            return;
        }
        ExecutorService running = executor;
        if (running == null) {
            return;
        }
        // Not on the sign-in's own request: its engine user and time are the person's, the sync's are the application's.
        running.execute(() -> {
            for (String organisation : organisations) {
                try {
                    if (coordinators.mayActFor(ready.userId(), organisation)) {
                        signIn.completeAs(organisation, ready.userId(), ready.groups(), organisations);
                        runIfLeased(organisation, true);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Worklist sync of organisation {} after user {} signed in failed: {}", organisation, ready.userId(),
                            e.getClass().getSimpleName());
                }
            }
        });
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            LOG.info("Worklist sync is off on this node (ers.worklist-sync.enabled=false)");
            return;
        }
        stopping = false;
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "worklist-sync");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.checkEvery().toMillis();
        started.scheduleWithFixedDelay(() -> {
            try {
                runDue();
            } catch (RuntimeException e) {
                LOG.warn("Worklist sync could not look for due organisations: {}", e.getClass().getSimpleName());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public void stop() {
        stopping = true;
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Stops before the engine's job executor and the web server: after them in the start order. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
