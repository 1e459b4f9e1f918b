package dev.atelier.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {
  private static final Set<String> PROBLEM_STATUSES = Set.of("400", "401", "403", "404", "409", "413", "415",
      "422", "429", "503", "504");
  private static final OpenApiDocument.Source BASE = OpenApiSources.resource(OpenApiDocument.BASE);

  @Test
  @DisplayName("base and fragments merge into one document holding every route of the brief")
  void merges() {
    OpenApiDocument doc = OpenApiSources.all();

    assertThat(doc.operations()).extracting(o -> o.method() + " " + o.path() + " " + o.operationId()).containsExactly(
        "GET /.well-known/jwks.json getJwks",
        "GET /api/admin/dead-letters listDeadLetters",
        "DELETE /api/admin/dead-letters/{id} discardDeadLetter",
        "POST /api/admin/dead-letters/{id}/replay replayDeadLetter",
        "POST /api/ai/generations requestGeneration",
        "GET /api/ai/generations/{id} getGeneration",
        "GET /api/ai/generations/{id}/result getGenerationResult",
        "POST /api/auth/login login",
        "POST /api/auth/logout logout",
        "POST /api/auth/refresh refreshSession",
        "POST /api/auth/register registerUser",
        "POST /api/giftcards issueGiftCard",
        "POST /api/giftcards/redeem redeemGiftCard",
        "GET /api/orders listOrders",
        "POST /api/orders placeOrder",
        "GET /api/orders/{id} getOrder",
        "POST /api/orders/{id}/cancel cancelOrder",
        "GET /api/products listProducts",
        "POST /api/products createProduct",
        "DELETE /api/products/{id} deleteProduct",
        "GET /api/products/{id} getProduct",
        "PATCH /api/products/{id} updateProduct",
        "GET /api/products/{id}/recommendations getRecommendations",
        "GET /api/users/me getMe",
        "GET /api/wallet getWallet",
        "GET /api/wallet/ledger listLedger",
        "POST /api/wallet/top-ups topUpWallet",
        "GET /health/live getLive",
        "GET /health/ready getReady",
        "GET /metrics getMetrics",
        "GET /openapi.yaml getOpenApi");
    assertThat(doc.json().getJsonObject("components").getJsonObject("schemas").fieldNames())
        .contains("Problem", "ProductDraft", "ProductPatch", "Product", "ProductPage", "User", "TokenPair", "DeadLetterPage",
            "DeadLetter", "Wallet", "TopUpDraft", "LedgerPage", "GiftCardDraft", "IssuedGiftCard", "GiftCardRedemption",
            "Recommendations", "GenerationDraft", "Generation");
    assertThat(doc.json().getString("openapi")).isEqualTo("3.1.0");
    assertThat(doc.operation("getProduct")).isEqualTo(new OpenApiDocument.Operation(HttpMethod.GET, "/api/products/{id}", "getProduct"));
    assertThat(doc.operation("nope")).isNull();
  }

  @Test
  @DisplayName("every operation has an operationId, a summary and problem+json for each 4xx it documents")
  void operationsAreDocumented() {
    JsonObject paths = OpenApiSources.all().json().getJsonObject("paths");
    JsonObject responses = OpenApiSources.all().json().getJsonObject("components").getJsonObject("responses");
    for (OpenApiDocument.Operation op : OpenApiSources.all().operations()) {
      JsonObject operation = paths.getJsonObject(op.path()).getJsonObject(op.method().name().toLowerCase());
      String where = op.method() + " " + op.path();
      assertThat(operation.getString("summary")).as(where).isNotBlank();
      JsonObject documented = operation.getJsonObject("responses");
      assertThat(documented.fieldNames()).as(where + " documents a 4xx").anyMatch(s -> s.startsWith("4"));
      for (String status : documented.fieldNames()) {
        if (!status.startsWith("4") && !status.startsWith("5")) {
          continue;
        }
        assertThat(PROBLEM_STATUSES).as(where + " " + status).contains(status);
        JsonObject response = documented.getJsonObject(status);
        String ref = response.getString("$ref");
        if (ref != null) {
          response = responses.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
        }
        if (status.equals("503") && op.path().equals("/health/ready")) {
          continue;  // readiness answers its report, not a problem, when the node is DOWN
        }
        assertThat(response.getJsonObject("content").fieldNames()).as(where + " " + status)
            .containsExactly("application/problem+json");
      }
    }
  }

  @Test
  @DisplayName("a path+method declared by two sources refuses to start, naming both")
  void duplicateOperation() {
    var twin = new OpenApiDocument.Source("openapi/twin.yaml", """
        paths:
          /api/products/{productId}:
            get:
              operationId: getProductAgain
              summary: again
              responses:
                '200':
                  description: ok
        """);
    assertThatThrownBy(() -> OpenApiDocument.merge(BASE, List.of(OpenApiSources.resource(OpenApiSources.CATALOG), twin)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("operation GET /api/products/{}")
        .hasMessageContaining("openapi/catalog.yaml")
        .hasMessageContaining("openapi/twin.yaml");
  }

  @Test
  @DisplayName("a schema name declared by two sources refuses to start, naming both")
  void duplicateSchema() {
    var twin = new OpenApiDocument.Source("openapi/twin.yaml", """
        components:
          schemas:
            Problem:
              type: string
        """);
    assertThatThrownBy(() -> OpenApiDocument.merge(BASE, List.of(twin)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("component schemas/Problem")
        .hasMessageContaining("openapi/base.yaml")
        .hasMessageContaining("openapi/twin.yaml");
  }

  @Test
  @DisplayName("a repeated key within one file, a missing operationId or a foreign top-level key is refused")
  void malformedFragments() {
    var repeated = new OpenApiDocument.Source("openapi/repeated.yaml", """
        components:
          schemas:
            A:
              type: string
            A:
              type: integer
        """);
    assertThatThrownBy(() -> OpenApiDocument.merge(BASE, List.of(repeated)))
        .hasMessageContaining("openapi/repeated.yaml").hasMessageContaining("duplicate key");
    var anonymous = new OpenApiDocument.Source("openapi/anonymous.yaml", """
        paths:
          /api/x:
            get:
              responses:
                '200':
                  description: ok
        """);
    assertThatThrownBy(() -> OpenApiDocument.merge(BASE, List.of(anonymous))).hasMessage("GET /api/x has no operationId");
    var servers = new OpenApiDocument.Source("openapi/servers.yaml", "servers:\n  - url: /other\n");
    assertThatThrownBy(() -> OpenApiDocument.merge(BASE, List.of(servers))).hasMessageContaining("not 'servers'");
  }

  @Test
  @DisplayName("the YAML text reads back as the same document, response codes kept as strings")
  void yamlRoundTrips() {
    OpenApiDocument doc = OpenApiSources.all();
    JsonObject again = OpenApiYaml.read("again", doc.yaml());
    assertThat(again).isEqualTo(doc.json());
    assertThat(doc.yaml()).doesNotContain("&id").contains("'201':");
  }

  @Test
  @DisplayName("load finds the base and fragments on the class path")
  void loadsFromClassPath() {
    OpenApiDocument doc = OpenApiDocument.load(getClass().getClassLoader(), OpenApiSources.fragmentNames());
    assertThat(doc.operations()).extracting(OpenApiDocument.Operation::operationId).contains("getLive", "createProduct");
    assertThat(doc.operations()).filteredOn(o -> o.method() == HttpMethod.PATCH).hasSize(1);
    assertThatThrownBy(() -> OpenApiDocument.load(getClass().getClassLoader(), List.of("openapi/nope.yaml")))
        .hasMessage("OpenAPI resource openapi/nope.yaml is not on the class path");
  }

  @Test
  @DisplayName("writes target/openapi.yaml, the file scripts/lint-openapi lints")
  void writesDocumentForLint() throws IOException {
    Path out = Path.of("target/openapi.yaml");
    Files.createDirectories(out.getParent());
    Files.writeString(out, OpenApiSources.all().yaml());
    assertThat(Files.readString(out)).startsWith("openapi: 3.1.0");
  }
}
