package dev.millrace.streams.processor.internals;

import dev.millrace.streams.processor.api.Record;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A runtime node of one task: a source, a processor or a sink, with its children. */
public abstract class ProcessorNode {
    private final String name;
    private final List<ProcessorNode> children = new ArrayList<>();
    private final Map<String, ProcessorNode> childByName = new HashMap<>();

    protected ProcessorNode(String name) {
        this.name = name;
    }

    public final String name() {
        return name;
    }

    final void addChild(ProcessorNode child) {
        children.add(child);
        childByName.put(child.name(), child);
    }

    final List<ProcessorNode> children() {
        return Collections.unmodifiableList(children);
    }

    final ProcessorNode child(String childName) {
        return childByName.get(childName);
    }

    /** Called once, with the context's current node set to this one, before any record. */
    abstract void init(ProcessorContextImpl context);

    abstract void process(Record<Object, Object> record);

    void close() {
    }

    /** A node without children: where Kafka Streams measures a record's end-to-end latency once it is processed. */
    final boolean isTerminal() {
        return children.isEmpty();
    }

    @Override
    public String toString() {
        return name;
    }
}
