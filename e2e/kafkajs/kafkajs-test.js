#!/usr/bin/env node
// Proves that KafkaJS 2.2.4 works against a running broker unchanged.
//
// Usage:   node kafkajs-test.js BOOTSTRAP            e.g. 127.0.0.1:9092
// Needs:   `npm ci` in this folder; a broker at BOOTSTRAP that can create topics with 3 partitions.
// Does:    Admin createTopics (3 partitions; a second create reports "already exists"), listTopics,
//          fetchTopicMetadata, fetchTopicOffsets; a producer sending keyed records with headers in several
//          batches with each codec KafkaJS has here (none, gzip, snappy, lz4) and idempotently; then
//          high watermarks must equal what was sent, and every record is read back and compared.
//          Then a consumer group: two consumers (groupId, subscribe fromBeginning, run eachMessage, no
//          auto-commit) split a 4-partition topic and together read every record (key, value, headers)
//          exactly once; admin.describeGroups shows them Stable with disjoint assignments; each commits
//          what it read and admin.fetchOffsets equals the high watermarks; after they disconnect
//          admin.describeGroups says Empty, admin.listGroups lists the group, admin.deleteGroups removes it.
// Result:  one "ok" line per check; exit 0 when all pass; "kafkajs-test: FAIL: ..." on stderr and exit 1
//          on the first failure; exit 2 on bad usage.
// Env:     KAFKAJS_TEST_MESSAGES  records per producer variant (default 200)
//          KAFKAJS_TEST_TIMEOUT   seconds the whole run may take (default 180)
//
// Reading back the producer variants: with KafkaJS's own Fetch request through its cluster and broker objects
// (kafkajs/src internals, pinned by the exact version above), so each partition is read from its log start
// to its high watermark without a group. KafkaJS still decodes every batch itself: CRC, decompression,
// keys, values and headers. The group section reads with KafkaJS's public consumer.
//
// Codecs: snappy comes from kafkajs-snappy (pure JS) and lz4 from @2l/kafkajs-lz4 (a prebuilt napi binary
// shipped as an npm package, no compiler needed). zstd is not tested: KafkaJS's @kafkajs/zstd plugin
// compiles a native addon (cppzst) that does not build against Node 20.
'use strict'

const { Kafka, AssignerProtocol, CompressionTypes, CompressionCodecs, Partitioners, logLevel } = require('kafkajs')

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

const GROUP_PARTITIONS = 4
const GROUP_WAIT_MS = 60000

const waitFor = async (condition, ms, what) => {
  const deadline = Date.now() + ms
  while (!condition()) {
    check(Date.now() < deadline, `${what}: not so after ${ms} ms`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

const sameNumbers = (a, b) => JSON.stringify([...a].sort((x, y) => x - y)) === JSON.stringify([...b].sort((x, y) => x - y))

// Two members of one group split a topic, read it, commit, leave; the admin then sees and deletes the group.
const groupChecks = async (kafka, admin, runId) => {
  const variant = { name: 'group' }
  const topic = `kafkajs-test-group-${runId}`
  const groupId = `kafkajs-test-group-${runId}`
  const created = await admin.createTopics({
    topics: [{ topic, numPartitions: GROUP_PARTITIONS, replicationFactor: 1 }],
    waitForLeaders: true,
  })
  check(created === true, `createTopics returned ${created} for ${topic}`)
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false })
  await producer.connect()
  try {
    await producer.send({ topic, acks: -1, messages: messagesFor(variant) })
  } finally {
    await producer.disconnect()
  }
  const highs = await admin.fetchTopicOffsets(topic)
  check(highs.reduce((sum, o) => sum + Number(o.high), 0) === MESSAGES, `${topic}: high watermarks ${JSON.stringify(highs)}`)

  // Every record seen, by key; a second delivery of a key is a failure found after the run.
  const expected = new Map(messagesFor(variant).map(m => [m.key, m]))
  const problems = []
  let received = 0
  const members = ['a', 'b'].map(name => ({
    name,
    consumer: kafka.consumer({ groupId, allowAutoTopicCreation: false }),
    assignment: null,
    read: new Map(), // partition -> next offset, i.e. last offset read + 1
    count: 0,
  }))
  for (const m of members) {
    m.consumer.on(m.consumer.events.GROUP_JOIN, e => {
      m.assignment = (e.payload.memberAssignment[topic] || []).slice()
    })
    await m.consumer.connect()
    await m.consumer.subscribe({ topic, fromBeginning: true })
  }
  try {
    // started together, inside the broker's group.initial.rebalance.delay.ms, so one generation splits them
    await Promise.all(members.map(m => m.consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic: t, partition, message }) => {
        received++
        m.count++
        const where = `${t}-${partition}@${message.offset} (consumer ${m.name})`
        const key = text(message.key)
        const want = expected.get(key)
        if (!want) {
          problems.push(`${where}: unexpected or repeated key ${JSON.stringify(key)}`)
        } else {
          expected.delete(key)
          if (text(message.value) !== want.value) problems.push(`${where}: value ${JSON.stringify(text(message.value))}, expected ${want.value}`)
          for (const [name, value] of Object.entries(want.headers)) {
            if (text(message.headers[name]) !== value) problems.push(`${where}: header ${name}=${JSON.stringify(text(message.headers[name]))}, expected ${value}`)
          }
        }
        m.read.set(partition, Number(message.offset) + 1)
      },
    })))
    await waitFor(() => received >= MESSAGES, GROUP_WAIT_MS, `group ${groupId} reading ${MESSAGES} records (read ${received})`)
    await new Promise(resolve => setTimeout(resolve, 1000)) // a late duplicate would arrive in this time
    check(problems.length === 0, `group ${groupId}: ${problems.length} wrong deliveries, e.g. ${problems[0]}`)
    check(received === MESSAGES && expected.size === 0,
      `group ${groupId}: received ${received} records, ${expected.size} never read, e.g. ${[...expected.keys()][0]}`)
    ok(`consumer group: two consumers read all ${MESSAGES} records (keys, values, headers) of ${topic} exactly once`)

    const [a, b] = members
    check(a.assignment && b.assignment && a.assignment.length > 0 && b.assignment.length > 0,
      `the partitions were not split: a was assigned ${JSON.stringify(a.assignment)}, b ${JSON.stringify(b.assignment)}`)
    check(sameNumbers([...a.assignment, ...b.assignment], [...Array(GROUP_PARTITIONS).keys()]),
      `assignments a ${JSON.stringify(a.assignment)} and b ${JSON.stringify(b.assignment)} do not cover partitions 0..${GROUP_PARTITIONS - 1} exactly once`)
    for (const m of members) {
      check([...m.read.keys()].every(p => m.assignment.includes(p)),
        `consumer ${m.name} read partitions ${[...m.read.keys()]} but is assigned ${m.assignment}`)
    }
    ok(`consumer group: the two consumers split the partitions (a: ${a.assignment}, ${a.count} records; b: ${b.assignment}, ${b.count} records)`)

    const running = (await admin.describeGroups([groupId])).groups[0]
    check(running.errorCode === 0 && running.state === 'Stable' && running.protocolType === 'consumer',
      `describeGroups while consuming: ${JSON.stringify({ ...running, members: running.members.length })}`)
    check(running.members.length === 2, `describeGroups shows ${running.members.length} members, expected 2`)
    const described = running.members.map(member => AssignerProtocol.MemberAssignment.decode(member.memberAssignment).assignment[topic] || [])
    check(sameNumbers(described.flat(), [...Array(GROUP_PARTITIONS).keys()]) && described.every(p => p.length > 0),
      `describeGroups member assignments ${JSON.stringify(described)} do not split the partitions`)
    ok(`admin.describeGroups: ${groupId} is Stable with 2 members whose assignments split the partitions (protocol ${running.protocol})`)

    const before = await admin.fetchOffsets({ groupId, topics: [topic] })
    check(before[0].partitions.every(p => p.offset === '-1'), `offsets before any commit: ${JSON.stringify(before)}`)
    for (const m of members) {
      await m.consumer.commitOffsets([...m.read].map(([partition, offset]) => ({ topic, partition, offset: String(offset) })))
    }
    const committed = await admin.fetchOffsets({ groupId, topics: [topic] })
    check(committed.length === 1 && committed[0].topic === topic && committed[0].partitions.length === GROUP_PARTITIONS,
      `fetchOffsets answered ${JSON.stringify(committed)}`)
    for (const { partition, high } of highs) {
      const got = committed[0].partitions.find(p => p.partition === partition)
      check(got && got.offset === high, `${topic}-${partition}: committed ${got && got.offset}, high watermark ${high}`)
    }
    ok('consumer.commitOffsets by each member; admin.fetchOffsets equals the high watermarks (nothing committed before)')
  } finally {
    for (const m of members) await m.consumer.disconnect()
  }

  const empty = (await admin.describeGroups([groupId])).groups[0]
  check(empty.errorCode === 0 && empty.state === 'Empty' && empty.members.length === 0,
    `describeGroups after the consumers disconnected: ${JSON.stringify(empty)}`)
  ok(`admin.describeGroups: ${groupId} is Empty after both consumers disconnected`)

  const listed = (await admin.listGroups()).groups.find(g => g.groupId === groupId)
  check(listed && listed.protocolType === 'consumer', `listGroups: ${JSON.stringify(listed)} for ${groupId}`)
  ok('admin.listGroups lists the group with protocol type consumer')

  const deleted = await admin.deleteGroups([groupId])
  check(deleted.length === 1 && deleted[0].groupId === groupId && deleted[0].errorCode === 0,
    `deleteGroups answered ${JSON.stringify(deleted)}`)
  check(!(await admin.listGroups()).groups.some(g => g.groupId === groupId), `listGroups still lists ${groupId} after deleteGroups`)
  const gone = await admin.fetchOffsets({ groupId, topics: [topic] })
  check(gone[0].partitions.every(p => p.offset === '-1'), `offsets after deleteGroups: ${JSON.stringify(gone)}`)
  ok('admin.deleteGroups removed the group and its committed offsets')
  return topic
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

    topics.push(await groupChecks(kafka, admin, runId))

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
