package dev.millrace.connect.runtime.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.millrace.connect.runtime.ConnectorView;
import dev.millrace.connect.runtime.Herder;
import dev.millrace.connect.runtime.RequestException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka Connect's REST routes: {@code /}, {@code /connectors[/{name}[/config|/status|/tasks|/offsets|/pause|
 * /resume|/stop|/restart|/tasks/{id}/status|/tasks/{id}/restart]]} and {@code /connector-plugins}, with Connect's status codes
 * (201 created, 202 accepted, 204 no content, 400, 404, 405, 409) and {@code {"error_code","message"}} errors.
 */
final class ConnectorsRoutes {
    private final Herder herder;
    private final String version;
    private final String clusterId;

    ConnectorsRoutes(Herder herder, String version, String clusterId) {
        this.herder = herder;
        this.version = version;
        this.clusterId = clusterId;
    }

    Response handle(String method, String path, Map<String, List<String>> params, String body) {
        try {
            return route(method, segments(path), params, body);
        } catch (RequestException e) {
            return Response.error(e.status(), e.getMessage());
        }
    }

    private static String[] segments(String path) {
        String trimmed = path.replaceAll("^/+", "").replaceAll("/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }

    private Response route(String method, String[] s, Map<String, List<String>> params, String body) {
        if (s.length == 0) {
            requireMethod(method, "GET");
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("version", version);
            info.put("commit", "millrace");
            info.put("kafka_cluster_id", clusterId);
            return Response.ok(info);
        }
        if (s[0].equals("connector-plugins") && s.length == 1) {
            requireMethod(method, "GET");
            return Response.ok(ConnectorJson.plugins(herder.plugins()));
        }
        if (!s[0].equals("connectors")) {
            return notFound();
        }
        if (s.length == 1) {
            return switch (method) {
                case "GET" -> Response.ok(list(params.getOrDefault("expand", List.of())));
                case "POST" -> create(body);
                default -> methodNotAllowed();
            };
        }
        String name = s[1];
        if (s.length == 2) {
            return switch (method) {
                case "GET" -> Response.ok(ConnectorJson.info(herder.view(name)));
                case "DELETE" -> {
                    herder.delete(name);
                    yield Response.noContent();
                }
                default -> methodNotAllowed();
            };
        }
        String action = s[2];
        if (s.length == 3) {
            switch (action) {
                case "config" -> {
                    if (method.equals("GET")) {
                        return Response.ok(herder.view(name).config());
                    }
                    requireMethod(method, "PUT");
                    Map.Entry<Boolean, ConnectorView> result = herder.putConfig(name, configOf(parse(body)));
                    return new Response(result.getKey() ? 201 : 200, ConnectorJson.info(result.getValue()));
                }
                case "status" -> {
                    requireMethod(method, "GET");
                    return Response.ok(ConnectorJson.status(herder.view(name), herder.workerId()));
                }
                case "tasks" -> {
                    requireMethod(method, "GET");
                    return Response.ok(ConnectorJson.tasks(herder.view(name)));
                }
                case "offsets" -> {
                    if (method.equals("DELETE")) {
                        herder.resetOffsets(name);
                        return Response.ok(Map.of("message", "The offsets for this connector have been reset successfully"));
                    }
                    requireMethod(method, "GET");
                    return Response.ok(ConnectorJson.offsets(herder.offsets(name)));
                }
                case "stop" -> {
                    requireMethod(method, "PUT");
                    herder.stop(name);
                    return Response.noContent();
                }
                case "pause" -> {
                    requireMethod(method, "PUT");
                    herder.pause(name);
                    return new Response(202, null);
                }
                case "resume" -> {
                    requireMethod(method, "PUT");
                    herder.resume(name);
                    return new Response(202, null);
                }
                case "restart" -> {
                    requireMethod(method, "POST");
                    boolean includeTasks = flag(params, "includeTasks");
                    boolean onlyFailed = flag(params, "onlyFailed");
                    ConnectorView view = herder.restart(name, includeTasks, onlyFailed);
                    return includeTasks || onlyFailed
                            ? new Response(202, ConnectorJson.status(view, herder.workerId())) : Response.noContent();
                }
                default -> {
                    return notFound();
                }
            }
        }
        if (s.length == 5 && action.equals("tasks")) {
            int task = taskNumber(name, s[3]);
            if (s[4].equals("status")) {
                requireMethod(method, "GET");
                return herder.view(name).tasks().stream().filter(t -> t.id() == task).findFirst()
                        .map(t -> Response.ok(ConnectorJson.taskStatus(t, herder.workerId())))
                        .orElseGet(() -> Response.error(404, "Task " + name + "-" + task + " not found"));
            }
            if (s[4].equals("restart")) {
                requireMethod(method, "POST");
                herder.restartTask(name, task);
                return Response.noContent();
            }
        }
        return notFound();
    }

    private Object list(List<String> expand) {
        List<String> names = herder.connectorNames();
        if (expand.isEmpty()) {
            return names;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : names) {
            Map<String, Object> entry = new LinkedHashMap<>();
            ConnectorView view;
            try {
                view = herder.view(name);
            } catch (RequestException deletedMeanwhile) {
                continue;
            }
            if (expand.contains("status")) {
                entry.put("status", ConnectorJson.status(view, herder.workerId()));
            }
            if (expand.contains("info")) {
                entry.put("info", ConnectorJson.info(view));
            }
            out.put(name, entry);
        }
        return out;
    }

    private Response create(String body) {
        JsonNode request = parse(body);
        JsonNode name = request.get("name");
        JsonNode config = request.get("config");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            String fromConfig = config != null && config.has("name") ? config.get("name").asText() : null;
            if (fromConfig == null || fromConfig.isBlank()) {
                throw new RequestException(400, "Connector name must be set: {\"name\": \"...\", \"config\": {...}}");
            }
            name = config.get("name");
        }
        if (config == null || !config.isObject()) {
            throw new RequestException(400, "Connector config must be a JSON object: {\"name\": \"...\", \"config\": {...}}");
        }
        return new Response(201, ConnectorJson.info(herder.create(name.asText(), configOf(config))));
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new RequestException(400, "Request body must be a JSON object");
        }
        try {
            JsonNode node = HttpHandler.JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new RequestException(400, "Request body must be a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RequestException(400, "Request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Map<String, String> configOf(JsonNode config) {
        Map<String, String> out = new LinkedHashMap<>();
        config.properties().forEach(e -> {
            if (e.getValue().isNull()) {
                throw new RequestException(400, "Config key \"" + e.getKey() + "\" must not be null");
            }
            out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
        });
        return out;
    }

    private static boolean flag(Map<String, List<String>> params, String key) {
        List<String> values = params.get(key);
        return values != null && !values.isEmpty() && Boolean.parseBoolean(values.get(0));
    }

    private static int taskNumber(String connector, String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new RequestException(404, "Task " + connector + "-" + raw + " not found");
        }
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new RequestException(405, "HTTP 405 Method Not Allowed");
        }
    }

    private static Response notFound() {
        return Response.error(404, "HTTP 404 Not Found");
    }

    private static Response methodNotAllowed() {
        return Response.error(405, "HTTP 405 Method Not Allowed");
    }
}
