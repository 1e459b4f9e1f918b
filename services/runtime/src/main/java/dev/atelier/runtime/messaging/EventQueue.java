package dev.atelier.runtime.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A consuming service's durable queue on the events exchange ({@value Topology#EVENTS} unless
 * {@link BrokerNames} says otherwise) and the broker objects around it, all named after it:
 * <ul>
 *   <li>{@code <name>}: the work queue, bound to the routing keys the service handles;</li>
 *   <li>{@code <name>.retry.<n>}: a fanout exchange and a queue without consumers whose TTL is the
 *       n-th retry delay, expiring into {@code <name>.requeue};</li>
 *   <li>{@code <name>.requeue}: a fanout exchange that leads back into the work queue only (not
 *       through the topic exchange, or every other service bound to the key would get it again);</li>
 *   <li>{@code <name>.dead} and {@code <name>.dead-letters}: where a message goes after its last retry.</li>
 * </ul>
 */
public record EventQueue(String exchange, String name, Set<String> routingKeys, List<Duration> retryDelays) {
  public EventQueue {
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*")) {
      throw new IllegalArgumentException("queue name must be dotted lower-case words: " + name);
    }
    routingKeys = Set.copyOf(routingKeys);
    retryDelays = List.copyOf(retryDelays);
    for (Duration d : retryDelays) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("retry delays of " + name + " must be positive: " + retryDelays);
      }
    }
  }

  /** The exchange a message goes to for its {@code attempt}-th retry (1-based). */
  public String retryExchange(int attempt) {
    return name + ".retry." + attempt;
  }

  public String retryQueue(int attempt) {
    return retryExchange(attempt);
  }

  public String requeueExchange() {
    return name + ".requeue";
  }

  public String deadExchange() {
    return name + ".dead";
  }

  public String deadLetterQueue() {
    return name + ".dead-letters";
  }

  /** How many times a failing message is retried before it is dead-lettered. */
  public int retries() {
    return retryDelays.size();
  }
}
