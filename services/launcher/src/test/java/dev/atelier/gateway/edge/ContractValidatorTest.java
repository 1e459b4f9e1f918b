package dev.atelier.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ContractValidatorTest {
  private static final String ID = "0b7e1c52-1d0e-4c51-9a53-6a2f3a0f9c01";
  private static final String DRAFT = """
      {"name":"Oak chair","description":"Solid oak\\nhand made","priceCents":4900,"currency":"EUR",
       "tags":["furniture","oak"],"stock":12,
       "variants":[{"sku":"CH-RED","name":"Red","priceCents":5100,"stock":2}]}""";
  private static Vertx vertx;
  private static ContractValidator validator;

  @BeforeAll
  static void build() {
    vertx = Vertx.vertx();
    validator = ContractValidator.create(vertx, OpenApiSources.all()).await();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  static RequestParts get(String id, String query) {
    return new RequestParts(Map.of("id", id), query(query), MultiMap.caseInsensitiveMultiMap(), null);
  }

  static RequestParts post(String json) {
    return post(json, "application/json; charset=utf-8", "k-1");
  }

  static RequestParts post(String json, String contentType, String idempotencyKey) {
    var headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", contentType);
    if (idempotencyKey != null) {
      headers.add("Idempotency-Key", idempotencyKey);
    }
    return new RequestParts(Map.of(), MultiMap.caseInsensitiveMultiMap(), headers, Buffer.buffer(json));
  }

  private static MultiMap query(String query) {
    var map = MultiMap.caseInsensitiveMultiMap();
    if (query != null) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        map.add(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    return map;
  }

  private static Failure invalid(Future<Void> result) {
    assertThat(result.failed()).as("refused").isTrue();
    assertThat(result.cause()).isInstanceOf(Failure.class);
    var f = (Failure) result.cause();
    assertThat(f.code()).isEqualTo(FailureCode.INVALID);
    return f;
  }

  private static int status(Future<Void> result) {
    assertThat(result.failed()).as("refused").isTrue();
    assertThat(result.cause()).isInstanceOf(HttpStatusFailure.class);
    return ((HttpStatusFailure) result.cause()).status();
  }

  private static String draftWith(String extra) {
    return DRAFT.substring(0, DRAFT.length() - 1) + "," + extra + "}";
  }

  @Test
  @DisplayName("valid requests pass, and the answer is complete when validate returns")
  void validPasses() {
    assertThat(validator.validate(post(DRAFT), "createProduct").succeeded()).isTrue();
    assertThat(validator.validate(post("{\"name\":\"A\",\"priceCents\":0,\"currency\":\"EUR\"}"), "createProduct").succeeded()).isTrue();
    assertThat(validator.validate(get(ID, null), "getProduct").succeeded()).isTrue();
    assertThat(validator.validate(get(ID, "include=variants"), "getProduct").succeeded()).isTrue();
    assertThat(validator.validate(get(ID, "tag=2024&limit=100&fields=id,name,priceCents&merchantId=" + ID + "&cursor=123"),
        "listProducts").succeeded()).as("numeric-looking text stays text").isTrue();
    var patch = post("{\"stock\":3}");
    assertThat(validator.validate(new RequestParts(Map.of("id", ID), patch.query(), patch.headers(), patch.body()),
        "updateProduct").succeeded()).isTrue();
  }

  @Test
  @DisplayName("each broken body rule fails as 422 naming the field the way RequestBodies does")
  void bodyFieldsNamed() {
    assertThat(invalid(validator.validate(post(draftWith("\"merchantId\":\"" + ID + "\"")), "createProduct")))
        .extracting(Failure::field, Failure::getMessage).containsExactly("merchantId", "is not a known field");
    assertThat(invalid(validator.validate(post("{\"name\":\"A\",\"priceCents\":\"1\",\"currency\":\"EUR\"}"), "createProduct")))
        .extracting(Failure::field, Failure::getMessage).containsExactly("priceCents", "must be a whole number");
    assertThat(invalid(validator.validate(post(DRAFT.replace("\"stock\":2", "\"stock\":-1")), "createProduct")))
        .extracting(Failure::field, Failure::getMessage).containsExactly("variants[0].stock", "must be at least 0");
    assertThat(invalid(validator.validate(post(DRAFT.replace("\"stock\":12", "\"stock\":3000000000")), "createProduct")))
        .extracting(Failure::field).isEqualTo("stock");
    assertThat(invalid(validator.validate(post(DRAFT.replace("\"priceCents\":4900", "\"priceCents\":99999999999999999999")),
        "createProduct")).field()).isEqualTo("priceCents");
    assertThat(invalid(validator.validate(post("{\"name\":\"A\",\"priceCents\":1}"), "createProduct")))
        .extracting(Failure::field, Failure::getMessage).containsExactly("currency", "is required");
    assertThat(invalid(validator.validate(post(DRAFT.replace("\"CH-RED\"", "\"-bad sku\"")), "createProduct")).field())
        .isEqualTo("variants[0].sku");
    assertThat(invalid(validator.validate(post(DRAFT.replace("\"oak\"", "7")), "createProduct")).field()).isEqualTo("tags[1]");
    assertThat(invalid(validator.validate(post(DRAFT.replace("\"Oak chair\"", "\"   \"")), "createProduct")).field()).isEqualTo("name");
    assertThat(invalid(validator.validate(post(DRAFT.replace("\"Oak chair\"", "\"" + "x".repeat(201) + "\"")), "createProduct")))
        .extracting(Failure::field, Failure::getMessage).containsExactly("name", "must be at most 200 characters");
    assertThat(invalid(validator.validate(post(DRAFT.replace("\"Oak chair\"", "null")), "createProduct")))
        .extracting(Failure::field, Failure::getMessage).containsExactly("name", "must be a string");
  }

  @Test
  @DisplayName("an empty patch is refused about the whole body")
  void emptyPatch() {
    var patch = post("{}");
    Failure f = invalid(validator.validate(new RequestParts(Map.of("id", ID), patch.query(), patch.headers(), patch.body()),
        "updateProduct"));
    assertThat(f.field()).isNull();
    assertThat(f.getMessage()).isEqualTo("must hold at least one field");
  }

  @Test
  @DisplayName("bad parameters fail as 422 naming the parameter")
  void parametersNamed() {
    assertThat(invalid(validator.validate(get("not-a-uuid", null), "getProduct")))
        .extracting(Failure::field, Failure::getMessage).containsExactly("id", "must be a UUID");
    assertThat(invalid(validator.validate(get(ID, "limit=1000"), "listProducts")))
        .extracting(Failure::field, Failure::getMessage).containsExactly("limit", "must be at most 100");
    assertThat(invalid(validator.validate(get(ID, "limit=0"), "listProducts")).field()).isEqualTo("limit");
    assertThat(invalid(validator.validate(get(ID, "limit=ten"), "listProducts")))
        .extracting(Failure::field, Failure::getMessage).containsExactly("limit", "must be a whole number");
    assertThat(invalid(validator.validate(get(ID, "limit=99999999999"), "listProducts")).field()).isEqualTo("limit");
    assertThat(invalid(validator.validate(get(ID, "fields=id,password"), "listProducts")).field()).isEqualTo("fields[1]");
    assertThat(invalid(validator.validate(get(ID, "merchantId=42"), "listProducts")).field()).isEqualTo("merchantId");
    assertThat(invalid(validator.validate(get(ID, "include=everything"), "getProduct")).field()).isEqualTo("include");
    assertThat(invalid(validator.validate(post(DRAFT, "application/json", "bad key"), "createProduct")).field())
        .isEqualTo("Idempotency-Key");
  }

  @Test
  @DisplayName("malformed JSON, a non-object body, an empty body or a missing required header are 400; another media type 415")
  void httpLevelFailures() {
    assertThat(status(validator.validate(post("{\"name\":"), "createProduct"))).isEqualTo(400);
    assertThat(status(validator.validate(post("{\"name\":\"A\",\"name\":\"B\"}"), "createProduct"))).isEqualTo(400);
    assertThat(status(validator.validate(post("[1,2]"), "createProduct"))).isEqualTo(400);
    assertThat(status(validator.validate(post(""), "createProduct"))).isEqualTo(400);
    assertThat(status(validator.validate(post(DRAFT, "text/plain", "k-1"), "createProduct"))).isEqualTo(415);
    Future<Void> noKey = validator.validate(post(DRAFT, "application/json", null), "createProduct");
    assertThat(status(noKey)).isEqualTo(400);
    assertThat(noKey.cause()).hasMessageContaining("Idempotency-Key");
  }

  @Test
  @DisplayName("an optional body may be left out, but when sent it is checked")
  void optionalBody() {
    var none = new RequestParts(Map.of(), MultiMap.caseInsensitiveMultiMap(), MultiMap.caseInsensitiveMultiMap(), null);
    assertThat(validator.validate(none, "logout").succeeded()).isTrue();
    assertThat(invalid(validator.validate(post("{\"refreshToken\":\"\"}"), "logout")).field()).isEqualTo("refreshToken");
  }
}
