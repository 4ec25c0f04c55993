package dev.millrace.connect.runtime.rest;

/** A status code and a body to write as JSON (null: no body). */
record Response(int status, Object body) {
    static Response ok(Object body) {
        return new Response(200, body);
    }

    static Response noContent() {
        return new Response(204, null);
    }

    static Response error(int status, String message) {
        return new Response(status, new ErrorBody(status, message));
    }

    /** Kafka Connect's error body: {@code {"error_code":409,"message":"..."}}. */
    record ErrorBody(@com.fasterxml.jackson.annotation.JsonProperty("error_code") int errorCode, String message) {
    }
}
