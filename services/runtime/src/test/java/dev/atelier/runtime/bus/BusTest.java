package dev.atelier.runtime.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.Codecs;
import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import dev.atelier.codecs.catalog.CatalogApi;
import dev.atelier.codecs.catalog.GetProduct;
import dev.atelier.codecs.catalog.ProductLookup;
import dev.atelier.codecs.catalog.ProductView;
import dev.atelier.runtime.ops.Correlation;
import dev.atelier.runtime.testing.Await;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BusTest {
  private Vertx vertx;
  private Bus bus;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    Codecs.install(vertx);
    bus = new Bus(vertx, Duration.ofMillis(300));
  }

  @AfterEach
  void tearDown() {
    Await.result(vertx.close());
  }

  private static ProductView product(UUID id) {
    return new ProductView(id, UUID.randomUUID(), "Lamp", "", 1200L, "EUR", java.util.List.of(), 1, null, 1L,
        null, null, null);
  }

  @Test
  @DisplayName("a typed request gets the handler's record back, the same instance inside one JVM")
  void typedRoundTrip() {
    UUID id = UUID.randomUUID();
    var sent = new AtomicReference<ProductLookup>();
    Await.result(bus.serve(CatalogApi.GET_PRODUCT, q -> {
      sent.set(new ProductLookup(product(q.productId()), true));
      return Future.succeededFuture(sent.get());
    }));
    ProductLookup reply = Await.result(bus.request(CatalogApi.GET_PRODUCT, new GetProduct(id)));
    assertThat(reply.product().id()).isEqualTo(id);
    assertThat(reply).isSameAs(sent.get());
  }

  @Test
  @DisplayName("a Failure with a field comes back to the caller with its code and field")
  void failureTravels() {
    Await.result(bus.serve(CatalogApi.GET_PRODUCT, q -> Future.failedFuture(Failure.invalid("limit", "too big"))));
    Throwable e = Await.failure(bus.request(CatalogApi.GET_PRODUCT, new GetProduct(UUID.randomUUID())));
    assertThat(e).isInstanceOf(Failure.class);
    assertThat(((Failure) e).code()).isEqualTo(FailureCode.INVALID);
    assertThat(((Failure) e).field()).isEqualTo("limit");
    assertThat(e.getMessage()).isEqualTo("too big");
  }

  @Test
  @DisplayName("a handler that throws a bug answers INTERNAL, not a timeout")
  void bugIsInternal() {
    Await.result(bus.serve(CatalogApi.GET_PRODUCT, q -> {
      throw new NullPointerException("oops");
    }));
    Throwable e = Await.failure(bus.request(CatalogApi.GET_PRODUCT, new GetProduct(UUID.randomUUID())));
    assertThat(((Failure) e).code()).isEqualTo(FailureCode.INTERNAL);
    assertThat(e.getMessage()).doesNotContain("oops");
  }

  @Test
  @DisplayName("no consumer is UNAVAILABLE; a silent consumer is TIMEOUT")
  void noHandlerAndTimeout() {
    Throwable none = Await.failure(bus.request(CatalogApi.GET_PRODUCT, new GetProduct(UUID.randomUUID())));
    assertThat(((Failure) none).code()).isEqualTo(FailureCode.UNAVAILABLE);
    Await.result(bus.serve(CatalogApi.GET_PRODUCT, q -> Promise.<ProductLookup>promise().future()));
    Throwable slow = Await.failure(bus.request(CatalogApi.GET_PRODUCT, new GetProduct(UUID.randomUUID())));
    assertThat(((Failure) slow).code()).isEqualTo(FailureCode.TIMEOUT);
  }

  @Test
  @DisplayName("the caller's correlation id is the handler's correlation id")
  void correlationTravels() {
    var seen = new AtomicReference<String>();
    Await.result(bus.serve(CatalogApi.GET_PRODUCT, q -> {
      seen.set(Correlation.current());
      return Future.succeededFuture(new ProductLookup(product(q.productId()), false));
    }));
    var ctx = ((io.vertx.core.internal.ContextInternal) vertx.getOrCreateContext()).duplicate();
    Promise<Void> done = Promise.promise();
    ctx.runOnContext(v -> {
      Correlation.set("req-42");
      bus.request(CatalogApi.GET_PRODUCT, new GetProduct(UUID.randomUUID())).<Void>mapEmpty().onComplete(done);
    });
    Await.result(done.future());
    assertThat(seen.get()).isEqualTo("req-42");
  }

  @Test
  @DisplayName("a request made on an event loop with its own handler instance is answered on that loop")
  void loopAffinity() {
    Vertx two = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(2));
    try {
      Codecs.install(two);
      var local = new Bus(two, Duration.ofSeconds(2));
      // two handler instances, one per event loop, each answering with its thread's name
      Await.result(two.deployVerticle(() -> new io.vertx.core.VerticleBase() {
        @Override
        public Future<?> start() {
          return local.serve(CatalogApi.GET_PRODUCT, q -> Future.succeededFuture(new ProductLookup(
              new ProductView(q.productId(), UUID.randomUUID(), Thread.currentThread().getName(), "", 1L, "EUR",
                  java.util.List.of(), 0, null, 1L, null, null, null), false)));
        }
      }, new io.vertx.core.DeploymentOptions().setInstances(2)));
      var context = two.getOrCreateContext();
      Promise<java.util.List<String>> answers = Promise.promise();
      context.runOnContext(v -> {
        var requests = new java.util.ArrayList<Future<ProductLookup>>();
        for (int i = 0; i < 20; i++) {
          requests.add(local.request(CatalogApi.GET_PRODUCT, new GetProduct(UUID.randomUUID())));
        }
        Future.all(requests).map(all -> requests.stream().map(f -> f.result().product().name()).toList())
            .onComplete(answers);
      });
      String requester = threadOf(context);
      assertThat(Await.result(answers.future())).hasSize(20).containsOnly(requester);
    } finally {
      Await.result(two.close());
    }
  }

  private static String threadOf(io.vertx.core.Context context) {
    Promise<String> name = Promise.promise();
    context.runOnContext(v -> name.complete(Thread.currentThread().getName()));
    return Await.result(name.future());
  }

  @Test
  @DisplayName("the breaker opens on outages, not on NOT_FOUND or a bug, and then fails fast as UNAVAILABLE")
  void breaker() {
    var calls = new AtomicInteger();
    var mode = new AtomicReference<FailureCode>(FailureCode.NOT_FOUND);
    Await.result(bus.serve(CatalogApi.GET_PRODUCT, q -> {
      calls.incrementAndGet();
      return Future.failedFuture(new Failure(mode.get(), null, "x"));
    }));
    var downstream = new Downstream(vertx, bus, new CircuitBreakerOptions().setMaxFailures(3).setResetTimeout(60_000).setTimeout(-1));
    for (int i = 0; i < 5; i++) {
      Throwable e = Await.failure(downstream.call(CatalogApi.GET_PRODUCT, new GetProduct(UUID.randomUUID())));
      assertThat(((Failure) e).code()).isEqualTo(FailureCode.NOT_FOUND);
    }
    mode.set(FailureCode.INTERNAL);
    for (int i = 0; i < 5; i++) {
      Await.failure(downstream.call(CatalogApi.GET_PRODUCT, new GetProduct(UUID.randomUUID())));
    }
    assertThat(downstream.state("catalog")).isEqualTo(CircuitBreakerState.CLOSED);
    mode.set(FailureCode.UNAVAILABLE);
    for (int i = 0; i < 3; i++) {
      Await.failure(downstream.call(CatalogApi.GET_PRODUCT, new GetProduct(UUID.randomUUID())));
    }
    assertThat(downstream.state("catalog")).isEqualTo(CircuitBreakerState.OPEN);
    int before = calls.get();
    Throwable fast = Await.failure(downstream.call(CatalogApi.GET_PRODUCT, new GetProduct(UUID.randomUUID())));
    assertThat(((Failure) fast).code()).isEqualTo(FailureCode.UNAVAILABLE);
    assertThat(calls.get()).as("an open breaker does not reach the service").isEqualTo(before);
  }
}
