package org.ersreferral.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The edge filters' rules as plain logic: which paths are plain, what non-administrators may call, which limit applies. */
class EdgeRulesTest {

    @Test
    void onlyPlainPathsAreCanonical() {
        for (String plain : List.of("/", "/camunda/app/tasklist/default/", "/engine-rest/task/1/complete", "/api/referrals/r-1",
                "/camunda/api/engine/engine/default/process-definition/ers-referral%3A1%3Aabc", "/analytics")) {
            assertThat(CanonicalPathFilter.isCanonical(plain)).as(plain).isTrue();
        }
        for (String trick : List.of("", "camunda", "/a;b", "/a//b", "//a", "/a/./b", "/a/../b", "/a/.", "/a/..", "/.", "/a\\b",
                "/%69", "/a%2Fb", "/a%2fb", "/a%5Cb", "/a%25b", "/a%253Ab", "/a%%3A", "/%2e", "/%2E%2e/x", "/a b", "/a\tb",
                "/Camunda/app/", "/CAMUNDA", "/camunda/API/engine/", "/Engine-Rest/task", "/API/referrals", "/Analytics/",
                "/ERS-SIM/admin/reset", "/a/é")) {
            assertThat(CanonicalPathFilter.isCanonical(trick)).as(trick).isFalse();
        }
    }

    @Test
    void nonAdministratorsUseOnlyWhatStartingAndWorkingReferralsNeed() {
        for (String[] allowed : new String[][] {
                {"GET", "/engine-rest/process-definition/key/ers-referral"},
                {"GET", "/engine-rest/process-definition/key/ers-referral/startForm"},
                {"GET", "/engine-rest/process-definition/key/ers-referral/form-variables"},
                {"POST", "/engine-rest/process-definition/key/ers-referral/start"},
                {"POST", "/engine-rest/process-definition/key/ers-referral/submit-form"},
                {"POST", "/engine-rest/process-definition/key/ers-referral/tenant-id/R69/start"},
                {"POST", "/engine-rest/process-definition/ers-referral:3:abc/submit-form"},
                {"POST", "/engine-rest/engine/default/process-definition/key/ers-referral/start"},
                {"GET", "/engine-rest/task"}, {"POST", "/engine-rest/task"}, {"GET", "/engine-rest/task/count"},
                {"GET", "/engine-rest/task/t1"}, {"GET", "/engine-rest/task/t1/form-variables"},
                {"GET", "/engine-rest/task/t1/variables"}, {"GET", "/engine-rest/task/t1/variables/patientLetter/data"},
                {"GET", "/engine-rest/task/t1/deployed-form"}, {"GET", "/engine-rest/task/t1/form"},
                {"POST", "/engine-rest/task/t1/claim"}, {"POST", "/engine-rest/task/t1/unclaim"},
                {"POST", "/engine-rest/task/t1/complete"}, {"POST", "/engine-rest/task/t1/submit-form"},
                {"GET", "/engine-rest/filter"}, {"POST", "/engine-rest/filter/f1/count"}, {"POST", "/engine-rest/filter/f1/list"}}) {
            assertThat(EngineRestAccessFilter.allowed(allowed[0], allowed[1])).as(allowed[0] + " " + allowed[1]).isTrue();
        }
        for (String[] refused : new String[][] {
                {"GET", "/engine-rest/user"}, {"GET", "/engine-rest/group"}, {"GET", "/engine-rest/engine"},
                {"GET", "/engine-rest/engine/default/user"}, {"POST", "/engine-rest/authorization/create"},
                {"POST", "/engine-rest/deployment/create"}, {"GET", "/engine-rest/process-definition"},
                {"POST", "/engine-rest/process-definition/key/other/start"},
                {"POST", "/engine-rest/process-definition/other:1:x/start"},
                {"POST", "/engine-rest/process-definition/key/ers-referral/delete"},
                {"DELETE", "/engine-rest/process-definition/key/ers-referral"},
                {"PUT", "/engine-rest/process-instance/p1/variables/ubrn"}, {"POST", "/engine-rest/process-instance/p1/variables"},
                {"GET", "/engine-rest/process-instance/p1/variables"}, {"GET", "/engine-rest/history/variable-instance"},
                {"PUT", "/engine-rest/task/t1/variables/ubrn"}, {"POST", "/engine-rest/task/t1/variables"},
                {"POST", "/engine-rest/task/t1/variables/letter/data"}, {"POST", "/engine-rest/task/t1/assignee"},
                {"PUT", "/engine-rest/task/t1"}, {"DELETE", "/engine-rest/task/t1"}, {"POST", "/engine-rest/task/t1/delegate"},
                {"POST", "/engine-rest/filter/create"}, {"PUT", "/engine-rest/filter/f1"}, {"POST", "/engine-rest/job/j1/execute"},
                {"POST", "/engine-rest/message"}, {"POST", "/engine-rest/signal"}, {"GET", "/engine-rest/task/"},
                {"POST", "/engine-rest/execution/e1/localVariables"}, {"GET", "/engine-rest"}}) {
            assertThat(EngineRestAccessFilter.allowed(refused[0], refused[1])).as(refused[0] + " " + refused[1]).isFalse();
        }
    }

    @Test
    void taskCompletionsGetTheUploadLimitAndEverythingElseTheSmallOne() {
        RequestSizeFilter filter = new RequestSizeFilter(DataSize.ofMegabytes(1), DataSize.ofMegabytes(32));
        long small = DataSize.ofMegabytes(1).toBytes();
        long upload = DataSize.ofMegabytes(32).toBytes();
        assertThat(filter.limitFor("/engine-rest/task/t1/complete")).isEqualTo(upload);
        assertThat(filter.limitFor("/engine-rest/task/t1/submit-form")).isEqualTo(upload);
        assertThat(filter.limitFor("/engine-rest/engine/default/task/t1/complete")).isEqualTo(upload);
        assertThat(filter.limitFor("/camunda/api/engine/engine/default/task/t1/submit-form")).isEqualTo(upload);
        assertThat(filter.limitFor("/ers-sim/FHIR/STU3/Binary")).isEqualTo(upload);
        assertThat(filter.limitFor("/api/referrals")).isEqualTo(small);
        assertThat(filter.limitFor("/engine-rest/deployment/create")).isEqualTo(small);
        assertThat(filter.limitFor("/engine-rest/task/t1/variables/letter/data")).isEqualTo(small);
        assertThat(filter.limitFor("/engine-rest/process-definition/key/ers-referral/start")).isEqualTo(small);
        assertThat(RequestSizeFilter.describe(small)).isEqualTo("1 MB (1048576 bytes)");
    }

    @Test
    void originsCompareByTheirParts() {
        assertThat(CrossSiteRequestFilter.normalise("HTTP://LocalHost")).isEqualTo("http://localhost:80");
        assertThat(CrossSiteRequestFilter.normalise("https://portal.example.test")).isEqualTo("https://portal.example.test:443");
        assertThat(CrossSiteRequestFilter.normalise("https://portal.example.test:443")).isEqualTo("https://portal.example.test:443");
        assertThat(CrossSiteRequestFilter.normalise("https://portal.example.test/path")).startsWith("invalid:");
        assertThat(CrossSiteRequestFilter.normalise("null")).startsWith("invalid:");
        assertThat(CrossSiteRequestFilter.normalise("https://user@portal.example.test")).startsWith("invalid:");
    }
}
