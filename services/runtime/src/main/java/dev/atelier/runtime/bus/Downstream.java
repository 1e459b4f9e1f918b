package dev.atelier.runtime.bus;

import dev.atelier.codecs.Address;
import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls other services through the {@link Bus} behind one circuit breaker per service. Only
 * outages (UNAVAILABLE, TIMEOUT) count towards opening it: a stream of NOT_FOUNDs is business as
 * usual, and an INTERNAL is one request's bug, which must not let a client shut the route for all.
 * While open, calls fail at once with UNAVAILABLE.
 */
public final class Downstream {
  private final Vertx vertx;
  private final Bus bus;
  private final CircuitBreakerOptions options;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  public Downstream(Vertx vertx, Bus bus, CircuitBreakerOptions options) {
    this.vertx = vertx;
    this.bus = bus;
    this.options = options;
  }

  public static Downstream of(Vertx vertx, Bus bus, JsonObject config) {
    JsonObject b = config.getJsonObject("breaker");
    return new Downstream(vertx, bus, new CircuitBreakerOptions()
        .setMaxFailures(b.getInteger("maxFailures"))
        .setResetTimeout(b.getLong("resetMillis"))
        // the bus already times out each request; a second clock would only race it
        .setTimeout(-1));
  }

  public <Req, Res> Future<Res> call(Address<Req, Res> address, Req request) {
    CircuitBreaker breaker = breakers.computeIfAbsent(address.service(), this::create);
    if (breaker.state() == CircuitBreakerState.OPEN) {
      return Future.failedFuture(Failure.unavailable(address.service() + " is unavailable"));
    }
    return breaker.<Res>execute(() -> bus.request(address, request))
        .recover(e -> Future.failedFuture(e instanceof Failure ? e
            : Failure.unavailable(address.service() + " is unavailable")));
  }

  public CircuitBreakerState state(String service) {
    CircuitBreaker b = breakers.get(service);
    return b == null ? CircuitBreakerState.CLOSED : b.state();
  }

  private CircuitBreaker create(String service) {
    return CircuitBreaker.create("bus-" + service, vertx, new CircuitBreakerOptions(options))
        .failurePolicy(result -> result.failed() && countsAsOutage(result.cause()));
  }

  static boolean countsAsOutage(Throwable cause) {
    if (cause instanceof Failure f) {
      return f.code() == FailureCode.UNAVAILABLE || f.code() == FailureCode.TIMEOUT;
    }
    return true;
  }
}
