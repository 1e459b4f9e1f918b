package dev.atelier.runtime.messaging;

import dev.atelier.runtime.testing.TestServers;

/** The consumer flow on this machine's RabbitMQ (the embedded broker where none answers). */
class EventConsumerIT extends ConsumerFlow {
  @Override
  String amqpUrl() {
    return TestServers.amqpUrl();
  }
}
