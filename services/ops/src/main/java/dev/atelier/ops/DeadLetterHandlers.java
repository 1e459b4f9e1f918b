package dev.atelier.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.rabbitmq.client.AMQP;
import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.Failure;
import dev.atelier.codecs.ops.DeadLetterPage;
import dev.atelier.codecs.ops.DeadLetterRef;
import dev.atelier.codecs.ops.DeadLetterView;
import dev.atelier.codecs.ops.ListDeadLetters;
import dev.atelier.runtime.messaging.ConfirmedPublisher;
import dev.atelier.runtime.messaging.DeadLetter;
import dev.atelier.runtime.messaging.DeadLetterStore;
import dev.atelier.runtime.messaging.EventHeaders;
import dev.atelier.runtime.db.PageCursor;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One method per dead-letter address. A replay sends the message back to the work queue it failed
 * on (through the default exchange, so no other service sees it again) with its retry count reset,
 * and removes it from the store once the broker confirmed. Retrying a replay whose removal failed
 * sends it again; the consumer's inbox makes that harmless.
 */
final class DeadLetterHandlers {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterHandlers.class);
  // the retry bookkeeping of the failed deliveries: a replay starts afresh
  private static final Set<String> BOOKKEEPING = Set.of(EventHeaders.ATTEMPT, EventHeaders.ATTEMPTS,
      EventHeaders.LAST_ERROR, EventHeaders.QUEUE, EventHeaders.DEAD_LETTER_ID, EventHeaders.REPLAYED_FROM);

  private final Pool pool;
  private final DeadLetterStore store;
  private final ConfirmedPublisher publisher;

  DeadLetterHandlers(Pool pool, DeadLetterStore store, ConfirmedPublisher publisher) {
    this.pool = pool;
    this.store = store;
    this.publisher = publisher;
  }

  Future<DeadLetterPage> list(ListDeadLetters query) {
    int limit = query.limit();
    return store.list(pool, query.queue(), PageCursor.decode(query.cursor()), limit + 1).map(letters -> {
      List<DeadLetterView> items = letters.stream().limit(limit).map(DeadLetterHandlers::view).toList();
      String next = null;
      if (letters.size() > limit) {
        DeadLetterView last = items.get(limit - 1);
        next = new PageCursor(last.parkedAt(), last.id()).encode();
      }
      return new DeadLetterPage(items, next);
    });
  }

  Future<DeadLetterView> replay(DeadLetterRef ref) {
    return store.find(pool, ref.id()).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(Failure.notFound("no dead letter " + ref.id()));
      }
      DeadLetter letter = found.get();
      return publisher.publish("", letter.queue(), properties(letter), Buffer.buffer(letter.body()))
          .recover(e -> Future.failedFuture(Failure.unavailable("the broker did not take the replay: " + e.getMessage())))
          .compose(v -> store.delete(pool, letter.id()))
          .map(v -> {
            log.info("replayed dead letter {} ({} {}) to {}", letter.id(), letter.type(), letter.messageId(), letter.queue());
            return view(letter);
          });
    });
  }

  Future<DeadLetterRef> discard(DeadLetterRef ref) {
    return store.delete(pool, ref.id()).compose(deleted -> deleted
        ? Future.succeededFuture(ref)
        : Future.failedFuture(Failure.notFound("no dead letter " + ref.id())));
  }

  private static AMQP.BasicProperties properties(DeadLetter letter) {
    Map<String, Object> headers = new HashMap<>();
    letter.headers().forEach(e -> {
      if (!BOOKKEEPING.contains(e.getKey()) && e.getValue() != null) {
        headers.put(e.getKey(), e.getValue());
      }
    });
    headers.put(EventHeaders.REPLAYED_FROM, letter.id().toString());
    headers.putIfAbsent(EventHeaders.ORIGINAL_ROUTING_KEY, letter.routingKey());
    return new AMQP.BasicProperties.Builder()
        .messageId(letter.messageId()).type(letter.type()).correlationId(letter.correlationId())
        .contentType("application/json").deliveryMode(2).headers(headers).build();
  }

  static DeadLetterView view(DeadLetter d) {
    return new DeadLetterView(d.id(), d.queue(), d.routingKey(), d.type(), d.messageId(), d.correlationId(), d.attempts(),
        d.lastError(), payload(d.body()), d.parkedAt());
  }

  private static JsonNode payload(byte[] body) {
    try {
      return ContractJson.mapper().readTree(body);
    } catch (java.io.IOException e) {
      return TextNode.valueOf(new String(body, StandardCharsets.UTF_8));
    }
  }
}
