package org.ersreferral.process;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A specialty or clinic type to choose in "Describe the need"; a clinic type names its specialty. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CodeOption(String label, String value, String specialty) {
}
