package org.ersreferral.process;

import java.util.List;

public record ErsUserReady(String userId, List<String> groups, List<String> tenantIds) {
}
