package org.ersreferral;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ErsReferralApplication {

    public static void main(String[] args) {
        SpringApplication.run(ErsReferralApplication.class, args);
    }
}
