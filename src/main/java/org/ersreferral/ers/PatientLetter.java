package org.ersreferral.ers;

/** A019 result: the letter as PDF bytes, with a file name that says what it is. */
public record PatientLetter(String fileName, byte[] pdf) {
}
