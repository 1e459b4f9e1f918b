package dev.atelier.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import dev.atelier.codecs.catalog.ProductDraft;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {
  private static Throwable parse(String json) {
    return catchThrowable(() -> RequestBodies.parse(json.getBytes(StandardCharsets.UTF_8), ProductDraft.class));
  }

  private static String field(Throwable t) {
    assertThat(t).isInstanceOf(Failure.class);
    assertThat(((Failure) t).code()).isEqualTo(FailureCode.INVALID);
    return ((Failure) t).field();
  }

  @Test
  @DisplayName("each kind of bad body names the field with its full path")
  void fieldPaths() {
    assertThat(field(parse("{\"name\":\"A\",\"priceCents\":1,\"currency\":\"EUR\",\"nope\":1}"))).isEqualTo("nope");
    assertThat(field(parse("{\"name\":\"A\",\"priceCents\":\"1\",\"currency\":\"EUR\"}"))).isEqualTo("priceCents");
    assertThat(field(parse("{\"name\":\"A\",\"priceCents\":1.5,\"currency\":\"EUR\"}"))).isEqualTo("priceCents");
    assertThat(field(parse("{\"name\":\"A\",\"priceCents\":1,\"currency\":\"EUR\",\"stock\":3000000000}"))).isEqualTo("stock");
    assertThat(field(parse("{\"name\":\"A\",\"priceCents\":1,\"currency\":\"EUR\",\"variants\":[{\"sku\":\"A\",\"name\":\"a\",\"priceCents\":1,\"stock\":3000000000}]}")))
        .isEqualTo("variants[0].stock");
    assertThat(field(parse("{\"name\":\"A\",\"priceCents\":1,\"currency\":\"EUR\",\"variants\":[{\"sku\":\"A\",\"name\":\"a\",\"priceCents\":1,\"stock\":-1}]}")))
        .isEqualTo("variants[0].stock");
    assertThat(field(parse("{\"name\":\"A\",\"priceCents\":1,\"currency\":\"EUR\",\"tags\":[\"ok\",7]}"))).isEqualTo("tags[1]");
  }

  @Test
  @DisplayName("broken JSON and a non-object body are 400")
  void malformed() {
    assertThat(parse("{\"name\":")).isInstanceOf(HttpStatusFailure.class);
    assertThat(((HttpStatusFailure) parse("[1,2]")).status()).isEqualTo(400);
    assertThat(((HttpStatusFailure) parse("{\"a\":1,\"a\":2}")).status()).isEqualTo(400);
  }
}
