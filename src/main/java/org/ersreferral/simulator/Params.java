package org.ersreferral.simulator;

import java.util.List;
import org.hl7.fhir.dstu3.model.Coding;
import org.hl7.fhir.dstu3.model.Identifier;
import org.hl7.fhir.dstu3.model.Parameters;
import org.hl7.fhir.dstu3.model.Resource;
import org.hl7.fhir.dstu3.model.Type;

/** Reading e-RS Parameters: codes are matched by code only, since e-RS-owned systems depend on the environment's base URL. */
final class Params {

    private Params() {
    }

    static Parameters.ParametersParameterComponent find(Parameters parameters, String name) {
        if (parameters == null) {
            return null;
        }
        return parameters.getParameter().stream().filter(p -> name.equals(p.getName())).findFirst().orElse(null);
    }

    static List<Parameters.ParametersParameterComponent> all(Parameters parameters, String name) {
        return parameters.getParameter().stream().filter(p -> name.equals(p.getName())).toList();
    }

    static String code(Parameters parameters, String name) {
        Parameters.ParametersParameterComponent p = find(parameters, name);
        if (p == null) {
            return null;
        }
        Type value = p.getValue();
        if (value instanceof Coding coding) {
            return blankToNull(coding.getCode());
        }
        return value == null ? null : blankToNull(value.primitiveValue());
    }

    static String identifier(Parameters parameters, String name) {
        Parameters.ParametersParameterComponent p = find(parameters, name);
        if (p != null && p.getValue() instanceof Identifier identifier) {
            return blankToNull(identifier.getValue());
        }
        return null;
    }

    static String string(Parameters parameters, String name) {
        Parameters.ParametersParameterComponent p = find(parameters, name);
        return p == null || p.getValue() == null ? null : blankToNull(p.getValue().primitiveValue());
    }

    static Resource resource(Parameters parameters, String name) {
        Parameters.ParametersParameterComponent p = find(parameters, name);
        return p == null ? null : p.getResource();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** NHS numbers are 10 digits with a modulus-11 check digit. */
    static boolean validNhsNumber(String nhsNumber) {
        if (nhsNumber == null || !nhsNumber.matches("\\d{10}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nhsNumber.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == nhsNumber.charAt(9) - '0';
    }
}
