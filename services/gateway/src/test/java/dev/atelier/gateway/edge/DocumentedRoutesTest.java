package dev.atelier.gateway.edge;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.runtime.http.ApiReply;
import dev.atelier.runtime.http.ApiRoute;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DocumentedRoutesTest {
  private static OpenApiDocument shopDocument() throws IOException {
    try (InputStream base = DocumentedRoutesTest.class.getClassLoader().getResourceAsStream(OpenApiDocument.BASE);
         InputStream shop = DocumentedRoutesTest.class.getClassLoader().getResourceAsStream("openapi/shop.yaml")) {
      return OpenApiDocument.merge(new OpenApiDocument.Source("base", new String(base.readAllBytes(), StandardCharsets.UTF_8)),
          List.of(new OpenApiDocument.Source("shop", new String(shop.readAllBytes(), StandardCharsets.UTF_8))));
    }
  }

  private static ApiRoute get(String path, String operationId) {
    return ApiRoute.get(path, operationId).handle(req -> Future.succeededFuture(ApiReply.noContent()));
  }

  private static List<ApiRoute> shopRoutes() {
    return List.of(get("/api/things/:id", "getThing"), get("/api/things/special", "getSpecialThing"),
        get("/api/my/things/:id", "getMyThing"),
        ApiRoute.post("/api/things", "createThing").body(Object.class).handle(req -> Future.succeededFuture(ApiReply.noContent())));
  }

  @Test
  @DisplayName("the route table and the document agree: start-up goes on")
  void agreement() throws IOException {
    OpenApiDocument doc = shopDocument();
    assertThatCode(() -> DocumentedRoutes.check(shopRoutes(), doc)).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("an undocumented route, a moved path and a documented operation nobody serves each stop the start")
  void drift() throws IOException {
    OpenApiDocument doc = shopDocument();
    var extra = new java.util.ArrayList<>(shopRoutes());
    extra.add(get("/api/secret", "getSecret"));
    assertThatThrownBy(() -> DocumentedRoutes.check(extra, doc)).hasMessageContaining("GET /api/secret (getSecret) is not in");
    var moved = new java.util.ArrayList<>(shopRoutes());
    moved.set(0, get("/api/thing/:id", "getThing"));
    assertThatThrownBy(() -> DocumentedRoutes.check(moved, doc)).hasMessageContaining("getThing is GET /api/thing/{id}");
    var missing = shopRoutes().subList(1, 4);
    assertThatThrownBy(() -> DocumentedRoutes.check(missing, doc)).hasMessageContaining("(getThing) is documented but not served");
  }
}
