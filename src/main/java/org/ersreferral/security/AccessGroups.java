package org.ersreferral.security;

import org.ersreferral.process.ReferralProcess;

/** The groups the application's access rules are written for. */
public final class AccessGroups {

    public static final String COORDINATORS = ReferralProcess.CANDIDATE_GROUP;
    public static final String ANALYSTS = "referral-analysts";
    /** Camunda's own administrators' group: full access to the engine and the webapps. */
    public static final String ADMINS = "camunda-admin";

    private AccessGroups() {
    }
}
