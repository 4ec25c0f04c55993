package dev.millrace.connect.file;

import dev.millrace.connect.data.Schema;
import dev.millrace.connect.errors.ConnectException;
import dev.millrace.connect.runtime.ConnectRuntime;
import dev.millrace.connect.source.SourceRecord;
import dev.millrace.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads lines from the file's stored position on; a line is emitted only once its newline arrived, and its offset
 * is the byte position just after that newline. Waits up to a second for more data when at the end of the file.
 */
public final class FileStreamSourceTask extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(FileStreamSourceTask.class);
    static final String FILENAME_FIELD = "filename";
    static final String POSITION_FIELD = "position";

    private final Object wakeup = new Object();
    private final byte[] buffer = new byte[8192];
    private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();

    private String filename;
    private String topic;
    private int batchSize;
    private InputStream stream;
    private long position;
    private volatile boolean stopped;

    @Override
    public String version() {
        return ConnectRuntime.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        filename = props.get(FileStreamSourceConnector.FILE);
        topic = props.get(FileStreamSourceConnector.TOPIC);
        batchSize = Integer.parseInt(props.getOrDefault(FileStreamSourceConnector.BATCH_SIZE,
                Integer.toString(FileStreamSourceConnector.DEFAULT_BATCH_SIZE)));
        if (filename == null || filename.isEmpty()) {
            stream = System.in;
            filename = null;
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        try {
            if (stream == null && !open()) {
                sleep();
                return null;
            }
            List<SourceRecord> records = new ArrayList<>();
            while (records.size() < batchSize && !stopped) {
                int available = filename == null ? stream.available() : buffer.length;
                if (filename == null && available == 0) {
                    break;
                }
                int n = stream.read(buffer, 0, Math.min(buffer.length, Math.max(1, available)));
                if (n <= 0) {
                    break;
                }
                collectLines(n, records);
            }
            if (records.isEmpty()) {
                sleep();
                return null;
            }
            return records;
        } catch (IOException e) {
            if (stopped) {
                return null; // stop() closed the stream under this read; the unsent lines are read again next time
            }
            throw new ConnectException("Error reading file " + filename + ": " + e.getMessage(), e);
        }
    }

    /** Splits the bytes just read into complete lines; bytes after the last newline wait for the next read. */
    private void collectLines(int n, List<SourceRecord> records) {
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
                partialLine.write(buffer, start, i - start);
                byte[] line = partialLine.toByteArray();
                partialLine.reset();
                position += line.length + 1;
                int length = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
                String text = new String(line, 0, length, StandardCharsets.UTF_8);
                records.add(new SourceRecord(partition(), Map.of(POSITION_FIELD, position), topic, null,
                        null, null, Schema.STRING_SCHEMA, text, System.currentTimeMillis()));
                start = i + 1;
            }
        }
        partialLine.write(buffer, start, n - start);
    }

    private boolean open() throws IOException {
        Path path = Path.of(filename);
        Map<String, Object> offset = context.offsetStorageReader().offset(partition());
        long stored = 0;
        if (offset != null && offset.get(POSITION_FIELD) instanceof Number p) {
            stored = p.longValue();
        }
        try {
            FileInputStream in = new FileInputStream(path.toFile());
            long size = Files.size(path);
            if (stored > size) {
                log.warn("Stored position {} is past the end of {} ({} bytes): the file was truncated; reading from the start",
                        stored, filename, size);
                stored = 0;
            }
            in.getChannel().position(stored);
            stream = in;
            position = stored;
            log.info("Reading {} from position {}", filename, stored);
            return true;
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            log.warn("Couldn't find file {} for FileStreamSourceTask, sleeping to wait for it to be created", filename);
            return false;
        }
    }

    private Map<String, String> partition() {
        return Map.of(FILENAME_FIELD, filename == null ? "stdin" : filename);
    }

    private void sleep() throws InterruptedException {
        synchronized (wakeup) {
            if (!stopped) {
                wakeup.wait(1000);
            }
        }
    }

    @Override
    public void stop() {
        stopped = true;
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
        if (stream != null && stream != System.in) {
            try {
                stream.close();
            } catch (IOException e) {
                log.debug("Closing {} failed", filename, e);
            }
        }
    }
}
