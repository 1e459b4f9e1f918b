package dev.atelier.gateway.edge;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ResponseSchemasTest {
  // the wire shape eventbus-codecs pins for ProductView; a drift between record and document fails here
  private static final Path GOLDEN = Path.of("../../eventbus-codecs/src/test/resources/golden/catalog/ProductView.json");
  private static Vertx vertx;
  private static ResponseSchemas schemas;
  private static String product;

  @BeforeAll
  static void build() throws IOException {
    vertx = Vertx.vertx();
    schemas = new ResponseSchemas(vertx, ContractValidator.create(vertx, OpenApiSources.all()).await());
    product = Files.readString(GOLDEN);
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @Test
  @DisplayName("the golden ProductView is a documented product for create, get and update")
  void goldenProductIsDocumented() {
    assertThatCode(() -> {
      schemas.assertDocumented("createProduct", 201, "application/json", product);
      schemas.assertDocumented("getProduct", 200, "application/json; charset=utf-8", product);
      schemas.assertDocumented("updateProduct", 200, "application/json", product);
    }).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("a page of products cut down with ?fields= is documented, nextCursor null on the last page")
  void pageIsDocumented() {
    var item = new JsonObject(product);
    var partial = new JsonObject().put("id", item.getString("id")).put("name", item.getString("name"));
    var page = new JsonObject().put("items", new JsonArray().add(partial).add(item)).putNull("nextCursor");
    assertThatCode(() -> schemas.assertDocumented("listProducts", 200, "application/json", page.encode()))
        .doesNotThrowAnyException();
  }

  @Test
  @DisplayName("a field the document does not know, a wrong type or a missing required field is refused")
  void driftIsCaught() {
    assertThatThrownBy(() -> schemas.assertDocumented("getProduct", 200, "application/json",
        new JsonObject(product).put("ownerEmail", "a@b.c").encode()))
        .isInstanceOf(AssertionError.class).hasMessageContaining("ownerEmail");
    assertThatThrownBy(() -> schemas.assertDocumented("getProduct", 200, "application/json",
        new JsonObject(product).put("priceCents", "49.00").encode()))
        .isInstanceOf(AssertionError.class).hasMessageContaining("priceCents");
    JsonObject noId = new JsonObject(product);
    noId.remove("id");
    assertThatThrownBy(() -> schemas.assertDocumented("getProduct", 200, "application/json", noId.encode()))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> schemas.assertDocumented("getProduct", 418, "application/json", product))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  @DisplayName("a validation problem is documented problem+json")
  void problemIsDocumented() {
    var problem = new JsonObject().put("type", "https://atelier.dev/problems/unprocessable-content")
        .put("title", "Unprocessable Content").put("status", 422).put("detail", "limit: must be at most 100")
        .put("correlationId", "4f2c9a").put("errors", new JsonArray().add(new JsonObject()
            .put("field", "limit").put("message", "must be at most 100")));
    assertThatCode(() -> schemas.assertDocumented("listProducts", 422, "application/problem+json", problem.encode()))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> schemas.assertDocumented("listProducts", 422, "application/problem+json",
        problem.copy().put("status", "422").encode())).isInstanceOf(AssertionError.class);
  }
}
