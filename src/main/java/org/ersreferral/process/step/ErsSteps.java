package org.ersreferral.process.step;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.ersreferral.ers.AppointmentCancellation;
import org.ersreferral.ers.AppointmentRequest;
import org.ersreferral.ers.AppointmentResult;
import org.ersreferral.ers.AppointmentView;
import org.ersreferral.ers.Cancellation;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.ErsOperation;
import org.ersreferral.ers.ErsProperties;
import org.ersreferral.ers.ErsRole;
import org.ersreferral.ers.LetterAttachment;
import org.ersreferral.ers.LetterFile;
import org.ersreferral.ers.NewReferral;
import org.ersreferral.ers.ReferralCreated;
import org.ersreferral.ers.ReferralState;
import org.ersreferral.ers.ShortlistChange;
import org.ersreferral.ers.Slot;
import org.ersreferral.ers.SlotPage;
import org.ersreferral.ers.SlotQuery;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the e-RS steps do beyond one call: paging, the role check, and above all never repeating or
 * undoing a state change blindly. Every state-changing request (A011, A021, A016, A012, A020, A036,
 * A031, A032, A034) is journalled before it is sent and its answer as soon as it arrives ({@link ErsRequestJournal}).
 * A re-run of a step, whatever caused it, first reads the journal:
 * <ul>
 *   <li>answered: not sent again, the journalled answer is used;</li>
 *   <li>sent with no answer: reconciled after {@code ers.reconcile-after} (the job comes back then;
 *       nothing waits) by reading the referral (A005); sent again only when e-RS shows it was not
 *       applied. A create with no answer goes to a coordinator instead (e-RS has no UBRN to read),
 *       after the same wait;</li>
 *   <li>a version conflict (409) re-reads the referral and continues with the current version once;
 *       a 409 for a change e-RS shows as made (ours, e.g. after a timeout) is that change, not a
 *       refusal and not a slot gone.</li>
 * </ul>
 * Failures are {@link ErsException}s; the delegates map them to the model's routes in one place.
 */
@Component
public class ErsSteps {

    /** e-RS referral states (A005) once a request of that kind was applied. */
    public static final String BOOKED = "BOOKED";
    public static final String DEFERRED_TO_PROVIDER = "DEFERRED_TO_PROVIDER";
    public static final String AWAITING_TRIAGE = "AWAITING_TRIAGE";
    public static final String CANCELLED = "CANCELLED_REFERRAL";
    public static final String NOT_BOOKED = "NOT_BOOKED";
    /** e-RS appointment status (A038) once a cancellation (A034) was applied. */
    public static final String APPOINTMENT_CANCELLED = "cancelled";

    private final ErsClient ers;
    private final ErsRequestJournal journal;
    private final ErsProperties properties;
    private final Duration reconcileAfter;
    private final Clock clock;

    @Autowired
    ErsSteps(ErsClient ers, ErsRequestJournal journal, ErsProperties properties,
             @Value("${ers.reconcile-after:60s}") Duration reconcileAfter, Clock clock) {
        this.ers = ers;
        this.journal = journal;
        this.properties = properties;
        this.reconcileAfter = reconcileAfter;
        this.clock = clock;
    }

    /** For tests and tools: the steps over any client and journal. */
    public static ErsSteps of(ErsClient ers, ErsRequestJournal journal, ErsProperties properties, Duration reconcileAfter,
                              Clock clock) {
        return new ErsSteps(ers, journal, properties, reconcileAfter, clock);
    }

    /**
     * A030: refused (403) unless e-RS confirms the user holds the role the call acts in: the acting
     * person's chosen role, else the configured one.
     */
    public void requireActingRole(ErsCall call) {
        ErsRole acting = ers.chosenRole(call)
                .orElseGet(() -> new ErsRole(properties.businessFunction(), properties.odsCode(), null));
        List<ErsRole> roles = ers.retrieveRoles(call);
        boolean allowed = roles.stream().anyMatch(role -> acting.businessFunction().equals(role.businessFunction())
                && acting.odsCode().equalsIgnoreCase(role.odsCode()));
        if (!allowed) {
            String held = roles.isEmpty() ? "none"
                    : String.join(", ", roles.stream().map(r -> r.businessFunction() + " at " + r.odsCode()).toList());
            throw new ErsException.Rejected("A030", 403, "The e-RS user has no " + acting.businessFunction()
                    + " role at organisation " + acting.odsCode() + "; roles held: " + held);
        }
    }

    /** A015: free slots of a service, a bounded number of pages. */
    public List<Slot> freeSlots(ErsCall call, String serviceId, String priority) {
        List<Slot> slots = new ArrayList<>();
        int page = 1;
        SlotPage result;
        do {
            result = ers.retrieveSlots(call, new SlotQuery(serviceId, priority, properties.slotPageSize(), page));
            slots.addAll(result.slots());
            page++;
        } while (result.morePages() && page <= properties.maxSlotPages());
        return slots;
    }

    /** The version a call must name: the one known, else the current one (A005), e.g. after a coordinator reconciled a create. */
    public String knownOrCurrentVersion(ErsCall call, String ubrn, String knownVersion) {
        return knownVersion != null ? knownVersion : ers.retrieveReferral(call, ubrn).version();
    }

    /**
     * A011 (or A021 with {@code sendForTriage}). A create that may have happened is never sent again:
     * an answered one gives its UBRN back; one with no answer comes back after {@code ers.reconcile-after},
     * when e-RS has finished making it if it was going to, and only then ends in
     * {@link ErsException.OutcomeUnknown} for a coordinator to check whether e-RS has the referral (a
     * coordinator who looked at once could miss a referral e-RS was still making, and create it twice).
     */
    public ReferralCreated create(ErsCall call, NewReferral referral, boolean sendForTriage) {
        ErsOperation operation = sendForTriage ? ErsOperation.A021 : ErsOperation.A011;
        String key = operation.name();
        JournalEntry previous = journal.latest(call, key).orElse(null);
        if (previous != null && previous.answered()) {
            return new ReferralCreated(previous.answerUbrn(), previous.answerVersion());
        }
        if (previous != null && previous.unanswered()) {
            awaitReconcileTime(previous);
            journal.close(previous);
            throw new ErsException.OutcomeUnknown(operation.name(), "An earlier " + operation
                    + " request got no answer; check whether e-RS created the referral before creating it again", null);
        }
        JournalEntry entry = journal.sending(call, operation.name(), key, null);
        try {
            ReferralCreated created = sendForTriage ? ers.createReferralAndSendForTriage(call, referral)
                    : ers.createReferral(call, referral);
            journal.answered(entry, created.ubrn(), created.version(), null);
            return created;
        } catch (ErsException.OutcomeUnknown e) {
            // Left unanswered in the journal: the re-run after the wait hands it to a coordinator.
            throw new ErsException.ReconcileLater(e.operationId(), e.getMessage() + "; a coordinator checks whether e-RS has"
                    + " the referral after " + reconcileAfter.toSeconds() + "s, before it is ever created again",
                    Math.max(1, reconcileAfter.toSeconds()), e);
        } catch (ErsException e) {
            // Refused, or handed to a coordinator: either way the next create is a new attempt.
            journal.close(entry);
            throw e;
        }
    }

    /** What a state change (A016) left behind: either may be null (a reconciled change has no appointment id to hand). */
    public record Applied(String appointmentId, String version) {
    }

    /**
     * A016 book, defer or send into triage, with {@code request.referralVersion()} possibly null
     * (then read). A 409 for a booking e-RS does not show as made, at the version we sent, is e-RS's
     * own conflict (the slot went, say) and is thrown as it came.
     */
    public Applied bookOrDefer(ErsCall call, AppointmentRequest request) {
        String key = request.kind() + ":" + request.serviceId() + (request.slotId() == null ? "" : ":" + request.slotId());
        Set<String> appliedStates = Set.of(appliedState(request.kind()));
        JournalEntry previous = journal.latest(call, key).orElse(null);
        if (previous != null && previous.answered()) {
            return new Applied(previous.answerReference(), previous.answerVersion());
        }
        String version = request.referralVersion();
        if (previous != null && previous.unanswered()) {
            ReferralState state = reconcile(call, previous, request.ubrn());
            if (shows(state, appliedStates, request.serviceId())) {
                journal.answered(previous, null, state.version(), null);
                return new Applied(null, state.version());
            }
            journal.close(previous);
            version = state.version();
        }
        return sendAppointment(call, key, withVersion(request, knownOrCurrentVersion(call, request.ubrn(), version)),
                appliedStates, true);
    }

    private Applied sendAppointment(ErsCall call, String key, AppointmentRequest request, Set<String> appliedStates,
                                    boolean mayReread) {
        JournalEntry entry = journal.sending(call, ErsOperation.A016.name(), key, request.referralVersion());
        try {
            AppointmentResult result = ers.bookOrDefer(call, request);
            journal.answered(entry, null, null, result.appointmentId());
            return new Applied(result.appointmentId(), null);
        } catch (ErsException.OutcomeUnknown e) {
            throw reconcileLater(e);
        } catch (ErsException.Conflict conflict) {
            ReferralState state;
            try {
                state = ers.retrieveReferral(call, request.ubrn());
            } catch (RuntimeException readFailed) {
                // e-RS answered: this request was refused, not applied. Left open, the re-run would take it for
                // one with no answer, wait, and never tell a refusal (the slot gone) from a failed read.
                journal.close(entry);
                throw readFailed;
            }
            if (shows(state, appliedStates, request.serviceId())) {
                journal.answered(entry, null, state.version(), null);
                return new Applied(null, state.version());
            }
            journal.close(entry);
            if (state.version() != null && !state.version().equals(request.referralVersion())) {
                if (mayReread) {
                    return sendAppointment(call, key, withVersion(request, state.version()), appliedStates, false);
                }
                throw changedTwice(conflict);
            }
            throw conflict;
        } catch (ErsException e) {
            journal.close(entry);
            throw e;
        }
    }

    /**
     * A012: attaches the files to the referral letter; returns the new version. Attaching the same
     * files again sets the letter to what it already is, so a request with no answer is sent again,
     * after the wait, with the version e-RS now has.
     */
    public String maintainReferralLetter(ErsCall call, String ubrn, String knownVersion, List<LetterAttachment> attachments) {
        String key = "LETTER:" + digest(String.join(",", attachments.stream().map(LetterAttachment::url).toList()));
        JournalEntry previous = journal.latest(call, key).orElse(null);
        if (previous != null && previous.answered()) {
            return previous.answerVersion();
        }
        String version = knownVersion;
        if (previous != null && previous.unanswered()) {
            version = reconcile(call, previous, ubrn).version();
            journal.close(previous);
        }
        return sendLetter(call, key, ubrn, knownOrCurrentVersion(call, ubrn, version), attachments, true);
    }

    private String sendLetter(ErsCall call, String key, String ubrn, String version, List<LetterAttachment> attachments,
                              boolean mayReread) {
        JournalEntry entry = journal.sending(call, ErsOperation.A012.name(), key, version);
        try {
            String newVersion = ers.maintainReferralLetter(call, ubrn, version, attachments);
            journal.answered(entry, null, newVersion, null);
            return newVersion;
        } catch (ErsException.OutcomeUnknown e) {
            throw reconcileLater(e);
        } catch (ErsException.Conflict stale) {
            journal.close(entry);
            if (!mayReread) {
                throw changedTwice(stale);
            }
            return sendLetter(call, key, ubrn, ers.retrieveReferral(call, ubrn).version(), attachments, false);
        } catch (ErsException e) {
            journal.close(entry);
            throw e;
        }
    }

    /**
     * A020: uploads one file of the letter; returns its Binary url. A file with no answer is uploaded
     * again: an unattached Binary changes nothing in the referral.
     */
    public String uploadFile(ErsCall call, String ubrn, String fileVariable, LetterFile file) {
        String key = "FILE:" + fileVariable + ":" + digest(file.content());
        JournalEntry previous = journal.latest(call, key).orElse(null);
        if (previous != null && previous.answered()) {
            return previous.answerReference();
        }
        if (previous != null) {
            journal.close(previous);
        }
        JournalEntry entry = journal.sending(call, ErsOperation.A020.name(), key, null);
        try {
            String url = ers.uploadFile(call, ubrn, file);
            journal.answered(entry, null, null, url);
            return url;
        } catch (ErsException e) {
            journal.close(entry);
            throw e;
        }
    }

    /**
     * A036 unless e-RS already shows the referral cancelled (read first, A005); returns its state
     * after. Cancelling always names the version e-RS has now, so a stale one cannot refuse it.
     */
    public ReferralState cancel(ErsCall call, String ubrn, String reason, String comment) {
        String key = "CANCEL";
        JournalEntry previous = journal.latest(call, key).orElse(null);
        if (previous != null && previous.answered()) {
            return new ReferralState(ubrn, previous.answerVersion(), CANCELLED, List.of(), null);
        }
        ReferralState current = previous != null && previous.unanswered() ? reconcile(call, previous, ubrn)
                : ers.retrieveReferral(call, ubrn);
        if (previous != null && previous.unanswered()) {
            journal.close(previous);
        }
        return CANCELLED.equals(current.status()) ? current : sendCancel(call, key, current, reason, comment, true);
    }

    private ReferralState sendCancel(ErsCall call, String key, ReferralState current, String reason, String comment,
                                     boolean mayReread) {
        JournalEntry entry = journal.sending(call, ErsOperation.A036.name(), key, current.version());
        try {
            ReferralState cancelled = ers.cancelReferral(call, new Cancellation(current.ubrn(), current.version(), reason, comment));
            journal.answered(entry, null, cancelled.version(), null);
            return cancelled;
        } catch (ErsException.OutcomeUnknown e) {
            throw reconcileLater(e);
        } catch (ErsException.Conflict stale) {
            journal.close(entry);
            ReferralState now = ers.retrieveReferral(call, current.ubrn());
            if (CANCELLED.equals(now.status())) {
                return now;
            }
            if (!mayReread) {
                throw changedTwice(stale);
            }
            return sendCancel(call, key, now, reason, comment, false);
        } catch (ErsException e) {
            journal.close(entry);
            throw e;
        }
    }

    /**
     * A031, or A032 with {@code sendForTriage} (deprecated upstream), with {@code change.version()} possibly
     * null (then read). A change with no answer is reconciled after the wait (A005): e-RS showing the new
     * shortlist (and, for A032, the referral in triage) is that change; otherwise it is sent again with
     * the version e-RS has now. A stale version (409) is read again once.
     */
    public ReferralState changeShortlist(ErsCall call, ShortlistChange change, boolean sendForTriage) {
        String key = (sendForTriage ? "SHORTLIST_TRIAGE:" : "SHORTLIST:") + digest(String.join(",", change.shortlist()));
        JournalEntry previous = journal.latest(call, key).orElse(null);
        if (previous != null && previous.answered()) {
            return new ReferralState(change.ubrn(), previous.answerVersion(), sendForTriage ? AWAITING_TRIAGE : NOT_BOOKED,
                    change.shortlist(), null, previous.answerReference());
        }
        String version = change.version();
        if (previous != null && previous.unanswered()) {
            ReferralState state = reconcile(call, previous, change.ubrn());
            if (showsShortlist(state, change, sendForTriage)) {
                journal.answered(previous, null, state.version(), state.appointmentId());
                return state;
            }
            journal.close(previous);
            version = state.version();
        }
        return sendShortlist(call, key, withVersion(change, knownOrCurrentVersion(call, change.ubrn(), version)),
                sendForTriage, true);
    }

    private ReferralState sendShortlist(ErsCall call, String key, ShortlistChange change, boolean sendForTriage,
                                        boolean mayReread) {
        ErsOperation operation = sendForTriage ? ErsOperation.A032 : ErsOperation.A031;
        JournalEntry entry = journal.sending(call, operation.name(), key, change.version());
        try {
            ReferralState changed = sendForTriage ? ers.changeShortlistAndSendForTriage(call, change)
                    : ers.changeShortlist(call, change);
            journal.answered(entry, null, changed.version(), changed.appointmentId());
            return changed;
        } catch (ErsException.OutcomeUnknown e) {
            throw reconcileLater(e);
        } catch (ErsException.Conflict stale) {
            ReferralState now;
            try {
                now = ers.retrieveReferral(call, change.ubrn());
            } catch (RuntimeException readFailed) {
                journal.close(entry);
                throw readFailed;
            }
            if (showsShortlist(now, change, sendForTriage)) {
                journal.answered(entry, null, now.version(), now.appointmentId());
                return now;
            }
            journal.close(entry);
            if (!mayReread || now.version() == null || now.version().equals(change.version())) {
                throw mayReread ? stale : changedTwice(stale);
            }
            return sendShortlist(call, key, withVersion(change, now.version()), sendForTriage, false);
        } catch (ErsException e) {
            journal.close(entry);
            throw e;
        }
    }

    /**
     * A034 unless e-RS already shows the appointment cancelled (read first, A038); returns the appointment
     * as e-RS has it after. Cancelling always names the appointment's version e-RS has now; a cancellation
     * with no answer is reconciled (A038) after the wait before it is ever sent again.
     */
    public AppointmentView cancelAppointment(ErsCall call, String appointmentId, String reason, String comment) {
        String key = "CANCEL_APPOINTMENT:" + appointmentId;
        JournalEntry previous = journal.latest(call, key).orElse(null);
        if (previous != null && previous.unanswered()) {
            awaitReconcileTime(previous);
        }
        AppointmentView current = ers.retrieveAppointment(call, appointmentId);
        boolean cancelled = APPOINTMENT_CANCELLED.equals(current.status());
        if (previous != null && previous.unanswered()) {
            if (cancelled) {
                journal.answered(previous, current.ubrn(), current.version(), current.id());
            } else {
                journal.close(previous);
            }
        }
        if (cancelled || previous != null && previous.answered()) {
            return current;
        }
        return sendAppointmentCancellation(call, key, current, reason, comment, true);
    }

    private AppointmentView sendAppointmentCancellation(ErsCall call, String key, AppointmentView current, String reason,
                                                        String comment, boolean mayReread) {
        JournalEntry entry = journal.sending(call, ErsOperation.A034.name(), key, current.version());
        try {
            AppointmentView cancelled = ers.cancelAppointment(call, new AppointmentCancellation(current, reason, comment));
            journal.answered(entry, cancelled.ubrn(), cancelled.version(), cancelled.id());
            return cancelled;
        } catch (ErsException.OutcomeUnknown e) {
            throw reconcileLater(e);
        } catch (ErsException.Conflict stale) {
            journal.close(entry);
            AppointmentView now = ers.retrieveAppointment(call, current.id());
            if (APPOINTMENT_CANCELLED.equals(now.status())) {
                return now;
            }
            if (!mayReread) {
                throw changedTwice(stale);
            }
            return sendAppointmentCancellation(call, key, now, reason, comment, false);
        } catch (ErsException e) {
            journal.close(entry);
            throw e;
        }
    }

    private static boolean showsShortlist(ReferralState state, ShortlistChange change, boolean sendForTriage) {
        return state.shortlist().equals(change.shortlist())
                && (!sendForTriage || AWAITING_TRIAGE.equals(state.status()));
    }

    private static ShortlistChange withVersion(ShortlistChange c, String version) {
        return new ShortlistChange(c.ubrn(), version, c.searchCriteria(), c.shortlist(), c.letterToFollow(),
                c.firstReminderLetterFollowUpDays(), c.commissioningProvisioning());
    }

    /** The referral as e-RS has it now, once the wait after an unanswered request is over; until then the job comes back later. */
    private ReferralState reconcile(ErsCall call, JournalEntry unanswered, String ubrn) {
        awaitReconcileTime(unanswered);
        return ers.retrieveReferral(call, ubrn);
    }

    /** Returns once {@code ers.reconcile-after} has passed since the unanswered request was sent; before, the job comes back then. */
    private void awaitReconcileTime(JournalEntry unanswered) {
        Instant due = unanswered.sentAt().plus(reconcileAfter);
        Instant now = clock.instant();
        if (now.isBefore(due)) {
            throw new ErsException.ReconcileLater(unanswered.operation(), unanswered.operation()
                    + " got no answer; e-RS is checked after " + reconcileAfter.toSeconds() + "s before anything is sent again",
                    Math.max(1, Duration.between(now, due).toSeconds()), null);
        }
    }

    private ErsException.ReconcileLater reconcileLater(ErsException.OutcomeUnknown noAnswer) {
        String read = ErsOperation.A034.name().equals(noAnswer.operationId()) ? "A038" : "A005";
        return new ErsException.ReconcileLater(noAnswer.operationId(), noAnswer.getMessage()
                + "; e-RS is read (" + read + ") after " + reconcileAfter.toSeconds() + "s before anything is sent again",
                Math.max(1, reconcileAfter.toSeconds()), noAnswer);
    }

    /** A second version conflict right after re-reading: someone else is changing the referral; a coordinator decides. */
    private static ErsException changedTwice(ErsException.Conflict conflict) {
        return new ErsException.Rejected(conflict.operationId(), conflict.status(), conflict.getMessage());
    }

    private static boolean shows(ReferralState state, Set<String> appliedStates, String serviceId) {
        return appliedStates.contains(state.status())
                && (state.appointmentServiceId() == null || state.appointmentServiceId().equals(serviceId));
    }

    private static String appliedState(AppointmentRequest.Kind kind) {
        return switch (kind) {
            case BOOK -> BOOKED;
            case TRIAGE -> AWAITING_TRIAGE;
            default -> DEFERRED_TO_PROVIDER;
        };
    }

    private static AppointmentRequest withVersion(AppointmentRequest r, String version) {
        return new AppointmentRequest(r.kind(), r.ubrn(), version, r.serviceId(), r.nhsNumber(), r.slotId(), r.start(),
                r.end(), r.comment(), r.clinician());
    }

    private static String digest(String text) {
        return digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A short fingerprint of what was sent, so a different request under the same step is a request of its own. */
    private static String digest(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
