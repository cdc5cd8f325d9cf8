package org.ersreferral.config;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One FhirContext for the whole application: it is thread-safe and costly to build. */
@Configuration(proxyBeanMethods = false)
public class FhirConfig {

    @Bean
    public FhirContext fhirContext() {
        return FhirContext.forDstu3();
    }
}
