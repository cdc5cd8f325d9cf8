package org.ersreferral.security.acting;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The e-RS role one person chose to act in, kept across their sign-ins and shared by all nodes. */
@Entity
@Table(name = "user_ers_role")
class ChosenErsRole {

    @Id
    @Column(name = "user_id", length = 255)
    private String userId;

    @Column(name = "business_function", nullable = false, length = 100)
    private String businessFunction;

    @Column(name = "ods_code", nullable = false, length = 20)
    private String odsCode;

    @Column(name = "organisation_name", length = 255)
    private String organisationName;

    @Column(name = "chosen_at", nullable = false)
    private Instant chosenAt;

    protected ChosenErsRole() {
    }

    ChosenErsRole(String userId) {
        this.userId = userId;
    }

    void set(String businessFunction, String odsCode, String organisationName, Instant chosenAt) {
        this.businessFunction = businessFunction;
        this.odsCode = odsCode;
        this.organisationName = organisationName;
        this.chosenAt = chosenAt;
    }

    String businessFunction() {
        return businessFunction;
    }

    String odsCode() {
        return odsCode;
    }

    String organisationName() {
        return organisationName;
    }
}
