package dev.atelier.runtime.messaging;

import dev.atelier.runtime.testing.TestServers;

/** The same consumer flow on the embedded Qpid broker, always: the one-command start runs on it. */
class EventConsumerEmbeddedBrokerIT extends ConsumerFlow {
  @Override
  String amqpUrl() {
    return TestServers.embeddedAmqpUrl();
  }
}
