package org.ersreferral.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.dstu3.model.BooleanType;
import org.hl7.fhir.dstu3.model.CodeSystem;
import org.hl7.fhir.dstu3.model.Coding;
import org.hl7.fhir.dstu3.model.DateTimeType;
import org.hl7.fhir.dstu3.model.Enumerations;
import org.hl7.fhir.dstu3.model.IntegerType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A004 reference data and A030 the user's roles. */
@RestController
@ErsFhirApi
@ConditionalOnSimulator
@RequestMapping(FhirIo.FHIR_PATH)
class ReferenceDataController {

    private static final String EFFECTIVE_FROM = "2004-06-01T00:00:00.000Z";
    private static final String PROPERTIES = "https://fhir.nhs.uk/STU3/CodeSystem/eRS-Concept-Properties-1#";

    private final FhirIo fhir;
    private final ObjectMapper mapper;

    ReferenceDataController(FhirIo fhir, ObjectMapper mapper) {
        this.fhir = fhir;
        this.mapper = mapper;
    }

    @ErsOperation(value = "A004", applicationRestricted = true, roles = {"REFERRING_CLINICIAN", "REFERRING_CLINICIAN_ADMIN",
            "REFERRING_ADMIN", "SERVICE_PROVIDER_CLINICIAN", "SERVICE_PROVIDER_CLINICIAN_ADMIN", "SERVICE_PROVIDER_ADMIN"})
    @GetMapping("/STU3/CodeSystem/{type}")
    ResponseEntity<String> codeSystem(@PathVariable String type) {
        String base = FhirIo.baseUrl();
        CodeSystem cs = new CodeSystem();
        cs.setId(type);
        cs.setUrl(base + "/STU3/CodeSystem/" + type);
        cs.setVersion("1");
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE);
        cs.setExperimental(false);
        cs.setDate(new Date());
        cs.setPublisher("e-Referral Service");
        cs.setCopyright("Copyright (c) 2016 HL7 UK");
        cs.setCaseSensitive(true);
        cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        property(cs, "effectiveFrom", CodeSystem.PropertyType.DATETIME);
        property(cs, "effectiveTo", CodeSystem.PropertyType.DATETIME);
        switch (type) {
            case "SPECIALTY" -> {
                cs.getMeta().addProfile(FhirIo.ERS_SD + "eRS-Specialty-CodeSystem-1");
                named(cs, "e-RS Specialty");
                SeedData.SPECIALTIES.forEach((code, display) -> concept(cs, code, display));
            }
            case "CLINIC-TYPE" -> {
                shareable(cs, "e-RS Clinic Type");
                property(cs, "specialty", CodeSystem.PropertyType.CODING);
                for (SeedData.Concept c : SeedData.CLINIC_TYPES) {
                    concept(cs, c.code(), c.display()).addProperty().setCode("specialty")
                            .setValue(new Coding(base + "/STU3/CodeSystem/SPECIALTY", c.specialty(), null));
                }
            }
            case "PRIORITY" -> {
                shareable(cs, "e-RS Priority");
                property(cs, "deferToProviderContactDays", CodeSystem.PropertyType.INTEGER);
                property(cs, "triageContactDays", CodeSystem.PropertyType.INTEGER);
                SeedData.PRIORITIES.forEach((code, display) -> {
                    int days = "ROUTINE".equals(code) ? 40 : "URGENT".equals(code) ? 5 : 3;
                    CodeSystem.ConceptDefinitionComponent concept = concept(cs, code, display);
                    concept.addProperty().setCode("deferToProviderContactDays").setValue(new IntegerType(days));
                    concept.addProperty().setCode("triageContactDays").setValue(new IntegerType(days));
                });
            }
            case "REFERRAL-CANCELLATION-REASON" -> {
                shareable(cs, "e-RS Referral Cancellation Reason");
                property(cs, "commentRequired", CodeSystem.PropertyType.BOOLEAN);
                for (Map.Entry<String, String> e : SeedData.CANCELLATION_REASONS.entrySet()) {
                    concept(cs, e.getKey(), e.getValue()).addProperty().setCode("commentRequired")
                            .setValue(new BooleanType(SeedData.COMMENT_REQUIRED.contains(e.getKey())));
                }
            }
            case "APPOINTMENT-CANCELLATION-REASON" -> appointmentCancellationReasons(cs);
            case "APPOINTMENT-NON-ATTENDANCE-REASON" -> {
                shareable(cs, "e-RS Appointment Non Attendance Reason");
                SeedData.NON_ATTENDANCE_REASONS.forEach((code, display) -> concept(cs, code, display));
            }
            default -> throw ErsError.notFound("Code system '" + type + "' is not known to the simulator; it serves "
                    + "SPECIALTY, CLINIC-TYPE, PRIORITY, REFERRAL-CANCELLATION-REASON, APPOINTMENT-CANCELLATION-REASON "
                    + "and APPOINTMENT-NON-ATTENDANCE-REASON.");
        }
        return fhir.respond(HttpStatus.OK, cs);
    }

    /**
     * A030: the roles of the signed-in user (one PractitionerRole per organisation where they have
     * e-RS business functions); called with the application's token or a professional session, a
     * fixed user's. R4 is not on the classpath, so the bundle is written with Jackson.
     */
    @ErsOperation(value = "A030", roleHeaders = false)
    @GetMapping("/R4/PractitionerRole")
    ResponseEntity<String> practitionerRoles(HttpServletRequest request) throws Exception {
        String base = FhirIo.baseUrl();
        String now = Instant.now().toString();
        ObjectNode bundle = mapper.createObjectNode();
        bundle.put("id", UUID.randomUUID().toString());
        bundle.putObject("meta").put("lastUpdated", now);
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "searchset");
        bundle.put("total", 0); // here, where e-RS puts it; counted below
        bundle.put("timestamp", now);
        bundle.putArray("link").addObject().put("relation", "self").put("url", base + "/R4/PractitionerRole");
        ArrayNode entries = bundle.putArray("entry");
        if (request.getAttribute(ErsGatekeeper.ACTING_USER) instanceof SmartcardUsers.User user) {
            Map<String, Set<String>> functionsByOrganisation = new LinkedHashMap<>();
            for (SmartcardUsers.Role role : user.roles()) {
                if (!role.businessFunctions().isEmpty()) {
                    functionsByOrganisation.computeIfAbsent(role.orgCode(), ods -> new LinkedHashSet<>()).addAll(role.businessFunctions());
                }
            }
            functionsByOrganisation.forEach((ods, functions) ->
                    role(entries, base, now, user.userId(), ods, functions.toArray(String[]::new)));
        } else {
            String ods = request.getHeader(ErsGatekeeper.ODS);
            ods = ods == null || ods.isBlank() ? "R69" : ods.trim();
            String user = "000000000101";
            role(entries, base, now, user, ods, "REFERRING_CLINICIAN", "REFERRING_CLINICIAN_ADMIN");
            role(entries, base, now, user, "R68", "SERVICE_PROVIDER_CLINICIAN");
        }
        bundle.put("total", entries.size());
        return ResponseEntity.ok().contentType(FhirIo.FHIR_JSON).body(mapper.writeValueAsString(bundle));
    }

    private static void role(ArrayNode entries, String base, String now, String user, String ods, String... functions) {
        String id = "PractitionerRole-" + ods + "-" + user;
        ObjectNode entry = entries.addObject();
        entry.put("fullUrl", base + "/R4/PractitionerRole/" + id);
        ObjectNode resource = entry.putObject("resource");
        resource.put("id", id);
        resource.putObject("meta").put("lastUpdated", now);
        resource.put("resourceType", "PractitionerRole");
        resource.putObject("practitioner").putObject("identifier")
                .put("system", "https://fhir.nhs.uk/Id/sds-user-id").put("value", user);
        resource.putObject("organization").putObject("identifier")
                .put("system", FhirIo.ODS_CODE).put("value", ods);
        ArrayNode codes = resource.putArray("code");
        for (String function : functions) {
            codes.addObject().putArray("coding").addObject()
                    .put("system", "https://fhir.nhs.uk/CodeSystem/eRS-BusinessFunction-1").put("code", function);
        }
        entry.putObject("search").put("mode", "match");
    }

    /** With the properties a caller filters on: A034 takes only reasons of usage CANCEL for its business function. */
    private static void appointmentCancellationReasons(CodeSystem cs) {
        shareable(cs, "e-RS Appointment Cancellation Reason");
        property(cs, "appointmentBookingCancellationReasonType", CodeSystem.PropertyType.CODING);
        property(cs, "willCancelWholeRequest", CodeSystem.PropertyType.BOOLEAN);
        property(cs, "commentIsMandatory", CodeSystem.PropertyType.BOOLEAN);
        property(cs, "businessFunction", CodeSystem.PropertyType.CODING);
        property(cs, "usage", CodeSystem.PropertyType.CODING);
        for (SeedData.AppointmentCancellationReason reason : SeedData.APPOINTMENT_CANCELLATION_REASONS.values()) {
            CodeSystem.ConceptDefinitionComponent concept = concept(cs, reason.code(), reason.display());
            concept.addProperty().setCode("appointmentBookingCancellationReasonType").setValue(new Coding(
                    FhirIo.ERS_CS + "eRS-AppointmentBookingCancellationReasonType-1", reason.type(), null));
            concept.addProperty().setCode("willCancelWholeRequest").setValue(new BooleanType(false));
            concept.addProperty().setCode("commentIsMandatory").setValue(new BooleanType(reason.commentMandatory()));
            if (reason.usage() != null) {
                List<String> functions = reason.referrerMayCancelWith()
                        ? List.of("REFERRING_CLINICIAN_ADMIN", "REFERRING_CLINICIAN")
                        : List.of("SERVICE_PROVIDER_CLINICIAN_ADMIN", "SERVICE_PROVIDER_CLINICIAN");
                for (String function : functions) {
                    concept.addProperty().setCode("businessFunction").setValue(new Coding(
                            FhirIo.ERS_CS + "eRS-BusinessFunction-1", function, null));
                }
                concept.addProperty().setCode("usage").setValue(new Coding(
                        FhirIo.ERS_CS + "eRS-AppointmentCancellationReasonUsage-1", reason.usage(), null));
            }
        }
    }

    private static void shareable(CodeSystem cs, String name) {
        cs.getMeta().addProfile("http://hl7.org/fhir/StructureDefinition/shareablecodesystem");
        named(cs, name);
    }

    private static void named(CodeSystem cs, String name) {
        cs.setName(name);
        cs.setDescription(name);
    }

    private static void property(CodeSystem cs, String code, CodeSystem.PropertyType type) {
        cs.addProperty().setCode(code).setUri(PROPERTIES + code).setType(type);
    }

    private static CodeSystem.ConceptDefinitionComponent concept(CodeSystem cs, String code, String display) {
        CodeSystem.ConceptDefinitionComponent concept = cs.addConcept().setCode(code).setDisplay(display);
        concept.addProperty().setCode("effectiveFrom").setValue(new DateTimeType(EFFECTIVE_FROM));
        return concept;
    }
}
