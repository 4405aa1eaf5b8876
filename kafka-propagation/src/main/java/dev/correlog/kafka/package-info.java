/**
 * Correlog for Apache Kafka: {@link dev.correlog.kafka.CorrelogProducerInterceptor} writes the
 * current context into each record's headers (a new span per record); {@link
 * dev.correlog.kafka.KafkaCorrelog} makes each consumed record's own context current, one record at
 * a time even in {@code poll()} batches; {@link dev.correlog.kafka.CorrelogConsumerInterceptor}
 * logs one event per non-empty poll.
 */
package dev.correlog.kafka;
