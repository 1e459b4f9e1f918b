package dev.atelier.codecs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class RecordCodecTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  @Test
  @DisplayName("every record of every contract has a sample, so none escapes the round trip")
  void everyTypeHasASample() {
    assertThat(samples().keySet()).containsExactlyInAnyOrderElementsOf(Codecs.messageTypes());
  }

  @TestFactory
  Iterable<DynamicTest> roundTrips() {
    return samples().entrySet().stream().map(e -> DynamicTest.dynamicTest(
        e.getKey().getSimpleName() + " survives the wire and matches its golden JSON", () -> roundTrip(e))).toList();
  }

  private static Map<Class<?>, Object> samples() {
    var all = new java.util.LinkedHashMap<Class<?>, Object>();
    Contracts.all().forEach(c -> all.putAll(c.samples()));
    return all;
  }

  @Test
  @DisplayName("contracts are found by discovery, the catalog's among them")
  void discovery() {
    assertThat(Contracts.all()).extracting(ServiceContract::service).contains("platform", "catalog");
  }

  @SuppressWarnings("unchecked")
  private static <T> void roundTrip(Map.Entry<Class<?>, Object> sample) throws IOException {
    var codec = new RecordCodec<>((Class<T>) sample.getKey());
    T value = (T) sample.getValue();

    assertThat(codec.transform(value)).as("by reference inside one JVM").isSameAs(value);
    Buffer wire = Buffer.buffer().appendString("header");
    codec.encodeToWire(wire, value);
    T back = codec.decodeFromWire("header".length(), wire);
    assertThat(back).isEqualTo(value).isNotSameAs(value);

    String domain = sample.getKey().getPackageName().substring(sample.getKey().getPackageName().lastIndexOf('.') + 1);
    Path golden = GOLDEN.resolve(domain).resolve(sample.getKey().getSimpleName() + ".json");
    String json = ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
    if (Boolean.getBoolean("golden.write")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, json);
    }
    assertThat(golden).as("golden file (regenerate with -Dgolden.write=true after a deliberate change)").exists();
    String expected = Files.readString(golden, StandardCharsets.UTF_8);
    assertThat(ContractJson.mapper().readTree(json)).as("wire JSON of " + golden).isEqualTo(ContractJson.mapper().readTree(expected));
    assertThat(ContractJson.mapper().readValue(expected, sample.getKey())).as("golden JSON still reads").isEqualTo(value);
  }

  @Test
  @DisplayName("failure codes have distinct wire numbers")
  void wireNumbers() {
    for (FailureCode c : FailureCode.values()) {
      assertThat(FailureCode.fromWire(c.wire)).isEqualTo(c);
    }
  }

  @Test
  @DisplayName("addresses must read <service>.<noun>.<verb>")
  void addressNames() {
    assertThat(Address.of("catalog.product.get", String.class, String.class).service()).isEqualTo("catalog");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Address.of("getProduct", String.class, String.class))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
