package org.ersreferral.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Samples of the Prometheus text a node's {@code /actuator/prometheus} answers, summed over nodes and
 * compared before and after a run: counters as differences, histograms as the difference of their
 * buckets, from which percentiles are read as Prometheus's {@code histogram_quantile} reads them.
 */
final class Scrape {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private Scrape(List<Sample> samples) {
        this.samples = samples;
    }

    /** The samples of one or more nodes' answers, as one. */
    static Scrape of(List<String> texts) {
        List<Sample> samples = new ArrayList<>();
        for (String text : texts) {
            text.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> samples.add(parse(line)));
        }
        return new Scrape(samples);
    }

    private static Sample parse(String line) {
        int space = line.lastIndexOf(' ');
        String series = line.substring(0, space);
        double value = Double.parseDouble(line.substring(space + 1));
        int brace = series.indexOf('{');
        if (brace < 0) {
            return new Sample(series, Map.of(), value);
        }
        Map<String, String> labels = new TreeMap<>();
        // Label values here are operation ids, statuses, types and bucket bounds: no commas or quotes inside.
        for (String pair : series.substring(brace + 1, series.length() - 1).split(",")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                labels.put(pair.substring(0, equals), pair.substring(equals + 2, pair.length() - 1));
            }
        }
        return new Sample(series.substring(0, brace), labels, value);
    }

    /** The sum of the samples of {@code name} whose labels pass {@code labels}. */
    double sum(String name, Predicate<Map<String, String>> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && labels.test(s.labels())).mapToDouble(Sample::value).sum();
    }

    double sum(String name) {
        return sum(name, labels -> true);
    }

    /** Cumulative bucket counts by upper bound (seconds), summed over nodes and other labels. */
    TreeMap<Double, Double> buckets(String histogram) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (Sample sample : samples) {
            if (sample.name().equals(histogram + "_bucket")) {
                String le = sample.labels().get("le");
                double bound = "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                buckets.merge(bound, sample.value(), Double::sum);
            }
        }
        return buckets;
    }

    /**
     * The {@code q} quantile (0..1) of what a histogram recorded between {@code before} and {@code after},
     * in the histogram's unit, by linear interpolation inside the bucket it falls in; NaN when nothing was recorded.
     */
    static double quantile(double q, TreeMap<Double, Double> before, TreeMap<Double, Double> after) {
        TreeMap<Double, Double> delta = new TreeMap<>();
        after.forEach((bound, count) -> delta.put(bound, count - before.getOrDefault(bound, 0.0)));
        Double total = delta.get(Double.POSITIVE_INFINITY);
        if (total == null || total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : delta.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket <= 0 ? bucket.getKey()
                        : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }
}
