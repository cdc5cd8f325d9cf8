package org.ersreferral.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Counters and histograms of two nodes' Prometheus answers, before and after a run. */
class ScrapeTest {

    private static final String NODE_BEFORE = """
            # HELP referral_sql_statements_total SQL statements executed on the engine's database pool
            # TYPE referral_sql_statements_total counter
            referral_sql_statements_total{application="ers-referral",kind="batched"} 10.0
            referral_sql_statements_total{application="ers-referral",kind="single"} 100.0
            referral_job_acquisition_delay_seconds_bucket{application="ers-referral",type="async-continuation",le="0.01"} 0
            referral_job_acquisition_delay_seconds_bucket{application="ers-referral",type="async-continuation",le="0.1"} 0
            referral_job_acquisition_delay_seconds_bucket{application="ers-referral",type="async-continuation",le="1.0"} 0
            referral_job_acquisition_delay_seconds_bucket{application="ers-referral",type="async-continuation",le="+Inf"} 0
            """;

    private static String nodeAfter(int inFirstBucket, int inSecond, int inThird) {
        return """
                referral_sql_statements_total{application="ers-referral",kind="batched"} 30.0
                referral_sql_statements_total{application="ers-referral",kind="single"} 160.0
                referral_job_acquisition_delay_seconds_bucket{application="ers-referral",type="async-continuation",le="0.01"} %d
                referral_job_acquisition_delay_seconds_bucket{application="ers-referral",type="async-continuation",le="0.1"} %d
                referral_job_acquisition_delay_seconds_bucket{application="ers-referral",type="async-continuation",le="1.0"} %d
                referral_job_acquisition_delay_seconds_bucket{application="ers-referral",type="async-continuation",le="+Inf"} %d
                """.formatted(inFirstBucket, inFirstBucket + inSecond, inFirstBucket + inSecond + inThird,
                inFirstBucket + inSecond + inThird);
    }

    @Test
    void countersAreSummedOverNodesAndLabels() {
        Scrape before = Scrape.of(List.of(NODE_BEFORE, NODE_BEFORE));
        Scrape after = Scrape.of(List.of(nodeAfter(50, 40, 10), nodeAfter(50, 40, 10)));
        assertThat(after.sum("referral_sql_statements_total") - before.sum("referral_sql_statements_total")).isEqualTo(160);
        assertThat(after.sum("referral_sql_statements_total", labels -> "single".equals(labels.get("kind")))).isEqualTo(320);
    }

    @Test
    void quantilesComeFromTheBucketsFilledDuringTheRunInterpolatedInsideABucket() {
        Scrape before = Scrape.of(List.of(NODE_BEFORE, NODE_BEFORE));
        // 200 jobs: 100 under 10 ms, 80 from 10 to 100 ms, 20 from 100 ms to 1 s.
        Scrape after = Scrape.of(List.of(nodeAfter(50, 40, 10), nodeAfter(50, 40, 10)));
        String delay = "referral_job_acquisition_delay_seconds";
        assertThat(Scrape.quantile(0.5, before.buckets(delay), after.buckets(delay))).isCloseTo(0.01, within(1e-9));
        // rank 180 is the last of the second bucket; rank 198 is 18/20 into the third.
        assertThat(Scrape.quantile(0.9, before.buckets(delay), after.buckets(delay))).isCloseTo(0.1, within(1e-9));
        assertThat(Scrape.quantile(0.99, before.buckets(delay), after.buckets(delay))).isCloseTo(0.1 + 0.9 * 18 / 20, within(1e-9));
        assertThat(Scrape.quantile(0.5, after.buckets(delay), after.buckets(delay))).as("nothing recorded").isNaN();
    }
}
