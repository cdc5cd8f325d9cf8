package org.ersreferral.history;

/** A report or timeline parameter that cannot be used; its message says why in plain words. */
class BadReportRequest extends RuntimeException {

    BadReportRequest(String message) {
        super(message);
    }
}
