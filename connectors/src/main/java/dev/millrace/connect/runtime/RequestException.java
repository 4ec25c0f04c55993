package dev.millrace.connect.runtime;

import dev.millrace.connect.errors.ConnectException;

/** A request the worker refuses, with the HTTP status the REST API answers: 400, 404 or 409 as Kafka Connect. */
public final class RequestException extends ConnectException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public RequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static RequestException notFound(String connector) {
        return new RequestException(404, "Connector " + connector + " not found");
    }
}
