package dev.atelier.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.Failure;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Parameter;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SimpleParameterSchemaTest {
  private static Vertx vertx;
  private static OpenAPIContract contract;

  @BeforeAll
  static void build() {
    vertx = Vertx.vertx();
    contract = ContractValidator.create(vertx, OpenApiSources.all()).await().contract();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  private static Parameter parameter(String operationId, String name) {
    return contract.operation(operationId).getParameters().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
  }

  private static String interpreter(Parameter p, Object value) {
    OutputUnit result = contract.getSchemaRepository().validator(p.getSchema()).validate(value);
    if (result.getValid()) {
      return "ok";
    }
    Failure f = (Failure) SchemaFailures.of(result, p.getName());
    return f.field() + ": " + f.getMessage();
  }

  private static String fast(Parameter p, Object value) {
    SimpleParameterSchema simple = SimpleParameterSchema.of(p.getSchema(), contract.getSchemaRepository());
    assertThat(simple).as(p.getName() + " takes the fast path").isNotNull();
    try {
      simple.check(p.getName(), value);
      return "ok";
    } catch (Failure f) {
      return f.field() + ": " + f.getMessage();
    }
  }

  @Test
  @DisplayName("the Java check and the schema interpreter accept and refuse the same values, in the same words")
  void agreesWithInterpreter() {
    var cases = List.of(
        List.of(parameter("getProduct", "id"), List.<Object>of("0b7e1c52-1d0e-4c51-9a53-6a2f3a0f9c01",
            "0B7E1C52-1D0E-4C51-9A53-6A2F3A0F9C01", "not-a-uuid", "0b7e1c52-1d0e-4c51-9a53-6a2f3a0f9c0", "")),
        List.of(parameter("getProduct", "include"), List.<Object>of("variants", "everything", "")),
        List.of(parameter("listProducts", "limit"), List.<Object>of(1, 100, 0, 101, 1000, -5, "ten", "",
            99_999_999_999L, new BigInteger("99999999999999999999999"))),
        List.of(parameter("listProducts", "tag"), List.<Object>of("oak", "", "x".repeat(51))),
        List.of(parameter("listProducts", "fields"), List.<Object>of(new JsonArray().add("id").add("name"),
            new JsonArray(), new JsonArray().add("id").add("password"), "id")),
        List.of(parameter("listProducts", "merchantId"), List.<Object>of("0b7e1c52-1d0e-4c51-9a53-6a2f3a0f9c01", "42")));
    for (List<?> c : cases) {
      Parameter p = (Parameter) c.get(0);
      for (Object value : (List<?>) c.get(1)) {
        assertThat(fast(p, value)).as(p.getName() + "=" + value).isEqualTo(interpreter(p, value));
      }
    }
  }

  @Test
  @DisplayName("a schema with a pattern stays with the interpreter")
  void complexSchemasFallBack() {
    assertThat(SimpleParameterSchema.of(parameter("createProduct", "Idempotency-Key").getSchema(),
        contract.getSchemaRepository())).isNull();
  }
}
