package org.ersreferral.worklist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.ReferenceDataService;
import org.ersreferral.ers.ReferralState;
import org.ersreferral.ers.ReferralStatus;
import org.ersreferral.ers.WorklistItem;
import org.ersreferral.ers.WorklistType;
import org.ersreferral.process.FollowUp;
import org.ersreferral.security.AccessGroups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One organisation's run: its four referrer worklists (A008) read as one of its coordinators, then,
 * for each referral whose items changed since the last message (or that left the lists), its state
 * (A005) and one {@code ErsReferralChanged} message to its follow-up, or a new follow-up for a
 * referral made outside the product. A referral is marked seen in the transaction that delivered
 * its message, so a change is told once: a follow-up busy in a task (not waiting for the message)
 * leaves it unseen for the next run. A referral that fails is logged and the others go on. What the sync knows
 * of a referral is forgotten once nothing here needs it any more (see {@link #forgetSettled}).
 * Logs name organisations, user ids and instance ids; UBRNs at debug level only; never a patient.
 */
class WorklistSync {

    private static final Logger LOG = LoggerFactory.getLogger(WorklistSync.class);
    /** The label of the sync's e-RS calls outside a follow-up (their correlation id and journal). */
    static final String CALLER = "worklist-sync";

    /** What one run did, for tests and the log. */
    record Outcome(String organisation, String actingUser, int told, int started, int busy, int failed, boolean signInRaised,
                   int forgotten) {
    }

    private final ErsClient ers;
    private final ReferenceDataService referenceData;
    private final SyncCoordinators coordinators;
    private final SeenReferrals seen;
    private final FollowUps followUps;
    private final SignInToRefreshTasks signIn;
    private final TransactionTemplate transaction;
    /** Whether calls act as a person (cis2); otherwise e-RS takes the application's own credentials. */
    private final boolean actsAsPerson;
    private final Clock clock;
    private final Forgetting forgetting;
    /** Per organisation, when this node last looked for referrals to forget. */
    private final Map<String, Instant> lastForgettingLook = new ConcurrentHashMap<>();

    /**
     * When what the sync saw of a referral goes: once it has been on no list for {@code after} (the history time to live)
     * and nothing here needs it. Each look asks the engine about every such referral still remembered, so an
     * organisation's runs look at most every {@code every}.
     */
    record Forgetting(Duration after, Duration every) {
    }

    WorklistSync(ErsClient ers, ReferenceDataService referenceData, SyncCoordinators coordinators, SeenReferrals seen,
                 FollowUps followUps, SignInToRefreshTasks signIn, TransactionTemplate transaction, boolean actsAsPerson,
                 Clock clock, Forgetting forgetting) {
        this.ers = ers;
        this.referenceData = referenceData;
        this.coordinators = coordinators;
        this.seen = seen;
        this.followUps = followUps;
        this.signIn = signIn;
        this.transaction = transaction;
        this.actsAsPerson = actsAsPerson;
        this.clock = clock;
        this.forgetting = forgetting;
    }

    /**
     * Runs the organisation's sync; {@code stillHeld} says whether this node still holds its lease
     * (checked before each referral: one that lost it stops).
     */
    Outcome run(String organisation, BooleanSupplier stillHeld) {
        Set<String> refused = new HashSet<>();
        while (true) {
            Optional<String> person = actsAsPerson ? coordinators.choose(organisation, user -> !refused.contains(user))
                    : Optional.of("");
            if (person.isEmpty()) {
                // an organisation with no referral to follow needs nobody to sign in
                boolean raise = followUps.anyRunning(organisation);
                if (raise) {
                    signIn.raise(organisation);
                }
                return new Outcome(organisation, null, 0, 0, 0, 0, raise, 0);
            }
            String actingUser = person.get().isEmpty() ? null : person.get();
            Map<WorklistType, List<WorklistItem>> lists;
            try {
                lists = fetchAll(actingUser);
            } catch (ErsException.Unauthorised refusedSignIn) {
                // their sign-in ended (e-RS said 401): the next coordinator, else a sign-in task
                LOG.info("Worklist sync of organisation {}: e-RS refused the sign-in of user {}; trying another coordinator",
                        organisation, actingUser);
                refused.add(actingUser);
                if (!actsAsPerson) {
                    throw refusedSignIn;
                }
                continue;
            }
            if (!stillHeld.getAsBoolean()) {
                LOG.warn("Worklist sync of organisation {} stopped: another node took over its lease", organisation);
                return new Outcome(organisation, actingUser, 0, 0, 0, 0, false, 0);
            }
            if (actingUser != null) {
                // someone may act again (their sign-in was refreshed, or came on another node): the task is done
                signIn.completeAs(organisation, actingUser, List.of(AccessGroups.COORDINATORS), List.of(organisation));
            }
            return sync(organisation, actingUser, lists, stillHeld);
        }
    }

    /** All four lists, or none: a run that could not read one must not take its referrals for gone. */
    private Map<WorklistType, List<WorklistItem>> fetchAll(String actingUser) {
        Map<WorklistType, List<WorklistItem>> lists = new EnumMap<>(WorklistType.class);
        for (WorklistType type : WorklistType.values()) {
            lists.put(type, ers.fetchWorklist(new ErsCall(CALLER, "A008-" + type.name(), actingUser), type));
        }
        return lists;
    }

    private Outcome sync(String organisation, String actingUser, Map<WorklistType, List<WorklistItem>> lists,
                         BooleanSupplier stillHeld) {
        Map<String, Seen> before = seen.of(organisation);
        WorklistDiff.Result diff = WorklistDiff.of(lists, before);
        for (ListedReferral referral : diff.listed()) {
            Seen row = before.get(referral.ubrn());
            if (row == null || !row.lists().equals(referral.lists())) {
                seen.listed(organisation, referral.ubrn(), referral.lists());
            }
        }
        int told = 0;
        int started = 0;
        int busy = 0;
        int failed = 0;
        List<ListedReferral> toRead = new ArrayList<>(diff.changed());
        toRead.addAll(diff.left());
        for (ListedReferral referral : toRead) {
            if (!stillHeld.getAsBoolean()) {
                LOG.warn("Worklist sync of organisation {} stopped: another node took over its lease", organisation);
                break;
            }
            try {
                switch (tell(organisation, actingUser, referral, before.get(referral.ubrn()))) {
                    case TOLD -> told++;
                    case STARTED -> started++;
                    case BUSY -> busy++;
                    case NOTHING -> { }
                }
            } catch (RuntimeException e) {
                failed++;
                LOG.warn("Worklist sync of organisation {}: a referral could not be brought up to date ({}); tried again next run",
                        organisation, e.getClass().getSimpleName());
                LOG.debug("Worklist sync of organisation {}: referral {} failed", organisation, referral.ubrn(), e);
            }
        }
        int forgotten = stillHeld.getAsBoolean() ? forgetSettled(organisation, before, diff) : 0;
        Outcome outcome = new Outcome(organisation, actingUser, told, started, busy, failed, false, forgotten);
        if (told + started + busy + failed > 0) {
            LOG.info("Worklist sync of organisation {} as user {}: {} changes told, {} referrals found in e-RS, {} follow-ups busy,"
                    + " {} failed", organisation, actingUser, told, started, busy, failed);
        }
        if (forgotten > 0) {
            LOG.info("Worklist sync of organisation {}: {} referral(s) on no list for the history time to live forgotten",
                    organisation, forgotten);
        }
        return outcome;
    }

    /**
     * Forgets the referrals whose row nothing needs any more. A row notices the referral leave the lists (its
     * lists), tells each change once (its told mark and state) and offers a referral found in e-RS once (its
     * follow-up started; the engine's history of its follow-up does so too). So it stays while the referral is on a
     * list, while a follow-up of it runs or the product is still sending it, and while the engine keeps the history
     * of a follow-up of it; it goes once the referral has been on no list for the history time to live and none of
     * that holds. The product then keeps nothing of the referral: one coming back on a list after that is new to it.
     */
    private int forgetSettled(String organisation, Map<String, Seen> before, WorklistDiff.Result diff) {
        Instant now = clock.instant();
        if (before.values().stream().anyMatch(row -> row.lists().isEmpty() && row.offListsSince() == null)) {
            seen.dateOffLists(organisation);
        }
        Instant lastLook = lastForgettingLook.get(organisation);
        if (lastLook != null && now.isBefore(lastLook.plus(forgetting.every()))) {
            return 0;
        }
        lastForgettingLook.put(organisation, now);
        Instant cutoff = now.minus(forgetting.after());
        Set<String> listedNow = new HashSet<>();
        diff.listed().forEach(referral -> listedNow.add(referral.ubrn()));
        int forgotten = 0;
        for (Seen row : before.values()) {
            if (row.offListsBefore(cutoff) && !listedNow.contains(row.ubrn())
                    // the engine's history holds running follow-ups too: mostly the one question asked
                    && !followUps.everFollowed(organisation, row.ubrn())
                    && followUps.running(organisation, row.ubrn()).isEmpty()
                    && !followUps.beingSent(organisation, row.ubrn())
                    && seen.forget(organisation, row.ubrn(), cutoff)) {
                forgotten++;
                LOG.debug("Worklist sync of organisation {}: referral {} forgotten", organisation, row.ubrn());
            }
        }
        return forgotten;
    }

    enum Told { TOLD, STARTED, BUSY, NOTHING }

    private Told tell(String organisation, String actingUser, ListedReferral referral, Seen before) {
        Optional<String> followUp = followUps.running(organisation, referral.ubrn());
        String ubrn = referral.ubrn();
        LOG.debug("Worklist sync of organisation {}: reading referral {}", organisation, ubrn);
        ReferralState state = ers.retrieveReferral(new ErsCall(followUp.orElse(CALLER), "A005", actingUser), ubrn);
        ReferralStatus status = state.referralStatus() != null ? state.referralStatus() : referral.status();
        boolean left = referral.lists().isEmpty();
        LOG.debug("Worklist sync of organisation {}: referral {} is {} on lists {}; last told {}", organisation, ubrn, status,
                referral.lists(), before == null ? null : before.toldStatus());
        String mark = left && before != null ? before.toldMark() : referral.mark();
        String toldMark = before == null ? null : before.toldMark();
        // What the follow-up knows: its own state (set by the last message, or by its own reads of e-RS), else what was told.
        ReferralStatus known = followUp.map(followUps::knownStatus).orElse(before == null ? null : before.toldStatus());
        if ((followUp.isPresent() || left) && known != null && Objects.equals(known, status) && !referral.letterNews(toldMark)) {
            // Nothing it does not know: first seen in the state it started with, a change it made itself, a letter attached,
            // or a change already told while the lists were read one after the other.
            transaction.executeWithoutResult(tx -> seen.told(organisation, ubrn, referral.lists(), mark, status, false));
            return Told.NOTHING;
        }
        Map<String, Object> variables = variables(organisation, actingUser, referral, before, state, status, known);
        if (followUp.isPresent()) {
            try {
                return transaction.execute(tx -> {
                    followUps.tell(followUp.get(), variables);
                    seen.told(organisation, ubrn, referral.lists(), mark, status, false);
                    return Told.TOLD;
                });
            } catch (MismatchingMessageCorrelationException busy) {
                LOG.debug("Worklist sync of organisation {}: follow-up {} is not waiting for e-RS; referral {} is told next run",
                        organisation, followUp.get(), ubrn);
                return Told.BUSY;
            }
        }
        if ((before != null && before.followUpStarted()) || followUps.everFollowed(organisation, ubrn)) {
            // followed before and finished: nobody waits for its news
            transaction.executeWithoutResult(tx -> seen.told(organisation, ubrn, referral.lists(), mark, status, false));
            return Told.NOTHING;
        }
        if (!left && followUps.beingSent(organisation, ubrn)) {
            // the product's own referral, not sent yet: its follow-up, once started, is told at a later run
            return Told.BUSY;
        }
        if (left) {
            // never followed here and gone from the lists: nothing to take on
            transaction.executeWithoutResult(tx -> seen.told(organisation, ubrn, referral.lists(), mark, status, false));
            return Told.NOTHING;
        }
        return transaction.execute(tx -> {
            String instance = followUps.startFound(organisation, ubrn, variables);
            seen.told(organisation, ubrn, referral.lists(), mark, status, true);
            LOG.info("Worklist sync of organisation {}: a referral made outside the application is followed by instance {}",
                    organisation, instance);
            return Told.STARTED;
        });
    }

    /** The message's variables ({@link FollowUp}'s {@code ers*}): the state as A005 tells it, the list it was found on. */
    private Map<String, Object> variables(String organisation, String actingUser, ListedReferral referral, Seen before,
                                          ReferralState state, ReferralStatus status, ReferralStatus known) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(FollowUp.ERS_STATUS.name(), FollowUp.ERS_STATUS.stored(status));
        ReferralState.StateReason reason = state.reason();
        String reasonCode = reason != null ? reason.code() : referral.reason();
        variables.put(FollowUp.ERS_STATUS_REASON.name(), FollowUp.ERS_STATUS_REASON.stored(reasonCode));
        variables.put(FollowUp.ERS_STATUS_REASON_DISPLAY.name(),
                FollowUp.ERS_STATUS_REASON_DISPLAY.stored(referenceData.reasonDisplay(new ErsCall(CALLER, "A004", actingUser), reason)));
        variables.put(FollowUp.ERS_STATUS_COMMENTS.name(), FollowUp.ERS_STATUS_COMMENTS.stored(state.comments()));
        variables.put(FollowUp.LETTER_PROBLEMS.name(), FollowUp.LETTER_PROBLEMS.stored(FollowUp.letterProblems(state.unavailableAttachments())));
        variables.put(FollowUp.REFUSED_LETTER_FILES.name(),
                FollowUp.REFUSED_LETTER_FILES.stored(FollowUp.refusedLetterFiles(state.unavailableAttachments())));
        String lastUpdated = state.lastUpdated() != null ? state.lastUpdated().toString()
                : referral.lastUpdated() != null ? referral.lastUpdated().toString() : null;
        variables.put(FollowUp.ERS_LAST_UPDATED.name(), FollowUp.ERS_LAST_UPDATED.stored(lastUpdated));
        variables.put(FollowUp.ERS_WORKLIST.name(), FollowUp.ERS_WORKLIST.stored(referral.worklist(status, known,
                before == null ? null : before.toldMark())));
        variables.put(FollowUp.LETTER_DUE.name(), FollowUp.LETTER_DUE.stored(
                referral.letterDue() == null ? null : referral.letterDue().toString()));
        return variables;
    }
}
