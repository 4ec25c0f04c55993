#!/usr/bin/env node
// Proves that KafkaJS 2.2.4 works against a running broker unchanged.
//
// Usage:   node kafkajs-test.js BOOTSTRAP            e.g. 127.0.0.1:9092
// Needs:   `npm ci` in this folder; a broker at BOOTSTRAP that can create topics with 3 partitions.
// Does:    Admin createTopics (3 partitions; a second create reports "already exists"), listTopics,
//          fetchTopicMetadata, fetchTopicOffsets; a producer sending keyed records with headers in several
//          batches with each codec KafkaJS has here (none, gzip, snappy, lz4) and idempotently; then
//          high watermarks must equal what was sent, and every record is read back and compared.
// Result:  one "ok" line per check; exit 0 when all pass; "kafkajs-test: FAIL: ..." on stderr and exit 1
//          on the first failure; exit 2 on bad usage.
// Env:     KAFKAJS_TEST_MESSAGES  records per producer variant (default 200)
//          KAFKAJS_TEST_TIMEOUT   seconds the whole run may take (default 180)
//
// Reading back: KafkaJS's consumer only works as a member of a consumer group, which the broker does not
// offer yet, so records are read with KafkaJS's own Fetch request through its cluster and broker objects
// (kafkajs/src internals, pinned by the exact version above). KafkaJS still decodes every batch
// itself: CRC, decompression, keys, values and headers.
//
// Codecs: snappy comes from kafkajs-snappy (pure JS) and lz4 from @2l/kafkajs-lz4 (a prebuilt napi binary
// shipped as an npm package, no compiler needed). zstd is not tested: KafkaJS's @kafkajs/zstd plugin
// compiles a native addon (cppzst) that does not build against Node 20.
'use strict'

const { Kafka, CompressionTypes, CompressionCodecs, Partitioners, logLevel } = require('kafkajs')

const MESSAGES = Number(process.env.KAFKAJS_TEST_MESSAGES || 200)
const TIMEOUT_S = Number(process.env.KAFKAJS_TEST_TIMEOUT || 180)
const PARTITIONS = 3
const SENDS_PER_VARIANT = 4 // several produce requests, so several batches per partition

let checks = 0
const ok = what => console.log(`ok ${++checks} - ${what}`)
class Failure extends Error {}
const fail = message => {
  throw new Failure(message)
}
const check = (condition, message) => {
  if (!condition) fail(message)
}

// Plugins are optional at run time: a missing one is reported and its codec left out, never hidden.
const loadCodec = (name, type, load) => {
  try {
    CompressionCodecs[type] = load()
    return true
  } catch (e) {
    console.log(`skip - ${name} codec not available: ${e.message.split('\n')[0]}`)
    return false
  }
}

const variants = [
  { name: 'none', compression: CompressionTypes.None },
  { name: 'gzip', compression: CompressionTypes.GZIP },
]
if (loadCodec('snappy', CompressionTypes.Snappy, () => require('kafkajs-snappy'))) {
  variants.push({ name: 'snappy', compression: CompressionTypes.Snappy })
}
if (loadCodec('lz4', CompressionTypes.LZ4, () => new (require('@2l/kafkajs-lz4'))().codec)) {
  variants.push({ name: 'lz4', compression: CompressionTypes.LZ4 })
}
variants.push({ name: 'idempotent', compression: CompressionTypes.None, idempotent: true })
variants.push({ name: 'idempotent-gzip', compression: CompressionTypes.GZIP, idempotent: true })

const messagesFor = variant =>
  Array.from({ length: MESSAGES }, (_, i) => ({
    key: `key-${i}`,
    value: `value-${i}-${variant.name}`,
    headers: { 'x-index': String(i), 'x-variant': variant.name },
  }))

// KafkaJS keeps its cluster factory behind a symbol; the raw read-back below needs that cluster.
const createCluster = (kafka, options) => {
  const symbol = Object.getOwnPropertySymbols(kafka).find(s => s.description === 'private:Kafka:createCluster')
  check(symbol, 'this KafkaJS has no cluster factory; is it 2.2.4 as package.json pins?')
  return kafka[symbol](options)
}

// Every record of the topic's partitions between log start and high watermark, by partition.
const readAll = async (kafka, topic, offsets) => {
  const cluster = createCluster(kafka, { allowAutoTopicCreation: false })
  await cluster.connect()
  try {
    await cluster.addTargetTopic(topic)
    const byPartition = {}
    for (const { partition, low, high } of offsets) {
      const records = []
      let next = BigInt(low)
      const end = BigInt(high)
      while (next < end) {
        const leaders = cluster.findLeaderForPartitions(topic, [partition])
        const nodeId = Object.keys(leaders)[0]
        check(nodeId !== undefined, `no leader for ${topic}-${partition}`)
        const broker = await cluster.findBroker({ nodeId })
        const response = await broker.fetch({
          replicaId: -1,
          isolationLevel: 0,
          maxWaitTime: 100,
          minBytes: 1,
          maxBytes: 4 << 20,
          topics: [{ topic, partitions: [{ partition, fetchOffset: next.toString(), maxBytes: 1 << 20 }] }],
        })
        const answer = response.responses[0].partitions[0]
        check(answer.errorCode === 0, `fetch ${topic}-${partition} at ${next}: error code ${answer.errorCode}`)
        // a fetch returns whole batches, so records before the requested offset may come first
        const fresh = answer.messages.filter(m => BigInt(m.offset) >= next)
        check(fresh.length > 0, `fetch ${topic}-${partition} at ${next} (high watermark ${high}) returned nothing`)
        for (const m of fresh) {
          check(BigInt(m.offset) === next, `${topic}-${partition}: expected offset ${next}, got ${m.offset}`)
          records.push(m)
          next++
        }
      }
      byPartition[partition] = records
    }
    return byPartition
  } finally {
    await cluster.disconnect()
  }
}

const text = buffer => (buffer == null ? null : buffer.toString('utf8'))

const compareRecords = (variant, topic, byPartition) => {
  const expected = new Map(messagesFor(variant).map(m => [m.key, m]))
  let seen = 0
  for (const [partition, records] of Object.entries(byPartition)) {
    for (const r of records) {
      const key = text(r.key)
      const want = expected.get(key)
      check(want, `${topic}-${partition}@${r.offset}: unexpected or repeated key ${JSON.stringify(key)}`)
      check(text(r.value) === want.value,
        `${topic}-${partition}@${r.offset}: value ${JSON.stringify(text(r.value))}, expected ${JSON.stringify(want.value)}`)
      for (const [name, value] of Object.entries(want.headers)) {
        check(text(r.headers[name]) === value,
          `${topic}-${partition}@${r.offset}: header ${name}=${JSON.stringify(text(r.headers[name]))}, expected ${value}`)
      }
      expected.delete(key)
      seen++
    }
  }
  check(expected.size === 0, `${topic}: ${expected.size} records never read back, e.g. ${[...expected.keys()][0]}`)
  return seen
}

const main = async bootstrap => {
  const runId = `${Date.now()}-${process.pid}`
  const kafka = new Kafka({
    clientId: 'millrace-kafkajs-test',
    brokers: [bootstrap],
    logLevel: logLevel.ERROR,
    connectionTimeout: 5000,
    retry: { retries: 5 },
  })
  const admin = kafka.admin()
  await admin.connect()
  const topicOf = variant => `kafkajs-test-${variant.name}-${runId}`
  const topics = variants.map(topicOf)
  try {
    const created = await admin.createTopics({
      topics: topics.map(topic => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })),
      waitForLeaders: true,
    })
    check(created === true, `createTopics returned ${created} for new topics`)
    ok(`admin.createTopics created ${topics.length} topics with ${PARTITIONS} partitions`)

    // KafkaJS logs the expected TOPIC_ALREADY_EXISTS as an error; keep the test's output clean
    kafka.logger().setLogLevel(logLevel.NOTHING)
    const again = await admin.createTopics({ topics: [{ topic: topics[0], numPartitions: PARTITIONS }] })
    kafka.logger().setLogLevel(logLevel.ERROR)
    check(again === false, `createTopics of an existing topic returned ${again}, expected false`)
    ok('admin.createTopics of an existing topic reports it exists')

    const listed = await admin.listTopics()
    const missing = topics.filter(t => !listed.includes(t))
    check(missing.length === 0, `listTopics lacks ${missing.join(', ')}`)
    ok('admin.listTopics lists them')

    const metadata = await admin.fetchTopicMetadata({ topics })
    for (const t of metadata.topics) {
      check(t.partitions.length === PARTITIONS, `${t.name} has ${t.partitions.length} partitions in metadata`)
    }
    ok('admin.fetchTopicMetadata shows every partition')

    for (const offsets of await Promise.all(topics.map(t => admin.fetchTopicOffsets(t)))) {
      check(offsets.every(o => o.high === '0'), `a new topic has high watermarks ${JSON.stringify(offsets)}`)
    }
    ok('admin.fetchTopicOffsets of new topics is 0')

    for (const variant of variants) {
      const topic = topicOf(variant)
      const producer = kafka.producer({
        createPartitioner: Partitioners.DefaultPartitioner,
        idempotent: Boolean(variant.idempotent),
        maxInFlightRequests: variant.idempotent ? 1 : undefined,
        allowAutoTopicCreation: false,
      })
      await producer.connect()
      try {
        const messages = messagesFor(variant)
        const perSend = Math.ceil(messages.length / SENDS_PER_VARIANT)
        for (let i = 0; i < messages.length; i += perSend) {
          const metadata = await producer.send({
            topic,
            acks: -1,
            compression: variant.compression,
            messages: messages.slice(i, i + perSend),
          })
          for (const m of metadata) {
            check(m.errorCode === 0, `${variant.name}: produce to ${topic}-${m.partition} answered error ${m.errorCode}`)
          }
        }
      } finally {
        await producer.disconnect()
      }

      const offsets = await admin.fetchTopicOffsets(topic)
      const stored = offsets.reduce((sum, o) => sum + (Number(o.high) - Number(o.low)), 0)
      check(stored === MESSAGES, `${variant.name}: sent ${MESSAGES} records, high watermarks hold ${stored}: ${JSON.stringify(offsets)}`)
      ok(`${variant.name}: ${MESSAGES} keyed records with headers sent; high watermarks add up`)

      const read = compareRecords(variant, topic, await readAll(kafka, topic, offsets))
      ok(`${variant.name}: all ${read} records read back with their keys, values and headers`)
    }

    await admin.deleteTopics({ topics })
    ok('admin.deleteTopics removed the test topics')
  } finally {
    await admin.disconnect()
  }
  console.log(`kafkajs-test: all ${checks} checks passed against ${bootstrap}`)
}

if (process.argv.length !== 3 || !process.argv[2]) {
  console.error('usage: node kafkajs-test.js BOOTSTRAP   (host:port of a running broker)')
  process.exit(2)
}
setTimeout(() => {
  console.error(`kafkajs-test: FAIL: not finished after ${TIMEOUT_S} s`)
  process.exit(1)
}, TIMEOUT_S * 1000).unref()

main(process.argv[2]).then(
  () => process.exit(0),
  e => {
    const detail = e instanceof Failure ? e.message : `${e.name}: ${e.message}`
    console.error(`kafkajs-test: FAIL: ${detail}`)
    process.exit(1)
  }
)
