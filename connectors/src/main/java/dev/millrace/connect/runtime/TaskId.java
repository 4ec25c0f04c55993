package dev.millrace.connect.runtime;

/** A task of a connector: {@code {"connector": name, "task": n}} in the REST API. */
public record TaskId(String connector, int task) {
    @Override
    public String toString() {
        return connector + "-" + task;
    }
}
