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
}
