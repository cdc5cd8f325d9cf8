package org.ersreferral.ers;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One INFO line per e-RS call, and no NHS number or body anywhere in the log. */
class ErsCallLoggingTest extends ErsClientTestSupport {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void capture() {
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void release() {
        root.detachAppender(appender);
    }

    @Test
    void eachCallIsLoggedWithoutPatientData() {
        server.onFhir("POST", "/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient", 200,
                example("stu3/patientServiceSearch/responses/FetchServiceListWithSingleService.json"));
        server.onFhir("GET", "/STU3/Slot", 200, example("stu3/retrieveAppointmentSlots/responses/Minimum.json"));

        client.searchServices(CALL, new ServiceSearch("9912003888", "URGENT", null, null, null, "021600556514", null));
        client.retrieveSlots(CALL, new SlotQuery("12000", "ROUTINE", 20, 1));

        List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        List<String> callLines = lines.stream().filter(l -> l.startsWith("e-RS ")).toList();
        assertThat(callLines).hasSize(2);
        assertThat(callLines.get(0)).matches("e-RS A010 POST " + ErsTestServer.CONTEXT
                + "/STU3/HealthcareService/\\$ers.searchHealthcareServicesForPatient -> 200 in \\d+ ms "
                + "\\[pid-42:Task_CreateReferral:[0-9a-f]{8}]");
        assertThat(callLines.get(1)).startsWith("e-RS A015 GET " + ErsTestServer.CONTEXT + "/STU3/Slot -> 200 in ");
        assertThat(lines).noneMatch(l -> l.contains("9912003888") || l.contains("schedule.actor")
                || l.contains("resourceType") || l.contains(TOKEN));
    }

    @Test
    void followUpCallsAreLoggedByOperationWithoutThePatientOrTheReferralQuery() {
        serveCodeSystem("APPOINTMENT-CANCELLATION-REASON", "AppointmentCancellationReasonCodeSystem.json");
        server.onFhir("GET", "/STU3/Appointment/70000", 200, example("stu3/retrieveAppointment/responses/BookedDBS.json"));
        server.onFhir("PUT", "/STU3/Appointment/70000", 200,
                example("stu3/updateAppointment/responses/MinimalCancellationReasonOnlyCommentNotMandatory.json"));
        server.onFhir("GET", "/STU3/Task", 200, example("stu3/availableActionsForUserList/WithCancelDBAppointment.json"));
        server.onFhir("POST", "/STU3/ReferralRequest/$ers.fetchworklist", 200,
                example("stu3/retrieveWorklist/responses/AwaitingBooking.json"));

        client.fetchWorklist(CALL, WorklistType.AWAITING_BOOKING);
        client.availableActions(CALL, "000000070006", "6");
        AppointmentView booked = client.retrieveAppointment(CALL, "70000");
        client.cancelAppointment(CALL, new AppointmentCancellation(booked, "PATIENT_ILL", null));

        List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines.stream().filter(l -> l.startsWith("e-RS ")).map(l -> l.substring(0, l.indexOf(" ->"))))
                .containsExactly("e-RS A008 POST " + ErsTestServer.CONTEXT + "/STU3/ReferralRequest/$ers.fetchworklist",
                        "e-RS A029 GET " + ErsTestServer.CONTEXT + "/STU3/Task",
                        "e-RS A038 GET " + ErsTestServer.CONTEXT + "/STU3/Appointment/70000",
                        "e-RS A004 GET " + ErsTestServer.CONTEXT + "/STU3/CodeSystem/APPOINTMENT-CANCELLATION-REASON",
                        "e-RS A034 PUT " + ErsTestServer.CONTEXT + "/STU3/Appointment/70000");
        // the worklist's and the appointment's patients, and the referral the actions were asked about
        assertThat(lines).noneMatch(l -> l.contains("9462979626") || l.contains("1000000001") || l.contains("focus=")
                || l.contains("resourceType") || l.contains(TOKEN));
    }
}
