package org.ersreferral.history;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/** The analyst reports on H2, the database the application runs on out of the box. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:analytics;DB_CLOSE_DELAY=-1")
class AnalyticsReportsH2Test extends AnalyticsReportsTest {
}
