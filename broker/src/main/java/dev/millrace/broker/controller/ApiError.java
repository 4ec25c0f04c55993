package dev.millrace.broker.controller;

import dev.millrace.broker.protocol.Errors;

/** A Kafka error code with the message sent to the client (null message: the code's default text). */
public record ApiError(Errors error, String message) {
    public static final ApiError NONE = new ApiError(Errors.NONE, null);

    public static ApiError of(Errors error, String message) {
        return new ApiError(error, message);
    }

    public boolean isSuccess() {
        return error == Errors.NONE;
    }

    /** The message for response fields that carry one: null on success, the default text otherwise. */
    public String messageOrDefault() {
        if (isSuccess()) {
            return null;
        }
        return message != null ? message : error.message();
    }
}
