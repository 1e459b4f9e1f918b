package dev.atelier.runtime.bus;

import dev.atelier.codecs.Address;
import dev.atelier.codecs.Broadcast;
import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import dev.atelier.runtime.db.PgFailures;
import dev.atelier.runtime.ops.Correlation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import dev.atelier.codecs.platform.Readiness;
import dev.atelier.codecs.platform.ReadinessCheck;
import dev.atelier.codecs.platform.ReadinessReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed request/reply over the event bus. Callers name an {@link Address} and get its reply type
 * back; handlers are bound with the same constant. A {@link Failure} travels as a ReplyException
 * and is rebuilt for the caller; a bus timeout becomes TIMEOUT and a missing handler UNAVAILABLE.
 * The correlation id rides along in a header.
 */
public final class Bus {
  private static final Logger log = LoggerFactory.getLogger(Bus.class);
  private final Vertx vertx;
  private final Duration timeout;
  private final LoopAffinity affinity;

  public Bus(Vertx vertx, Duration timeout) {
    this.vertx = vertx;
    this.timeout = timeout;
    this.affinity = LoopAffinity.of(vertx);
  }

  public static Bus of(Vertx vertx, JsonObject config) {
    return new Bus(vertx, Duration.ofMillis(config.getJsonObject("bus").getLong("timeoutMillis")));
  }

  public <Req, Res> Future<Res> request(Address<Req, Res> address, Req body) {
    return request(address, body, timeout);
  }

  public <Req, Res> Future<Res> request(Address<Req, Res> address, Req body, Duration timeout) {
    var options = new DeliveryOptions().setSendTimeout(timeout.toMillis());
    String cid = Correlation.current();
    if (cid != null) {
      options.addHeader(Correlation.BUS_HEADER, cid);
    }
    String target = affinity.route(address.name());
    if (!target.equals(address.name())) {
      // a loop-local twin: without this, a clustered bus would ask the cluster manager where it lives
      options.setLocalOnly(true);
    }
    return vertx.eventBus().<Res>request(target, body, options)
        .transform(ar -> ar.succeeded()
            ? Future.succeededFuture(address.replyType().cast(ar.result().body()))
            : Future.failedFuture(toFailure(address, ar.cause())));
  }

  /**
   * Binds {@code handler} to {@code address}, and to a loop-local twin that requests made on this
   * event loop prefer (LoopAffinity); completes once both are registered.
   */
  public <Req, Res> Future<MessageConsumer<Req>> serve(Address<Req, Res> address, Function<Req, Future<Res>> handler) {
    MessageConsumer<Req> consumer = vertx.eventBus().consumer(address.name(), msg -> answer(address, handler, msg));
    String loopAddress = affinity.loopAddress(address.name());
    if (loopAddress == null) {
      return consumer.completion().map(consumer);
    }
    MessageConsumer<Req> twin = vertx.eventBus().localConsumer(loopAddress, msg -> answer(address, handler, msg));
    return Future.all(consumer.completion(), twin.completion()).map(done -> {
      affinity.register(loopAddress, twin);
      return consumer;
    });
  }

  /** Publishes {@code event} to every subscriber of {@code broadcast} on every node; no reply, no retry. */
  public <E> void publish(Broadcast<E> broadcast, E event) {
    var options = new DeliveryOptions();
    String cid = Correlation.current();
    if (cid != null) {
      options.addHeader(Correlation.BUS_HEADER, cid);
    }
    vertx.eventBus().publish(broadcast.address(), event, options);
  }

  /** Hands every {@code broadcast} event to {@code handler}; completes once the subscription is registered. */
  public <E> Future<MessageConsumer<E>> subscribe(Broadcast<E> broadcast, java.util.function.Consumer<E> handler) {
    MessageConsumer<E> consumer = vertx.eventBus().consumer(broadcast.address(), msg -> {
      Correlation.set(msg.headers().get(Correlation.BUS_HEADER));
      handler.accept(broadcast.type().cast(msg.body()));
    });
    return consumer.completion().map(consumer);
  }

  /**
   * Answers {@code <service>.readiness.check}: {@code probe} yields the name of a dependency the
   * service runs without (null when whole), and fails when the service cannot serve, which the
   * caller gets as UNAVAILABLE.
   */
  public Future<MessageConsumer<ReadinessCheck>> serveReadiness(String service, Supplier<Future<String>> probe) {
    return serve(Readiness.address(service), check -> probe.get()
        .transform(ar -> ar.succeeded()
            ? Future.succeededFuture(new ReadinessReport(service, ar.result()))
            : Future.failedFuture(Failure.unavailable(service + " cannot serve: " + ar.cause().getMessage()))));
  }

  private static <Req, Res> void answer(Address<Req, Res> address, Function<Req, Future<Res>> handler, Message<Req> msg) {
    Correlation.set(msg.headers().get(Correlation.BUS_HEADER));
    Future<Res> reply;
    try {
      reply = handler.apply(msg.body());
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    reply.onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(ar.result());
      } else {
        Failure f = asFailure(ar.cause());
        if (f.code() == FailureCode.INTERNAL) {
          log.error("{} failed", address.name(), ar.cause());
        }
        msg.fail(f.code().wire, encode(f));
      }
    });
  }

  private static Failure asFailure(Throwable cause) {
    if (cause instanceof Failure f) {
      return f;
    }
    // a handler that did not translate its database's outage (or an exhausted pool) still answers
    // UNAVAILABLE, which the gateway turns into 503 with Retry-After, never a 500
    return PgFailures.isConnectivity(cause) ? Failure.unavailable("the database is unavailable") : Failure.internal("internal error");
  }

  private static String encode(Failure f) {
    return new JsonObject().put("field", f.field()).put("message", f.getMessage()).encode();
  }

  static Failure toFailure(Address<?, ?> address, Throwable cause) {
    if (cause instanceof ReplyException re) {
      switch (re.failureType()) {
        case TIMEOUT:
          return Failure.timeout(address.service() + " did not answer in time");
        case NO_HANDLERS:
          return Failure.unavailable(address.service() + " is not running");
        case RECIPIENT_FAILURE:
        default:
          FailureCode code = FailureCode.fromWire(re.failureCode());
          if (code == null) {
            return Failure.internal("internal error");
          }
          try {
            var json = new JsonObject(re.getMessage());
            return new Failure(code, json.getString("field"), json.getString("message"));
          } catch (RuntimeException notOurs) {
            return new Failure(code, null, String.valueOf(re.getMessage()));
          }
      }
    }
    return cause instanceof Failure f ? f : Failure.internal("internal error");
  }
}
