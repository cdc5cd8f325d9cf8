package org.ersreferral.simulator;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A020: upload one file (raw bytes) into the document store. */
@RestController
@ErsFhirApi
@ConditionalOnSimulator
@RequestMapping(FhirIo.FHIR_PATH + "/STU3/Binary")
class BinaryController {

    static final int MAX_BYTES = 5 * 1024 * 1024;
    /** The MIME types the A020 specification lists. */
    static final Set<String> TYPES = Set.of("text/plain", "application/pdf", "text/xml", "text/rtf", "audio/basic",
            "audio/mpeg", "image/png", "image/gif", "image/jpeg", "image/tiff", "video/mpeg", "application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/dicom");

    private final SimBinaryRepository binaries;
    private final ReferralDesk desk;

    BinaryController(SimBinaryRepository binaries, ReferralDesk desk) {
        this.binaries = binaries;
        this.desk = desk;
    }

    @ErsOperation(value = "A020", roles = {"REFERRING_CLINICIAN", "REFERRING_CLINICIAN_ADMIN", "SERVICE_PROVIDER_CLINICIAN",
            "SERVICE_PROVIDER_CLINICIAN_ADMIN"})
    @PostMapping
    ResponseEntity<Void> upload(@RequestBody(required = false) byte[] content,
                                @RequestHeader(name = "Content-Type", required = false) String contentType,
                                @RequestHeader(name = "NHSD-eRS-File-Name", required = false) String fileName,
                                @RequestHeader(name = "NHSD-eRS-Referral-ID", required = false) String referralId,
                                HttpServletRequest request) {
        String type = contentType == null ? null : contentType.split(";")[0].trim().toLowerCase();
        if (type == null || !TYPES.contains(type)) {
            throw new ErsError(415, "not-supported", "UNSUPPORTED_MEDIA_TYPE", "Content-Type '" + contentType
                    + "' is not a file type e-RS accepts; allowed: " + String.join(", ", new TreeSet<>(TYPES)) + ".");
        }
        if (fileName == null || fileName.isBlank()) {
            throw ErsError.unprocessable("MISSING_VALUE", "Header 'NHSD-eRS-File-Name' (the file's name) is required.");
        }
        if (content == null || content.length == 0) {
            throw ErsError.unprocessable("FILE_SIZE_ERROR", "The file '" + fileName + "' is empty.");
        }
        if (content.length > MAX_BYTES) {
            throw ErsError.unprocessable("FILE_SIZE_ERROR", "The file '" + fileName + "' has " + content.length
                    + " bytes; at most 5 MB (" + MAX_BYTES + " bytes) are allowed.");
        }
        if (referralId != null && !referralId.isBlank()) {
            desk.findNamed(referralId.trim(), "named in header 'NHSD-eRS-Referral-ID'", ErsGatekeeper.actingOds(request));
        }
        String id = UUID.randomUUID().toString();
        binaries.save(new SimBinary(id, fileName.trim(), type, referralId == null ? null : referralId.trim(), content));
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", "Binary/" + id).build();
    }
}
