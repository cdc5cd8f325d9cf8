package org.ersreferral.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.springframework.stereotype.Component;

/** A019: a real one-page PDF that tells the patient what happened to their referral. */
@Component
@ConditionalOnSimulator
class PatientLetterWriter {

    record Letter(String fileName, byte[] pdf) {
    }

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm", Locale.UK).withZone(ZoneId.of("Europe/London"));
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneId.of("UTC"));

    private final SimServiceRepository services;

    PatientLetterWriter(SimServiceRepository services) {
        this.services = services;
    }

    Letter write(SimReferral referral) {
        List<String> lines = new ArrayList<>();
        String kind;
        String service = referral.appointmentServiceId() == null ? null : serviceName(referral.appointmentServiceId());
        switch (referral.status()) {
            case SimReferral.BOOKED -> {
                kind = "Appointment_Confirmation_Summary";
                lines.add("Your appointment has been booked for " + WHEN.format(referral.appointmentStart()) + ".");
                lines.add("Where: " + service + ".");
                lines.add("Please arrive 10 minutes early and bring this letter with you.");
            }
            case SimReferral.DEFERRED_TO_PROVIDER -> {
                kind = "Deferral_Letter";
                lines.add("Your referral has been sent to " + service + ".");
                lines.add("They will contact you to arrange your appointment.");
            }
            case SimReferral.AWAITING_TRIAGE -> {
                kind = "Triage_Letter";
                lines.add("Your referral has been sent to " + service + " for review.");
                lines.add("A clinician will review it and you will be contacted about the next steps.");
            }
            case SimReferral.CANCELLED -> throw ErsError.unprocessable("INVALID_REQUEST_STATE",
                    "Referral " + referral.ubrn() + " is cancelled; there is no patient letter for it.");
            default -> {
                kind = "Shortlist_Letter";
                lines.add("You have been referred. Please book your appointment at one of these services:");
                for (String id : referral.shortlist()) {
                    lines.add("  - " + serviceName(id));
                }
                lines.add("Book online at www.nhs.uk/nhs-app or call the NHS e-Referral Service on 0345 608 8888.");
            }
        }
        List<String> page = new ArrayList<>();
        page.add("NHS e-Referral Service");
        page.add("");
        page.add("Booking reference number (UBRN): " + referral.ubrn());
        page.add("NHS number: " + referral.nhsNumber());
        page.add("Priority: " + SeedData.PRIORITIES.getOrDefault(referral.priority(), referral.priority()));
        page.add("");
        page.addAll(lines);
        String fileName = referral.ubrn() + "_" + kind + "_" + STAMP.format(Instant.now()) + ".pdf";
        return new Letter(fileName, render(page));
    }

    private String serviceName(String id) {
        return services.findById(id).map(SimService::name).orElse("service " + id);
    }

    /** PDFBox does not wrap text; long lines are broken at spaces so they stay on the page. */
    static List<String> wrap(String line, int width) {
        List<String> parts = new ArrayList<>();
        String rest = line;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= 0) {
                cut = width;
            }
            parts.add(rest.substring(0, cut));
            rest = "    " + rest.substring(cut).trim();
        }
        parts.add(rest);
        return parts;
    }

    private static byte[] render(List<String> lines) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                text.beginText();
                text.newLineAtOffset(60, 770);
                text.setLeading(18);
                for (int i = 0; i < lines.size(); i++) {
                    text.setFont(i == 0 ? bold : regular, i == 0 ? 16 : 11);
                    for (String part : wrap(lines.get(i), 85)) {
                        text.showText(part);
                        text.newLine();
                    }
                }
                text.endText();
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
