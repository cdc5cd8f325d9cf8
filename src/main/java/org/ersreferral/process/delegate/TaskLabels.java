package org.ersreferral.process.delegate;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.ersreferral.ers.CodeSystemView;
import org.ersreferral.ers.ErsDomain;
import org.ersreferral.ers.ServiceOption;
import org.ersreferral.ers.Slot;
import org.ersreferral.process.BookableService;
import org.ersreferral.process.CodeOption;
import org.ersreferral.process.FoundService;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.SlotOption;

/**
 * What people read of e-RS's answers: the Json option lists the forms bind to ({@code value},
 * {@code label}), the patient letter's file name, the words a cancellation gives e-RS.
 */
final class TaskLabels {

    /** Coordinators and patients read appointment times in UK time, whatever offset e-RS sends. */
    private static final DateTimeFormatter SLOT_TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.UK)
            .withZone(ZoneId.of("Europe/London"));

    /**
     * e-RS refuses the default reason (REFERRER_CANCELLATION) without a comment, so a cancellation
     * nobody commented on says why it happened.
     */
    static final String COMMENT_ON_REQUEST = "Cancelled at the referrer's request";
    static final String COMMENT_AFTER_REJECTION = "Cancelled by the referral coordinator after e-RS refused a step of the referral";

    private TaskLabels() {
    }

    /** A service found, with the bookable type and triage flag the rules need. */
    static FoundService service(ServiceOption service) {
        return new FoundService(service.id(), serviceLabel(service), service.name(), service.bookableType(), service.triage(),
                service.indicativeWaitDays(), service.distanceMiles(), service.location());
    }

    /** The services a slot can be booked at here: directly bookable, no triage. */
    static List<BookableService> bookableServices(List<ServiceOption> found) {
        return found.stream()
                .filter(s -> !s.triage() && ErsDomain.DIRECTLY_BOOKABLE.equals(s.bookableType()))
                .map(s -> new BookableService(s.id(), s.name())).toList();
    }

    /**
     * Everything a coordinator weighs, short enough for one line of Tasklist's checklist: how it is
     * booked, triage or not, indicative wait, distance from the patient's postcode.
     */
    static String serviceLabel(ServiceOption service) {
        StringBuilder label = new StringBuilder(service.name()).append(" · ");
        if (service.triage()) {
            label.append("triage (RAS)");
        } else {
            label.append(ErsDomain.DIRECTLY_BOOKABLE.equals(service.bookableType()) ? "directly bookable" : "indirectly bookable")
                    .append(" · no triage");
        }
        label.append(service.indicativeWaitDays() != null ? " · ~" + service.indicativeWaitDays() + " days' wait" : " · wait unknown");
        label.append(service.distanceMiles() != null ? String.format(Locale.UK, " · %.1f miles", service.distanceMiles())
                : " · distance unknown");
        return label.toString();
    }

    static SlotOption slot(Slot slot) {
        return slot(slot, null);
    }

    /** The free slots at the service being booked ({@code serviceId}, one of the referral's {@code found} services). */
    static List<SlotOption> slots(List<Slot> slots, String serviceId, List<FoundService> found) {
        FoundService bookedAt = found.stream().filter(service -> service.value().equals(serviceId)).findFirst().orElse(null);
        return slots.stream().map(slot -> slot(slot, bookedAt)).toList();
    }

    /**
     * A slot at the service being booked, read in one line: date and time (UK), clinic (the service),
     * location, clinician, e.g. "Tue 1 Dec 2026, 09:30 · Knee Clinic, Cicero Clinic · Dr Ada Forthright".
     */
    static SlotOption slot(Slot slot, FoundService bookedAt) {
        StringBuilder label = new StringBuilder(SLOT_TIME.format(slot.start()));
        String clinic = bookedAt != null ? bookedAt.name() : wordsOrNull(slot.scheduleName());
        String location = bookedAt == null ? null : bookedAt.location();
        if (clinic != null) {
            label.append(" · ").append(clinic);
        }
        if (location != null && !location.equals(clinic)) {
            label.append(", ").append(location);
        }
        if (slot.clinicianName() != null) {
            label.append(" · ").append(slot.clinicianName());
        } else if (slot.clinician() != null) {
            label.append(" · named clinician (SDS user ID ").append(slot.clinician()).append(")");
        } else {
            label.append(" · no named clinician");
        }
        return new SlotOption(slot.id(), label.toString(), slot.start(), slot.end(), clinic, slot.clinician(), location,
                slot.clinicianName());
    }

    /** Some systems name a schedule only by its id, which says nothing to a coordinator. */
    private static String wordsOrNull(String name) {
        return name != null && name.chars().anyMatch(Character::isLetter) ? name : null;
    }

    /** Specialties by display name. */
    static List<CodeOption> specialtyOptions(CodeSystemView specialties) {
        return specialties.concepts().stream()
                .sorted(Comparator.comparing(CodeSystemView.Concept::display, String.CASE_INSENSITIVE_ORDER))
                .map(c -> new CodeOption(c.display(), c.code(), null))
                .toList();
    }

    /**
     * Clinic types labelled "Specialty: clinic type" and sorted so, since a clinic type belongs to one
     * specialty; those of a specialty no longer in use are left out.
     */
    static List<CodeOption> clinicTypeOptions(CodeSystemView clinicTypes, CodeSystemView specialties) {
        return clinicTypes.concepts().stream()
                .filter(c -> c.specialty() == null || specialties.contains(c.specialty()))
                .map(c -> new CodeOption(c.specialty() == null ? c.display() : specialties.display(c.specialty()) + ": " + c.display(),
                        c.code(), c.specialty()))
                .sorted(Comparator.comparing(CodeOption::label, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /**
     * The patient letter's file name: which letter and for which referral (the UBRN), never whose,
     * e.g. {@code patient-letter-appointment-booked-000000070001.pdf}.
     */
    static String patientLetterFileName(Outcome outcome, String ubrn) {
        String kind = outcome == null ? null : outcome.letterKind().orElse(null);
        String reference = ubrn == null ? "" : ubrn.replaceAll("[^A-Za-z0-9]", "");
        return "patient-letter" + (kind == null ? "" : "-" + kind) + (reference.isEmpty() ? "" : "-" + reference) + ".pdf";
    }

    static String cancellationReason(ReferralVariables variables) {
        String reason = variables.get(ReferralVariables.CANCELLATION_REASON);
        return reason == null ? ReferralVariables.DEFAULT_CANCELLATION_REASON : reason;
    }

    static String cancellationComment(ReferralVariables variables, String step) {
        String comment = variables.get(ReferralVariables.CANCELLATION_COMMENT);
        if (comment != null) {
            return comment;
        }
        return ReferralProcess.TASK_CANCEL_REJECTED_REFERRAL.equals(step) ? COMMENT_AFTER_REJECTION : COMMENT_ON_REQUEST;
    }
}
