package org.ersreferral.conformance;

/**
 * One conformance scenario: the client call(s) that reproduce one official e-RS example, and the
 * check that the domain result is sensible.
 *
 * @param operation   e-RS operation id, e.g. {@code A011}
 * @param example     the official example it reproduces, below {@code examples/} of the e-RS API
 *                    material, e.g. {@code stu3/createReferral/requests/MinimalRequest.json}
 * @param sandboxNote why this scenario cannot match the NHS sandbox exactly, or null
 */
record Scenario(String operation, String example, String sandboxNote, Step step) {

    /** The scenario's work: throws {@link ScenarioFailure} (or the client's exception) when it fails. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    Scenario(String operation, String example, Step step) {
        this(operation, example, null, step);
    }

    /** {@code createReferral/MinimalRequest}: the example's operation folder and file name. */
    String name() {
        String[] parts = example.split("/");
        String file = parts[parts.length - 1];
        int dot = file.lastIndexOf('.');
        return parts[1] + "/" + (dot > 0 ? file.substring(0, dot) : file);
    }

    String label() {
        return operation + " " + name();
    }

    /** The client call succeeded, but its result is not what the example leads one to expect. */
    static final class ScenarioFailure extends RuntimeException {
        ScenarioFailure(String message) {
            super(message);
        }
    }
}
