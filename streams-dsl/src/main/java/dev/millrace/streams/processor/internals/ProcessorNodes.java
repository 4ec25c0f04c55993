package dev.millrace.streams.processor.internals;

import dev.millrace.streams.processor.api.FixedKeyProcessor;
import dev.millrace.streams.processor.api.InternalFixedKeyRecordFactory;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.Record;

/** The two kinds of user processor node: one running a {@link Processor}, one a {@link FixedKeyProcessor}. */
final class ProcessorNodes {
    private ProcessorNodes() {
    }

    static final class Plain extends ProcessorNode {
        private final Processor<Object, Object, Object, Object> processor;

        Plain(String name, Processor<Object, Object, Object, Object> processor) {
            super(name);
            this.processor = processor;
        }

        @Override
        void init(ProcessorContextImpl context) {
            processor.init(context);
        }

        @Override
        void process(Record<Object, Object> record) {
            processor.process(record);
        }

        @Override
        void close() {
            processor.close();
        }
    }

    static final class FixedKey extends ProcessorNode {
        private final FixedKeyProcessor<Object, Object, Object> processor;

        FixedKey(String name, FixedKeyProcessor<Object, Object, Object> processor) {
            super(name);
            this.processor = processor;
        }

        @Override
        void init(ProcessorContextImpl context) {
            processor.init(context);
        }

        @Override
        void process(Record<Object, Object> record) {
            processor.process(InternalFixedKeyRecordFactory.create(record));
        }

        @Override
        void close() {
            processor.close();
        }
    }
}
