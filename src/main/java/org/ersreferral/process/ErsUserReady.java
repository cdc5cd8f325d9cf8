package org.ersreferral.process;

import java.util.List;

/**
 * Published when a person has a usable e-RS token and role (they signed in through NHS CIS2): their
 * Camunda user id, groups and organisations (tenant ids). The referrals waiting for them to sign in
 * again then carry on ({@link SignInAgainTasks}).
 */
public record ErsUserReady(String userId, List<String> groups, List<String> tenantIds) {
}
